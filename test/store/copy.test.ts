// npm run store:copy: a community's store moved between engines, byte for byte and verified.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { copyStore, fingerprint } from '../../src/store/copy.ts';
import { type KvStore, NAMESPACE, openStore, TABLE } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { MAX_ROWS_PER_STATEMENT } from '../../src/store/writer.ts';
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

/** sha256 over key, NUL, value, newline of every row in key order, computed here from SQL. */
async function referenceChecksum(store: KvStore): Promise<{ records: number; checksum: string }> {
  const rows = (await store.query(
    `SELECT key, value FROM ${TABLE} WHERE key >= '${NAMESPACE}:' AND key < '${NAMESPACE};' ORDER BY key`,
  )) as { key: string; value: string }[];
  const hash = createHash('sha256');
  for (const row of rows) hash.update(`${row.key}\0${row.value}\n`);
  return { records: rows.length, checksum: hash.digest('hex') };
}

async function sqliteStore(t: TestContext, file: string): Promise<KvStore> {
  const store = await openStore(`sqlite://${file}`);
  t.after(() => store.close());
  return store;
}

const member = (n: number) => ({ key: `u:${GUILD}:${String(n).padStart(4, '0')}`, value: { v: 1, n } });

for (const target of targets) {
  test(`given more rows than one statement writes and one scan page holds, when a store is copied to ${target.name}, then every row arrives and the checksum is sha256 over key, NUL, value and newline in key order`, {
    skip: target.skip ?? false,
  }, async (t) => {
    const dir = tempDir(t, 'copy-');
    const from = await sqliteStore(t, join(dir, 'from.sqlite'));
    const to = await openStore(await target.url(dir));
    t.after(() => to.close());
    await from.write(Array.from({ length: 2 * MAX_ROWS_PER_STATEMENT + 3 }, (_, n) => member(n)));
    const copied = await copyStore(from, to);
    assert.deepEqual(copied, await referenceChecksum(from));
    assert.deepEqual(await fingerprint(to), copied);
    assert.equal(copied.records, 2 * MAX_ROWS_PER_STATEMENT + 3);
    const [all] = (await to.query(`SELECT count(*) AS n FROM keyv`)) as { n: number | string }[];
    assert.equal(Number(all?.n), copied.records, 'nothing written outside the namespace either');
  });
}

test('given a forced copy into a store holding other records before, between and after the copied keys, then those are kept and the copy verifies', async (t) => {
  const dir = tempDir(t, 'copy-');
  const from = await sqliteStore(t, join(dir, 'from.sqlite'));
  const to = await sqliteStore(t, join(dir, 'to.sqlite'));
  await from.write([member(2), member(4)]);
  await to.write([member(1), member(3), member(5), member(6)]);
  const copied = await copyStore(from, to, { force: true });
  assert.equal(copied.records, 2);
  assert.deepEqual(
    (await to.scan(`u:${GUILD}:`)).map((e) => e.key),
    [1, 2, 3, 4, 5, 6].map((n) => member(n).key),
  );
});

test('given a target that loses, alters or adds rows as they are written, when a store is copied, then the verification names what is wrong', async (t) => {
  const dir = tempDir(t, 'copy-');
  const from = await sqliteStore(t, join(dir, 'from.sqlite'));
  await from.write([member(1), member(2), member(3)]);
  const second = `${NAMESPACE}:${member(2).key}`;
  const faults = [
    {
      trigger: `BEFORE INSERT ON ${TABLE} WHEN NEW.key = '${second}' BEGIN SELECT RAISE(IGNORE); END`,
      message: `verification failed: ${second} is missing in the target`,
    },
    {
      trigger: `AFTER INSERT ON ${TABLE} WHEN NEW.key = '${second}' BEGIN UPDATE ${TABLE} SET value = value || ' ' WHERE key = NEW.key; END`,
      message: `verification failed: ${second} differs in the target`,
    },
    {
      // Rows nobody copied, sorting before, between and after the copied ones.
      trigger: `AFTER INSERT ON ${TABLE} WHEN NEW.key = '${second}' BEGIN INSERT INTO ${TABLE} VALUES ('${NAMESPACE}:a', '{}'), ('${second}x', '{}'), ('${NAMESPACE}:z', '{}'); END`,
      message: 'verification failed: the target holds 3 records the source does not',
    },
  ];
  for (const [i, fault] of faults.entries()) {
    const to = await sqliteStore(t, join(dir, `to-${i}.sqlite`));
    await to.query(`CREATE TRIGGER fault ${fault.trigger}`);
    await assert.rejects(copyStore(from, to), { message: fault.message });
  }
});
