import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { watchBankFolder } from '../../src/bank/watch.ts';

test('given a watched question folder, when files change in a burst, then one reload follows once it is quiet', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bank-watch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let calls = 0;
  const stop = watchBankFolder(dir, () => calls++, assert.fail, 100);
  t.after(stop);
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(dir, `${i}.md`), `## change ${i}\n`);
    await sleep(10);
  }
  writeFileSync(join(dir, 'notes.txt'), 'not part of the bank');
  // Polled rather than slept: how soon the watcher reports depends on the machine's load.
  for (let waited = 0; calls === 0 && waited < 5000; waited += 50) await sleep(50);
  await sleep(300);
  assert.equal(calls, 1);
});

test('given a folder that does not exist, then the error is reported and nothing throws', () => {
  const errors: Error[] = [];
  const stop = watchBankFolder(join(tmpdir(), 'no-such-bank-folder-xyz'), assert.fail, (e) => errors.push(e));
  stop();
  assert.equal(errors.length, 1);
});
