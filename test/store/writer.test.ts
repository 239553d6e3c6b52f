// The writer's queue on its own, with a recording statement runner (the contract suite runs it
// against SQLite).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreWriter } from '../../src/store/writer.ts';

function recordingWriter(fail?: (params: string[]) => boolean) {
  const statements: string[][] = [];
  let release: (() => void) | undefined;
  const writer = new StoreWriter({
    table: 't',
    storedKey: (k) => `ns:${k}`,
    storedValue: (v) => JSON.stringify(v),
    run: async (_sql, params) => {
      statements.push(params);
      // The first statement waits until released, so later writes queue up behind it.
      if (statements.length === 1) await new Promise<void>((r) => (release = r));
      if (fail?.(params)) throw new Error('SQLITE_FULL');
    },
  });
  return { writer, statements, release: () => release?.() };
}

test('given writes asked for while a statement runs, when it finishes, then they go out together in one statement', async () => {
  const { writer, statements, release } = recordingWriter();
  const first = writer.write([{ key: 'a', value: 1 }]);
  const later = [
    writer.write([{ key: 'b', value: 2 }]),
    writer.write([
      { key: 'a', value: 3 },
      { key: 'c', value: 4 },
    ]),
  ];
  release();
  await Promise.all([first, ...later]);
  assert.equal(statements.length, 2);
  // One row per key, with the value asked for last.
  assert.deepEqual(statements[1], ['ns:b', '2', 'ns:a', '3', 'ns:c', '4']);
});

test('given a grouped statement that fails, then each write is retried alone and only the failing one is rejected', async () => {
  const { writer, statements, release } = recordingWriter((params) => params.includes('ns:b'));
  const first = writer.write([{ key: 'a', value: 1 }]);
  const failing = writer.write([{ key: 'b', value: 2 }]);
  const other = writer.write([{ key: 'c', value: 3 }]);
  release();
  await first;
  await assert.rejects(failing, /SQLITE_FULL/);
  await other;
  assert.deepEqual(statements.slice(1), [
    ['ns:b', '2', 'ns:c', '3'],
    ['ns:b', '2'],
    ['ns:c', '3'],
  ]);
  await writer.write([{ key: 'd', value: 4 }]);
  assert.deepEqual(statements.at(-1), ['ns:d', '4']);
});

test('given values changed after the write was asked for, then what was asked for is written', async () => {
  const { writer, statements, release } = recordingWriter();
  const first = writer.write([{ key: 'a', value: 1 }]);
  const record = { n: 1 };
  const second = writer.write([{ key: 'r', value: record }]);
  record.n = 2;
  release();
  await Promise.all([first, second]);
  assert.deepEqual(statements[1], ['ns:r', '{"n":1}']);
});

test('given no entries, when written, then no statement runs', async () => {
  const { writer, statements } = recordingWriter();
  await writer.write([]);
  assert.equal(statements.length, 0);
});
