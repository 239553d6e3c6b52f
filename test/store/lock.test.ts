// One bot process per store file: the pid file, taken over from a dead process, refused while a
// live one holds it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { holdStore, lockFileOf, StoreLockedError, storeHolder } from '../../src/store/lock.ts';

function storeFile(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'bot.sqlite');
}

/** A pid no process can have: above Linux's largest (2^22). */
const DEAD_PID = 2 ** 22 + 12345;

test('given a free store, when it is held, then its pid file names this process (private), and release removes it', (t) => {
  const file = storeFile(t);
  assert.equal(lockFileOf(file), `${file}.pid`);
  assert.equal(storeHolder(file), undefined);
  const release = holdStore(file);
  assert.equal(readFileSync(`${file}.pid`, 'utf8'), `${process.pid}\n`);
  assert.equal(statSync(`${file}.pid`).mode & 0o777, 0o600);
  assert.equal(storeHolder(file), undefined, 'this process is not another holder');
  release();
  assert.equal(existsSync(`${file}.pid`), false);
  release();
});

test('given a pid file left by a dead process or holding garbage, when the store is held, then it is taken over', (t) => {
  const file = storeFile(t);
  for (const content of [`${DEAD_PID}\n`, 'not a pid', '0', '-5']) {
    writeFileSync(`${file}.pid`, content);
    assert.equal(storeHolder(file), undefined, content);
    holdStore(file)();
  }
});

test('given a live process holding the store, when another holds it, then it is refused naming the pid and the way out', (t) => {
  const file = storeFile(t);
  const other = process.ppid;
  writeFileSync(`${file}.pid`, `${other}\n`);
  assert.equal(storeHolder(file), other);
  assert.throws(
    () => holdStore(file),
    (err: unknown) =>
      err instanceof StoreLockedError &&
      err.name === 'StoreLockedError' &&
      err.pid === other &&
      err.message.includes(`another process (pid ${other}) is running the bot on ${file}`) &&
      err.message.includes(`delete ${file}.pid`),
  );
  assert.equal(readFileSync(`${file}.pid`, 'utf8'), `${other}\n`, 'the holder keeps it');
});

test('given the pid file taken over by another process meanwhile, when this process releases, then it leaves that file alone', (t) => {
  const file = storeFile(t);
  const release = holdStore(file);
  writeFileSync(`${file}.pid`, `${process.ppid}\n`);
  release();
  assert.equal(readFileSync(`${file}.pid`, 'utf8'), `${process.ppid}\n`);
});
