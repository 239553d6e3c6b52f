import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { recordType } from '../../src/store/versioned.ts';
import { writeCheck } from '../../src/store/write-check.ts';

/** Counts how often the schema of a map entry runs, to see what a write re-checks. */
function counted() {
  let runs = 0;
  const card = z.object({ due: z.string().min(10), reps: z.number().int() }).refine(() => {
    runs++;
    return true;
  });
  const schema = z.object({
    v: z.literal(1),
    points: z.number().int().min(0),
    streak: z.object({ current: z.number().int().min(0) }),
    progress: z.record(z.string().regex(/^q-/), card),
    log: z.record(z.string(), z.object({ p: z.number() })).default({}),
  });
  return { schema, runs: () => runs };
}

const card = (reps: number) => ({ due: '2026-12-06T00:00:00Z', reps });
const record = () => ({
  v: 1 as const,
  points: 3,
  streak: { current: 1 },
  progress: { 'q-a': card(1), 'q-b': card(2), 'q-c': card(3) },
  log: {},
});

describe('write check', () => {
  test('given a valid record, when it is checked, then it passes and every entry is checked once', () => {
    const { schema, runs } = counted();
    writeCheck(schema).check(record());
    assert.equal(runs(), 3);
  });

  test('given a record read back, when one map entry is replaced, then only that entry is checked again', () => {
    const { schema, runs } = counted();
    const type = recordType(schema, 1);
    const { value: read } = type.read(record(), 'k');
    const before = runs();
    type.check({ ...read, points: 4, progress: { ...read.progress, 'q-b': card(5) } });
    assert.equal(runs() - before, 1);
  });

  test('given a record written before, when it is written again with one new entry, then only the new entry is checked', () => {
    const { schema, runs } = counted();
    const check = writeCheck(schema);
    const first = record();
    check.check(first);
    const before = runs();
    check.check({ ...first, progress: { ...first.progress, 'q-d': card(9) } });
    assert.equal(runs() - before, 1);
  });

  test('given a changed entry that breaks the schema, when it is checked, then it throws', () => {
    const { schema } = counted();
    const check = writeCheck(schema);
    const first = record();
    check.check(first);
    assert.throws(
      () => check.check({ ...first, progress: { ...first.progress, 'q-b': card(1.5) } }),
      z.ZodError,
    );
  });

  test('given a bad map key, a bad number, a bad nested object or a missing field, then each throws', () => {
    const { schema } = counted();
    const check = writeCheck(schema);
    const good = record();
    check.check(good);
    for (const bad of [
      { ...good, progress: { ...good.progress, 'x-d': card(1) } },
      { ...good, points: -1 },
      { ...good, points: Number.NaN },
      { ...good, streak: { current: 1.5 } },
      { ...good, v: 2 },
      (({ streak: _, ...rest }) => rest)(good),
      { ...good, progress: [card(1)] },
      null,
      'a string',
    ]) {
      assert.throws(() => check.check(bad), z.ZodError, JSON.stringify(bad));
    }
  });

  test('given a field with a default, when it is missing, then the record passes (the read fills it in)', () => {
    const { schema } = counted();
    const { log: _, ...withoutLog } = record();
    writeCheck(schema).check(withoutLog);
  });

  test('given a schema that is not an object, then the whole value is parsed', () => {
    const check = writeCheck(z.array(z.number()));
    check.check([1, 2]);
    assert.throws(() => check.check([1, 'x']), z.ZodError);
  });
});
