// Keyv's own adapter test suite (@keyv/test-suite, the one every official adapter passes) run on
// the bot's SQLite and PostgreSQL adapters, plus the proof that their tables are @keyv/sqlite's and
// @keyv/postgres's: each reads what the other wrote.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import KeyvPostgres from '@keyv/postgres';
import KeyvSqlite from '@keyv/sqlite';
import keyvTestSuite, { keyvIteratorTests } from '@keyv/test-suite';
import Keyv from 'keyv';
import type pg from 'pg';
import { PostgresStore } from '../../src/store/postgres-adapter.ts';
import { openPool } from '../../src/store/postgres-pool.ts';
import { SqliteConnection } from '../../src/store/sqlite.ts';
import { SqliteStore } from '../../src/store/sqlite-adapter.ts';
import { tempDir } from '../helpers/flows.ts';
import { postgres, postgresUnavailable } from '../helpers/postgres.ts';
import { vitestLike } from '../helpers/vitest-like.ts';

const dir = tempDir({ after }, 'keyv-suite-');
const connection = await SqliteConnection.open(join(dir, 'suite.sqlite'), { busyTimeoutMs: 3000 });
after(() => connection.close());
// A fresh adapter object per call (Keyv writes its namespace onto the adapter), over one connection;
// a small page size makes the iterator tests cross pages.
await SqliteStore.open(connection);
const store = () => new SqliteStore(connection, { iterationLimit: 2 });

describe('@keyv/test-suite on SqliteStore', () => {
  keyvTestSuite(vitestLike as never, Keyv, store);
  keyvIteratorTests(vitestLike as never, Keyv, store);
});

describe("the table layout is @keyv/sqlite's", () => {
  test("given a file written by @keyv/sqlite, when the bot's adapter opens it, then every value reads back", async () => {
    const file = join(dir, 'stock.sqlite');
    const stock = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}` }), namespace: 'bot' });
    await stock.set('g:1:user:1', { v: 2, name: ':colon' });
    await stock.set('g:1:guild', { v: 1 });
    await stock.disconnect();

    const own = await SqliteConnection.open(file, { busyTimeoutMs: 3000 });
    const keyv = new Keyv({ store: await SqliteStore.open(own), namespace: 'bot' });
    assert.deepEqual(await keyv.get('g:1:user:1'), { v: 2, name: ':colon' });
    assert.deepEqual(await keyv.get('g:1:guild'), { v: 1 });
    await keyv.set('g:1:user:2', { v: 2, name: 'written by the bot' });
    await keyv.disconnect();

    const again = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}` }), namespace: 'bot' });
    assert.deepEqual(await again.get('g:1:user:2'), { v: 2, name: 'written by the bot' });
    await again.disconnect();
  });
});

describe("@keyv/test-suite on PostgresStore (Keyv's PostgreSQL adapter on the store's pool)", {
  skip: postgresUnavailable() ?? false,
}, () => {
  let pool: pg.Pool | undefined;
  const pgStore = () => {
    if (!pool) throw new Error('the pool is opened before the tests run');
    return new PostgresStore(pool, { iterationLimit: 2 });
  };
  before(async () => {
    pool = await openPool(await (await postgres()).createDatabase(), 4);
  });
  after(() => pool?.end());
  keyvTestSuite(vitestLike as never, Keyv, pgStore);
  keyvIteratorTests(vitestLike as never, Keyv, pgStore);

  test("given a table written by the stock @keyv/postgres, when the bot's adapter reads it, then every value reads back (and the reverse)", async () => {
    const url = await (await postgres()).createDatabase();
    const stock = new Keyv({ store: new KeyvPostgres({ uri: url }), namespace: 'bot' });
    await stock.set('g:1:user:1', { v: 2, name: ':colon' });
    await stock.disconnect();

    const own = await openPool(url, 2);
    const keyv = new Keyv({ store: new PostgresStore(own), namespace: 'bot' });
    assert.deepEqual(await keyv.get('g:1:user:1'), { v: 2, name: ':colon' });
    await keyv.set('g:1:user:2', { v: 2, name: 'written by the bot' });
    await keyv.disconnect();

    const again = new Keyv({ store: new KeyvPostgres({ uri: url }), namespace: 'bot' });
    assert.deepEqual(await again.get('g:1:user:2'), { v: 2, name: 'written by the bot' });
    await again.disconnect();
  });
});
