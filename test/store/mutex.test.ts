import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedMutex } from '../../src/store/mutex.ts';

test('given calls on one key, then they run one at a time in order', async () => {
  const mutex = new KeyedMutex();
  const log: string[] = [];
  await Promise.all(
    [1, 2, 3].map((i) =>
      mutex.withLock('k', async () => {
        log.push(`start ${i}`);
        await sleep(5);
        log.push(`end ${i}`);
      }),
    ),
  );
  assert.deepEqual(log, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  assert.equal(mutex.size, 0, 'released keys are forgotten');
});

test('given calls on different keys, then they overlap', async () => {
  const mutex = new KeyedMutex();
  let running = 0;
  let peak = 0;
  await Promise.all(
    ['a', 'b', 'c'].map((key) =>
      mutex.withLock(key, async () => {
        peak = Math.max(peak, ++running);
        await sleep(5);
        running--;
      }),
    ),
  );
  assert.equal(peak, 3);
});

test('given a holder that throws, then the next caller still gets the lock', async () => {
  const mutex = new KeyedMutex();
  await assert.rejects(mutex.withLock('k', async () => Promise.reject(new Error('boom'))));
  assert.equal(await mutex.withLock('k', async () => 'ok'), 'ok');
});
