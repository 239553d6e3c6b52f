import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SqliteConnection } from '../../src/store/sqlite.ts';

async function open(t: { after: (fn: () => Promise<void>) => void }, maxPrepared = 2) {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-conn-'));
  const connection = await SqliteConnection.open(join(dir, 'db.sqlite'), {
    busyTimeoutMs: 1000,
    maxPrepared,
  });
  let closed = false;
  t.after(async () => {
    if (!closed) await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await connection.all('CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT)');
  const upsert = (rows: number) =>
    `INSERT INTO kv (key, value) VALUES ${Array.from({ length: rows }, () => '(?, ?)').join(', ')} ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
  return {
    connection,
    upsert,
    close: async () => {
      closed = true;
      await connection.close();
    },
  };
}

describe('the SQLite connection', () => {
  test('given a kept statement, when it runs again with other values, then each run is committed', async (t) => {
    const { connection, upsert } = await open(t);
    await connection.runPrepared(upsert(2), ['a', '1', 'b', '1']);
    await connection.runPrepared(upsert(2), ['a', '2', 'c', '2']);
    assert.deepEqual(await connection.all('SELECT key, value FROM kv ORDER BY key'), [
      { key: 'a', value: '2' },
      { key: 'b', value: '1' },
      { key: 'c', value: '2' },
    ]);
  });

  test('given more statements than are kept, when all run, then the oldest is dropped and all still work', async (t) => {
    const { connection, upsert, close } = await open(t, 2);
    for (let rows = 1; rows <= 4; rows++) {
      const params = Array.from({ length: rows }, (_, i) => [`k${rows}-${i}`, 'v']).flat();
      await connection.runPrepared(upsert(rows), params);
    }
    await connection.runPrepared(upsert(1), ['again', 'v']);
    assert.deepEqual(await connection.all('SELECT count(*) AS n FROM kv'), [{ n: 11 }]);
    await close(); // SQLite refuses to close while a statement is open: all were finalised
  });

  test('given a statement that fails to prepare, when it is fixed, then the next call prepares it again', async (t) => {
    const { connection } = await open(t);
    const sql = 'INSERT INTO later (key) VALUES (?)';
    await assert.rejects(connection.runPrepared(sql, ['x']), /no such table: later/);
    await connection.all('CREATE TABLE later(key TEXT)');
    await connection.runPrepared(sql, ['x']);
    assert.deepEqual(await connection.all('SELECT key FROM later'), [{ key: 'x' }]);
  });

  test('given a run that violates a constraint, when it fails, then the kept statement still works', async (t) => {
    const { connection } = await open(t);
    await connection.all('CREATE TABLE strict_kv(key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const sql = 'INSERT INTO strict_kv (key, value) VALUES (?, ?)';
    await assert.rejects(connection.runPrepared(sql, ['a', null]), /NOT NULL/);
    await connection.runPrepared(sql, ['a', 'ok']);
    assert.deepEqual(await connection.all('SELECT * FROM strict_kv'), [{ key: 'a', value: 'ok' }]);
  });
});
