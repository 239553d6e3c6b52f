// Opening a SQLite store from DATABASE_URL: the path, private files and folders, the pragmas that
// make commits durable and deletions unreadable, and the port's raw and scan views of the rows.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type TestContext, test } from 'node:test';
import { openStore, sqlitePathFromUrl } from '../../src/store/open.ts';

function tempFolder(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'open-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('given DATABASE_URLs, when the SQLite path is read, then a relative path is resolved, :memory: stays, and anything else says how one looks', () => {
  assert.equal(sqlitePathFromUrl('sqlite://data/bot.sqlite'), resolve('data/bot.sqlite'));
  assert.equal(sqlitePathFromUrl('sqlite:///var/lib/bot.sqlite'), '/var/lib/bot.sqlite');
  assert.equal(sqlitePathFromUrl('sqlite://:memory:'), ':memory:');
  for (const bad of ['sqlite://', 'mysql://host/db', 'data/bot.sqlite'])
    assert.throws(
      () => sqlitePathFromUrl(bad),
      new RegExp(`must look like sqlite://path/to/file\\.sqlite \\(got ${bad}\\)`),
    );
});

test('given a file in folders that do not exist, when the store opens, then the folders (0700) and the file (0600) are created private', async (t) => {
  const dir = tempFolder(t);
  const file = join(dir, 'a', 'b', 'bot.sqlite');
  const store = await openStore(`sqlite://${file}`);
  t.after(() => store.close());
  assert.equal(statSync(join(dir, 'a')).mode & 0o777, 0o700);
  assert.equal(statSync(join(dir, 'a', 'b')).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(store.file, file);
  assert.equal(store.engine, 'sqlite');
  assert.equal(store.shared, false);
});

test('given a file where a folder should be, when the store opens, then it says so', async (t) => {
  const dir = tempFolder(t);
  writeFileSync(join(dir, 'taken'), 'x');
  await assert.rejects(
    openStore(`sqlite://${join(dir, 'taken', 'bot.sqlite')}`),
    /taken exists and is not a folder/,
  );
});

test('given a file store, then commits are durable across a crash (WAL, synchronous NORMAL) and deleted content is zeroed (secure_delete)', async (t) => {
  const dir = tempFolder(t);
  const store = await openStore(`sqlite://${join(dir, 'bot.sqlite')}`);
  t.after(() => store.close());
  assert.deepEqual(await store.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
  assert.deepEqual(await store.query('PRAGMA synchronous'), [{ synchronous: 1 }]);
  assert.deepEqual(await store.query('PRAGMA secure_delete'), [{ secure_delete: 1 }]);
});

test('given a deleted record, when deletions are flushed, then the write-ahead log is emptied into the file', async (t) => {
  const dir = tempFolder(t);
  const file = join(dir, 'bot.sqlite');
  const store = await openStore(`sqlite://${file}`);
  t.after(() => store.close());
  await store.commit([{ key: 'g:1:user:1', value: { v: 1, secret: 'x'.repeat(5000) } }]);
  await store.commit([], ['g:1:user:1']);
  assert.ok(statSync(`${file}-wal`).size > 0);
  await store.flushDeleted();
  assert.equal(statSync(`${file}-wal`).size, 0);
  assert.equal(await store.keyv.get('g:1:user:1'), undefined);
});

test('given records, when they are scanned and read raw, then scan gives keys without the namespace and values, raw gives the stored rows, and raw rows put elsewhere read the same', async (t) => {
  const a = await openStore('sqlite://:memory:');
  const b = await openStore('sqlite://:memory:');
  t.after(async () => {
    await a.close();
    await b.close();
  });
  await a.commit([
    { key: 'g:1:x', value: { v: 1, n: 1 } },
    { key: 'g:1:y', value: { v: 1, s: ':colon' } },
    { key: 'g:2:z', value: { v: 1 } },
  ]);
  assert.deepEqual(await a.scan('g:1:'), [
    { key: 'g:1:x', value: { v: 1, n: 1 } },
    { key: 'g:1:y', value: { v: 1, s: ':colon' } },
  ]);
  const rows: [string, string][] = [];
  for await (const row of a.raw.rows()) rows.push(row);
  assert.deepEqual(
    rows.map(([key]) => key),
    ['bot:g:1:x', 'bot:g:1:y', 'bot:g:2:z'],
  );
  await b.raw.put(rows);
  assert.deepEqual(await b.keyv.get('g:1:y'), { v: 1, s: ':colon' });
  assert.ok(!existsSync(':memory:'), 'an in-memory store makes no file');
});
