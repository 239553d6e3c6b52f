// Record versions: every read is migrated step by step to the current version and parsed; what
// cannot be read is refused with the key and the reason, never taken for "no record".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { CorruptRecordError, RecordTooNewError, recordType } from '../../src/store/versioned.ts';

const v3 = z.object({
  v: z.literal(3),
  name: z.string(),
  tags: z.array(z.string()),
  steps: z.array(z.number()),
});
const type = recordType(v3, 3, {
  1: (raw) => ({ ...raw, tags: [], steps: [...((raw.steps as number[]) ?? []), 1] }),
  2: (raw) => ({ ...raw, steps: [...(raw.steps as number[]), 2] }),
});

test('given a record type at v3, when it lacks a migration from v1 or v2, then it cannot be declared', () => {
  assert.throws(() => recordType(v3, 3, { 1: (raw) => raw }), /record type v3 has no migration from v2/);
  assert.throws(() => recordType(v3, 3, { 2: (raw) => raw }), /no migration from v1/);
  assert.doesNotThrow(() => recordType(z.object({ v: z.literal(1) }), 1));
});

test('given a v1 record, when it is read at v3, then each migration runs once, in order, the version is set and it is marked migrated', () => {
  const { value, migrated } = type.read({ v: 1, name: 'a' }, 'k');
  assert.deepEqual(value, { v: 3, name: 'a', tags: [], steps: [1, 2] });
  assert.equal(migrated, true);
  const fromV2 = type.read({ v: 2, name: 'b', tags: ['x'], steps: [] }, 'k');
  assert.deepEqual(fromV2.value, { v: 3, name: 'b', tags: ['x'], steps: [2] });
  const current = type.read({ v: 3, name: 'c', tags: [], steps: [] }, 'k');
  assert.equal(current.migrated, false);
});

test('given values that are not records or have no valid version, when they are read, then each is refused as corrupt, naming the key', () => {
  for (const raw of [null, 'text', 7, [1, 2]]) {
    assert.throws(
      () => type.read(raw, 'g:1:user:9'),
      (err: unknown) =>
        err instanceof CorruptRecordError &&
        /g:1:user:9 does not match its schema: not an object/.test(err.message),
    );
  }
  for (const v of [undefined, 0, -1, 1.5, '1']) {
    assert.throws(() => type.read({ v, name: 'a' }, 'k'), /no valid version \(v = /);
  }
  assert.throws(() => type.read({ v: 3, name: 5, tags: [], steps: [] }, 'k'), CorruptRecordError);
});

test('given a record newer than the code, when it is read, then it is refused with both versions', () => {
  assert.throws(
    () => type.read({ v: 4, name: 'a' }, 'k'),
    (err: unknown) =>
      err instanceof RecordTooNewError &&
      err.found === 4 &&
      err.supported === 3 &&
      /version 4, but this build reads up to version 3/.test(err.message),
  );
});

test('given a record to write, when it is checked, then a valid one passes and an invalid one throws', () => {
  assert.doesNotThrow(() => type.check({ v: 3, name: 'a', tags: [], steps: [] }));
  assert.throws(() => type.check({ v: 3, name: 'a', tags: [1], steps: [] } as never));
});
