// The writer's queue on its own, with a recording statement runner (the contract suite runs it
// against SQLite).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreWriter } from '../../src/store/writer.ts';

function recordingWriter(fail?: (params: readonly unknown[]) => boolean) {
  const statements: { sql: string; params: readonly unknown[] }[] = [];
  let release: (() => void) | undefined;
  // A recording engine: statements of one commit run "in a transaction" (BEGIN … COMMIT, or
  // ROLLBACK when one fails), as the real adapters do.
  const run = async (sql: string, params: readonly unknown[]) => {
    statements.push({ sql, params });
    // The first statement waits until released, so later writes queue up behind it.
    if (statements.length === 1) await new Promise<void>((r) => (release = r));
    if (fail?.(params)) throw new Error('SQLITE_FULL');
    return sql.startsWith('DELETE') ? [{ key: 'x' }] : [];
  };
  const writer = new StoreWriter({
    dialect: {
      upsert: (rows) => ({ sql: 'INSERT', params: rows.flat() }),
      delete: (keys) => ({ sql: 'DELETE', params: [JSON.stringify(keys)] }),
    },
    execute: async (list) => {
      if (list.length === 1) return run(list[0]!.sql, list[0]!.params);
      await run('BEGIN', []);
      try {
        let rows: unknown[] = [];
        for (const s of list) rows = await run(s.sql, s.params);
        await run('COMMIT', []);
        return rows;
      } catch (error) {
        await run('ROLLBACK', []);
        throw error;
      }
    },
  });
  const put = (...rows: [string, string][]) => writer.commit({ puts: rows, dels: [] });
  return { writer, put, statements, release: () => release?.() };
}

test('given writes asked for while a statement runs, when it finishes, then they go out together in one statement', async () => {
  const { put, statements, release } = recordingWriter();
  const first = put(['a', '1']);
  const later = [put(['b', '2']), put(['a', '3'], ['c', '4'])];
  release();
  await Promise.all([first, ...later]);
  assert.equal(statements.length, 2);
  // One row per key, with the value asked for last.
  assert.deepEqual(statements[1]?.params, ['b', '2', 'a', '3', 'c', '4']);
});

test('given a grouped statement that fails, then each write is retried alone and only the failing one is rejected', async () => {
  const { put, statements, release } = recordingWriter((params) => params.includes('b'));
  const first = put(['a', '1']);
  const failing = put(['b', '2']);
  const other = put(['c', '3']);
  release();
  await first;
  await assert.rejects(failing, /SQLITE_FULL/);
  await other;
  assert.deepEqual(
    statements.slice(1).map((s) => s.params),
    [
      ['b', '2', 'c', '3'],
      ['b', '2'],
      ['c', '3'],
    ],
  );
  await put(['d', '4']);
  assert.deepEqual(statements.at(-1)?.params, ['d', '4']);
});

test('given puts and deletes in one commit, then they run in one transaction after the writes queued before', async () => {
  const { writer, put, statements, release } = recordingWriter();
  const first = put(['a', '1']);
  const mixed = writer.commit({ puts: [['b', '2']], dels: ['a'] });
  const after = put(['c', '3']);
  release();
  await first;
  assert.equal(await mixed, 1);
  await after;
  assert.deepEqual(
    statements.slice(1).map((s) => s.sql.split(' ')[0]),
    ['BEGIN', 'INSERT', 'DELETE', 'COMMIT', 'INSERT'],
  );
});

test('given a mixed commit whose delete fails, then it is rolled back and rejected', async () => {
  const { writer, statements, release } = recordingWriter((params) => String(params[0]).includes('"gone"'));
  const first = writer.commit({ puts: [['x', '0']], dels: [] });
  const mixed = writer.commit({ puts: [['b', '2']], dels: ['gone'] });
  release();
  await first;
  await assert.rejects(mixed, /SQLITE_FULL/);
  assert.equal(statements.at(-1)?.sql, 'ROLLBACK');
});

test('given no entries, when committed, then no statement runs', async () => {
  const { writer, statements } = recordingWriter();
  assert.equal(await writer.commit({ puts: [], dels: [] }), 0);
  assert.equal(statements.length, 0);
});

test('given one commit of more than 5,000 rows, when asked for, then it is refused; 5,000 go out in statements of at most 256 rows in one transaction', async () => {
  const { writer, statements, release } = recordingWriter();
  const rows = (n: number) => Array.from({ length: n }, (_, i) => [`k${i}`, 'v'] as const);
  await assert.rejects(writer.commit({ puts: rows(5001), dels: [] }), /one write is limited to 5000 records/);
  const done = writer.commit({ puts: rows(5000), dels: [] });
  release();
  await done;
  const inserts = statements.filter((s) => s.sql === 'INSERT');
  assert.equal(inserts.length, Math.ceil(5000 / 256));
  assert.deepEqual(
    inserts.map((s) => s.params.length / 2),
    [...Array.from({ length: 19 }, () => 256), 5000 - 19 * 256],
  );
  assert.equal(statements[0]?.sql, 'BEGIN');
  assert.equal(statements.at(-1)?.sql, 'COMMIT');
});

test('given put-only commits queued behind a statement, when they add up to more than 256 rows, then they are grouped up to 256 rows per statement', async () => {
  const { writer, put, statements, release } = recordingWriter();
  const first = put(['a', '1']);
  const rows = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => [`${prefix}${i}`, 'v'] as [string, string]);
  const queued = [
    writer.commit({ puts: rows('x', 200), dels: [] }),
    writer.commit({ puts: rows('y', 56), dels: [] }),
    writer.commit({ puts: rows('z', 1), dels: [] }),
  ];
  release();
  await Promise.all([first, ...queued]);
  assert.deepEqual(
    statements.map((s) => s.params.length / 2),
    [1, 256, 1],
  );
});

test('given one key written twice in one commit, when it is applied, then one row holds the value asked for last', async () => {
  const { put, statements, release } = recordingWriter();
  const done = put(['k', 'old'], ['other', 'x'], ['k', 'new']);
  release();
  await done;
  assert.deepEqual(statements[0]?.params, ['other', 'x', 'k', 'new']);
});

test('given a commit that deletes, when it is applied, then it resolves with the number of rows deleted; flush waits for every queued commit', async () => {
  const { writer, put, release } = recordingWriter();
  const first = put(['a', '1']);
  const deleting = writer.commit({ puts: [], dels: ['a'] });
  let flushed = false;
  const flushing = writer.flush().then(() => {
    flushed = true;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(flushed, false, 'a statement is still waiting');
  release();
  await first;
  assert.equal(await deleting, 1);
  await flushing;
  assert.equal(flushed, true);
});
