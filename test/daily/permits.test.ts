// Permits: at most N tasks at once, the rest in call order; a failed task frees its permit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Permits } from '../../src/daily/permits.ts';

/** A task the test finishes by hand. */
function gate() {
  let open: () => void = () => {};
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, done };
}

test('given 2 permits and 4 tasks, when they are started at once, then 2 run, and the others start in call order as permits free', async () => {
  const permits = new Permits(2);
  const started: number[] = [];
  const gates = [gate(), gate(), gate(), gate()];
  const runs = gates.map((g, i) =>
    permits.use(async () => {
      started.push(i);
      await g.done;
      return i;
    }),
  );
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1]);
  gates[1]!.open();
  await runs[1];
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2]);
  gates[0]!.open();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, [0, 1, 2, 3]);
  gates[2]!.open();
  gates[3]!.open();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
});

test('given a task that fails, when it ends, then its permit is free again and the error reaches the caller', async () => {
  const permits = new Permits(1);
  await assert.rejects(
    permits.use(async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await permits.use(async () => 'next'), 'next');
  // Freed permits add up: two tasks may run at once again after both finished.
  const two = new Permits(2);
  await Promise.all([two.use(async () => 1), two.use(async () => 2)]);
  let running = 0;
  let most = 0;
  await Promise.all(
    [1, 2, 3].map(() =>
      two.use(async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setImmediate(r));
        running--;
      }),
    ),
  );
  assert.equal(most, 2);
});
