// Backup and restore: a consistent copy while the bot writes, a restore that checks before it
// replaces anything, keeps what it replaces, and refuses while a bot holds the store.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sqlite3 from 'sqlite3';
import { backupStore, inspectStore, restoreStore } from '../../src/store/backup.ts';
import { keys } from '../../src/store/keys.ts';
import { openStore } from '../../src/store/open.ts';
import { build } from '../helpers/build.ts';
import { tempDir } from '../helpers/flows.ts';
import { answerFlow, answerText, spawnBot } from '../reliability/helpers.ts';

test('given members answering all the time, when a backup is taken and restored into a fresh folder, then every answer acknowledged before the backup began is there', async (t) => {
  const h = await build(t);
  const out = tempDir(t, 'backup-');
  const members = Array.from({ length: 8 }, (_, i) => h.user(`m${i}`));
  const acknowledged: { userId: string; answerId: string; at: number }[] = [];
  let stop = false;
  const load = members.map(async (member, i) => {
    for (let n = 0; !stop && n < 12; n++) {
      const run = await answerFlow(h.emu, member, 'dicom-basics', answerText(`${i}-${n}`));
      acknowledged.push({ userId: member.id, answerId: run.buttons.answerId, at: performance.now() });
    }
  });
  while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 10));
  const began = performance.now();
  const copy = join(out, 'copy.sqlite');
  const { records } = await backupStore(h.store.file!, copy);
  stop = true;
  await Promise.all(load);
  const before = acknowledged.filter((a) => a.at < began);
  assert.ok(before.length >= 20);
  assert.ok(records > before.length);

  const fresh = join(out, 'fresh', 'bot.sqlite');
  const dir = join(out, 'fresh');
  mkdirSync(dir);
  const restored = await restoreStore(fresh, copy, new Date());
  assert.equal(restored.keptAs, undefined, 'nothing to keep in a fresh folder');
  const store = await openStore(`sqlite://${fresh}`);
  t.after(() => store.close());
  for (const a of before) {
    assert.ok(await store.keyv.get(keys.answer(h.guildId, a.userId, a.answerId)), `answer ${a.answerId}`);
  }
});

test('given a backup, when it is restored over an existing store, then the old store is kept beside it and the restored one reads', async (t) => {
  const dir = tempDir(t, 'backup-');
  const file = join(dir, 'bot.sqlite');
  const live = await openStore(`sqlite://${file}`);
  await live.write([{ key: 'g:1:guild', value: { v: 1, guildId: '1', schedules: {} } }]);
  await backupStore(file, join(dir, 'b.sqlite'));
  await live.write([{ key: 'g:2:guild', value: { v: 1, guildId: '2', schedules: {} } }]);
  await live.close();
  const { records, keptAs } = await restoreStore(
    file,
    join(dir, 'b.sqlite'),
    new Date('2026-12-06T10:00:00Z'),
  );
  assert.equal(records, 1);
  assert.equal(keptAs, `${file}.before-restore-2026-12-06T10-00-00-000Z`);
  assert.equal((await inspectStore(keptAs!)).records, 2, 'the replaced store is kept whole');
  const store = await openStore(`sqlite://${file}`);
  t.after(() => store.close());
  assert.ok(await store.keyv.get('g:1:guild'));
  assert.equal(await store.keyv.get('g:2:guild'), undefined);
});

test('given a file that is not a store, when it is restored, then it is refused with a clear error and the store is untouched', async (t) => {
  const dir = tempDir(t, 'backup-');
  const file = join(dir, 'bot.sqlite');
  const live = await openStore(`sqlite://${file}`);
  await live.write([{ key: 'g:1:guild', value: { v: 1, guildId: '1', schedules: {} } }]);
  await live.close();
  writeFileSync(join(dir, 'junk.sqlite'), 'not a database at all, just some text that is long enough');
  await assert.rejects(restoreStore(file, join(dir, 'junk.sqlite'), new Date()), {
    message: `${join(dir, 'junk.sqlite')} is not an SQLite database`,
  });
  await assert.rejects(restoreStore(file, join(dir, 'missing.sqlite'), new Date()), /does not exist/);
  await assert.rejects(backupStore(file, join(dir, 'junk.sqlite')), /already exists/);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('before-restore')),
    [],
  );
  assert.equal((await inspectStore(file)).records, 1);
});

test('given a bot running on the store, when a restore is asked for, then it is refused and names the process', async (t) => {
  const dir = tempDir(t, 'backup-');
  const file = join(dir, 'bot.sqlite');
  const bot = spawnBot({
    DISCORD_TOKEN: 'x'.repeat(30),
    DISCORD_API_URL: 'http://127.0.0.1:1/api',
    DATABASE_URL: `sqlite://${file}`,
    QUESTIONS_DIR: 'questions',
  });
  t.after(() => bot.child.kill('SIGKILL'));
  for (let i = 0; i < 400 && !existsSync(`${file}.pid`); i++) await new Promise((r) => setTimeout(r, 25));
  const copy = join(dir, 'copy.sqlite');
  await backupStore(file, copy);
  await assert.rejects(restoreStore(file, copy, new Date()), new RegExp(`pid ${bot.child.pid}`));
  bot.child.kill('SIGTERM');
  await bot.exited;
  await restoreStore(file, copy, new Date());
});

