// npm run store:copy: a community's store moved between engines, byte for byte and verified.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyStore, fingerprint } from '../../src/store/copy.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { tempDir } from '../helpers/flows.ts';
import { PG_PASSWORD, postgres, postgresUnavailable } from '../helpers/postgres.ts';

const GUILD = '100000000000000001';
const ALICE = '200000000000000002';

/** A store written by an earlier release (test/fixtures/store-v1), copied so the test may change it. */
function fixtureUrl(dir: string): string {
  copyFileSync(join('test', 'fixtures', 'store-v1', 'bot.sqlite'), join(dir, 'source.sqlite'));
  return `sqlite://${join(dir, 'source.sqlite')}`;
}

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/store/copy-cli.ts', ...args]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const targets = [
  { name: 'SQLite', skip: undefined, url: async (dir: string) => `sqlite://${join(dir, 'copy.sqlite')}` },
  {
    name: 'PostgreSQL',
    skip: postgresUnavailable(),
    url: async () => (await postgres()).createDatabase(),
  },
];

for (const target of targets) {
  test(`given a store, when it is copied to an empty ${target.name} store, then every record is there byte for byte and the bot reads it`, {
    skip: target.skip ?? false,
  }, async (t) => {
    const dir = tempDir(t, 'copy-');
    const from = await openStore(fixtureUrl(dir));
    const to = await openStore(await target.url(dir));
    t.after(async () => {
      await from.close();
      await to.close();
    });
    const copied = await copyStore(from, to);
    assert.equal(copied.records, 12);
    assert.deepEqual(await fingerprint(to), copied);
    const alice = await createStore(to).users.get(GUILD, ALICE);
    assert.equal(alice?.points, 4, 'migrated on read from the copied v1 record');

    await assert.rejects(copyStore(from, to), /the target already holds 12 records; .* pass --force/);
    assert.deepEqual(await copyStore(from, to, { force: true }), copied);
  });
}

test('given the CLI, when arguments are missing or the source does not exist, then it says how to use it and copies nothing', async (t) => {
  const dir = tempDir(t, 'copy-cli-');
  const usage = await cli(['--from', fixtureUrl(dir)]);
  assert.equal(usage.code, 2);
  assert.match(
    usage.out,
    /usage: npm run store:copy -- --from <database-url> --to <database-url> \[--force\]/,
  );
  const missing = await cli([
    '--from',
    `sqlite://${join(dir, 'nothing.sqlite')}`,
    '--to',
    `sqlite://${join(dir, 'b.sqlite')}`,
  ]);
  assert.equal(missing.code, 1);
  assert.match(missing.out, /no such store file/);
});

test('given the CLI and a PostgreSQL target, when it copies, then it reports the count and checksum and never the password', {
  skip: postgresUnavailable() ?? false,
}, async (t) => {
  const dir = tempDir(t, 'copy-cli-pg-');
  const to = await (await postgres()).createDatabase();
  const { code, out } = await cli(['--from', fixtureUrl(dir), '--to', to]);
  assert.equal(code, 0, out);
  assert.match(
    out,
    /Copied 12 records from sqlite:\/\/.* to postgresql:\/\/bot:\*\*\*@127\.0\.0\.1:\d+\/\w+ \(verified: same count, sha256 [0-9a-f]{64}\)/,
  );
  assert.ok(!out.includes(PG_PASSWORD));
});
