// Keyv's own adapter test suite (@keyv/test-suite, the one every official adapter passes) run on
// the bot's SQLite adapter, plus the proof that its table is @keyv/sqlite's: each opens the other's file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import KeyvSqlite from '@keyv/sqlite';
import keyvTestSuite, { keyvIteratorTests } from '@keyv/test-suite';
import Keyv from 'keyv';
import { SqliteConnection } from '../../src/store/sqlite.ts';
import { SqliteStore } from '../../src/store/sqlite-adapter.ts';
import { tempDir } from '../helpers/flows.ts';
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