/** A SQLite file whose index no longer matches its definition: it opens, but integrity_check fails. */
async function corruptStore(file: string): Promise<void> {
  const db = new sqlite3.Database(file);
  await new Promise<void>((resolve, reject) =>
    db.exec(
      `CREATE TABLE keyv(key VARCHAR(255) PRIMARY KEY, value TEXT);
       CREATE INDEX by_value ON keyv(value);
       INSERT INTO keyv VALUES ('bot:g:1:guild', '{}');
       PRAGMA writable_schema = ON;
       UPDATE sqlite_master SET sql = 'CREATE INDEX by_value ON keyv(key)' WHERE name = 'by_value';
       PRAGMA writable_schema = OFF;`,
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

/** File descriptors of this process open on `file`. */
function openHandles(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(join('/proc/self/fd', fd)) === file;
    } catch {
      return false;
    }
  }).length;
}

test('given files that are not healthy stores, when they are inspected, then each is refused with its own reason, naming the file', async (t) => {
  const dir = tempDir(t, 'backup-');
  const junk = join(dir, 'junk.sqlite');
  writeFileSync(junk, 'not a database at all, just some text that is long enough');
  await assert.rejects(inspectStore(junk), { message: `${junk} is not an SQLite database` });

  const other = join(dir, 'other.sqlite');
  const db = new sqlite3.Database(other);
  await new Promise<void>((resolve, reject) =>
    db.exec('CREATE TABLE notes(body TEXT)', (error) => (error ? reject(error) : resolve())),
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
  await assert.rejects(inspectStore(other), {
    message: `${other} is not a store of this bot (no keyv table)`,
  });

  const corrupt = join(dir, 'corrupt.sqlite');
  await corruptStore(corrupt);
  await assert.rejects(inspectStore(corrupt), (error: Error) => {
    assert.match(
      error.message,
      new RegExp(`^${corrupt} fails SQLite's integrity check: .*missing from index by_value`),
    );
    return true;
  });
  await assert.rejects(backupStore(join(dir, 'none.sqlite'), join(dir, 'copy.sqlite')), {
    message: `there is no store at ${join(dir, 'none.sqlite')}`,
  });
  for (const file of [junk, other, corrupt]) assert.equal(openHandles(file), 0, `${file} is closed again`);
});

test('given a healthy store, when it is inspected and backed up, then it counts its records and leaves no file open', async (t) => {
  const dir = tempDir(t, 'backup-');
  const file = join(dir, 'bot.sqlite');
  const live = await openStore(`sqlite://${file}`);
  await live.write([
    { key: 'g:1:guild', value: { v: 1, guildId: '1', schedules: {} } },
    { key: 'g:2:guild', value: { v: 1, guildId: '2', schedules: {} } },
  ]);
  await live.close();
  assert.deepEqual(await inspectStore(file), { records: 2 });
  assert.equal(openHandles(file), 0);
  await backupStore(file, join(dir, 'backup.sqlite'));
  assert.equal(openHandles(file), 0, 'the backup closes its connection too');
});

test('given no store but a write-ahead log left beside it, when a backup is restored, then the log is kept aside and not replayed into the restored store', async (t) => {
  const dir = tempDir(t, 'backup-');
  const file = join(dir, 'bot.sqlite');
  const backup = join(dir, 'backup.sqlite');
  const source = await openStore(`sqlite://${join(dir, 'source.sqlite')}`);
  await source.write([{ key: 'g:1:guild', value: { v: 1, guildId: '1', schedules: {} } }]);
  await source.close();
  await backupStore(join(dir, 'source.sqlite'), backup);
  // Another store's log, its frames not yet checkpointed (its bot still running), left behind.
  const other = await openStore(`sqlite://${join(dir, 'other.sqlite')}`);
  t.after(() => other.close());
  await other.write([{ key: 'g:9:guild', value: { v: 1, guildId: '9', schedules: {} } }]);
  copyFileSync(join(dir, 'other.sqlite-wal'), `${file}-wal`);
  copyFileSync(join(dir, 'other.sqlite-shm'), `${file}-shm`);

  const { records, keptAs } = await restoreStore(file, backup, new Date('2026-12-06T10:00:00Z'));
  assert.equal(records, 1);
  assert.equal(keptAs, `${file}.before-restore-2026-12-06T10-00-00-000Z`);
  assert.ok(
    existsSync(`${keptAs}-wal`) && existsSync(`${keptAs}-shm`),
    'the leftover log and index are kept',
  );
  assert.ok(!existsSync(`${file}-wal`) && !existsSync(`${file}-shm`));
  const store = await openStore(`sqlite://${file}`);
  t.after(() => store.close());
  assert.ok(await store.keyv.get('g:1:guild'));
  assert.equal(await store.keyv.get('g:9:guild'), undefined);
});
