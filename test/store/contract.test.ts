// One contract, run against every store this build supports (keyv's pattern): a file database
// and an in-memory one. A Redis or Postgres adapter would be added to STORES and must pass too.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { KeyedMutex } from '../../src/store/mutex.ts';
import { type KvStore, openStore } from '../../src/store/open.ts';
import { CorruptRecordError, commitStaged, RecordRepo, RecordTooNewError } from '../../src/store/repo.ts';
import { recordType } from '../../src/store/versioned.ts';
import { postgres, postgresUnavailable } from '../helpers/postgres.ts';

/** Tests address records by their raw key. */
const byKey = (key: string) => key;

const counterSchema = z.object({ v: z.literal(1), n: z.number().int() });

const STORES: {
  name: string;
  skip?: string | undefined;
  /** Makes the engine refuse to delete one stored key (a trigger), to prove a commit is all or nothing. */
  refuseDelete: (store: KvStore, storedKey: string) => Promise<void>;
  open: () => Promise<{ store: KvStore; cleanup: () => void }>;
}[] = [
  {
    name: 'sqlite file',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'contract-'));
      const store = await openStore(`sqlite://${join(dir, 'nested', 'db.sqlite')}`);
      return { store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    refuseDelete: sqliteRefuseDelete,
  },
  {
    name: 'sqlite in memory',
    open: async () => ({ store: await openStore('sqlite://:memory:'), cleanup: () => {} }),
    refuseDelete: sqliteRefuseDelete,
  },
  {
    name: 'postgresql',
    refuseDelete: async (store, storedKey) => {
      await store.query(
        `CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ BEGIN IF OLD.key = '${storedKey}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN OLD; END $$ LANGUAGE plpgsql`,
      );
      await store.query(
        'CREATE TRIGGER refuse_delete BEFORE DELETE ON keyv FOR EACH ROW EXECUTE FUNCTION refuse_delete()',
      );
    },
    skip: postgresUnavailable(),
    open: async () => ({
      store: await openStore(await (await postgres()).createDatabase()),
      cleanup: () => {},
    }),
  },
];

async function sqliteRefuseDelete(store: KvStore, storedKey: string): Promise<void> {
  await store.query(
    `CREATE TRIGGER refuse_delete BEFORE DELETE ON keyv WHEN old.key = '${storedKey}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
  );
}

for (const kind of STORES) {
  describe(`record repository contract on ${kind.name}`, { skip: kind.skip ?? false }, () => {
    async function setup(t: { after: (fn: () => Promise<void>) => void }) {
      const { store, cleanup } = await kind.open();
      t.after(async () => {
        await store.close().catch(() => {});
        cleanup();
      });
      return { store, repo: new RecordRepo(store, new KeyedMutex(), recordType(counterSchema, 1), byKey) };
    }

    test('given no record, when it is read, then the result is undefined', async (t) => {
      const { repo } = await setup(t);
      assert.equal(await repo.get('g:1:user:1'), undefined);
    });

    test('given a record written, when it is read back, then it round-trips through the schema', async (t) => {
      const { repo } = await setup(t);
      await repo.set(['g:1:user:1'], { v: 1, n: 7 });
      assert.deepEqual(await repo.get('g:1:user:1'), { v: 1, n: 7 });
      assert.deepEqual(await repo.getMany([['g:1:user:1'], ['g:1:user:2']]), [{ v: 1, n: 7 }, undefined]);
    });

    test('given a record that does not match its schema, when it is read, then it throws instead of looking new', async (t) => {
      const { store, repo } = await setup(t);
      await store.keyv.set('g:1:user:1', { v: 1, n: 'x' });
      await assert.rejects(repo.get('g:1:user:1'), CorruptRecordError);
    });

    test('given a record newer than the code, when it is read or updated, then it is refused with a clear error and never overwritten', async (t) => {
      const { store, repo } = await setup(t);
      const future = { v: 3, n: 1, addedLater: ['kept'] };
      await store.keyv.set('g:1:user:1', future);
      await assert.rejects(repo.get('g:1:user:1'), (e: Error) => {
        assert.ok(e instanceof RecordTooNewError);
        assert.match(e.message, /version 3, but this build reads up to version 1/);
        return true;
      });
      await assert.rejects(repo.update(['g:1:user:1'], () => ({ next: { v: 1, n: 2 }, result: undefined })));
      assert.deepEqual(await store.keyv.get('g:1:user:1'), future);
    });

    test('given a v1 record and a type at v2 with a migration, when it is read, then it comes back migrated and is written back at v2', async (t) => {
      const { store } = await setup(t);
      const v2 = z.object({ v: z.literal(2), count: z.number().int(), unit: z.string() });
      const mutex = new KeyedMutex();
      const repo2 = new RecordRepo(
        store,
        mutex,
        recordType(v2, 2, { 1: (raw) => ({ count: raw.n, unit: 'answers' }) }),
        byKey,
      );
      await store.keyv.set('g:1:user:1', { v: 1, n: 7 });
      // Read under the key's lock (as services do): the write-back waits for the lock, no deadlock.
      const read = await mutex.withLock('g:1:user:1', () => repo2.get('g:1:user:1'));
      assert.deepEqual(read, { v: 2, count: 7, unit: 'answers' });
      await mutex.withLock('g:1:user:1', async () => {});
      assert.deepEqual(await store.keyv.get('g:1:user:1'), { v: 2, count: 7, unit: 'answers' });
    });

    test('given a migrated record written back, when a newer write landed first, then the write-back leaves it alone', async (t) => {
      const { store } = await setup(t);
      const v2 = z.object({ v: z.literal(2), n: z.number().int() });
      const mutex = new KeyedMutex();
      const repo2 = new RecordRepo(store, mutex, recordType(v2, 2, { 1: (raw) => raw }), byKey);
      await store.keyv.set('g:1:user:1', { v: 1, n: 1 });
      await mutex.withLock('g:1:user:1', async () => {
        await repo2.get('g:1:user:1');
        await repo2.set(['g:1:user:1'], { v: 2, n: 99 });
      });
      await mutex.withLock('g:1:user:1', async () => {});
      assert.deepEqual(await store.keyv.get('g:1:user:1'), { v: 2, n: 99 });
    });

    test('given an invalid value, when it is written, then nothing is stored', async (t) => {
      const { store, repo } = await setup(t);
      await assert.rejects(repo.set(['g:1:user:1'], { v: 1, n: 1.5 }));
      assert.equal(await store.keyv.get('g:1:user:1'), undefined);
    });

    test('given 100 concurrent increments under update(), then none is lost', async (t) => {
      const { repo } = await setup(t);
      await Promise.all(
        Array.from({ length: 100 }, () =>
          repo.update(['g:1:counter'], (c) => ({
            next: { v: 1 as const, n: (c?.n ?? 0) + 1 },
            result: undefined,
          })),
        ),
      );
      assert.equal((await repo.get('g:1:counter'))?.n, 100);
    });

    test('given a closed store, when a record is read, then the read fails loudly', async (t) => {
      const { store, repo } = await setup(t);
      await repo.set(['g:1:user:1'], { v: 1, n: 1 });
      await store.close();
      await assert.rejects(repo.get('g:1:user:1'));
    });

    test('given records staged together, when they are written, then Keyv reads each back as written', async (t) => {
      const { store, repo } = await setup(t);
      await commitStaged(store, [
        repo.stage(['g:1:user:1'], { v: 1, n: 1 }),
        repo.stage(['g:1:user:2'], { v: 1, n: 2 }),
      ]);
      assert.deepEqual(await store.keyv.get('g:1:user:1'), { v: 1, n: 1 });
      assert.deepEqual(await repo.get('g:1:user:2'), { v: 1, n: 2 });
    });

    test('given 200 writes of one key queued at once, when they finish, then the last one asked for is stored', async (t) => {
      const { store, repo } = await setup(t);
      await Promise.all(Array.from({ length: 200 }, (_, n) => repo.set(['g:1:counter'], { v: 1, n })));
      assert.equal((await repo.get('g:1:counter'))?.n, 199);
      assert.deepEqual(await store.keyv.get('g:1:counter'), { v: 1, n: 199 });
    });

    test('given a write whose statement fails, then none of its records is stored and the others still land', async (t) => {
      const { store, repo } = await setup(t);
      const good = repo.set(['g:1:user:1'], { v: 1, n: 1 });
      const bad = store.write([
        { key: 'g:1:user:2', value: { v: 1, n: 2 } },
        // A value that cannot be serialised fails the whole write before anything is sent.
        { key: 'g:1:user:3', value: { n: 10n } },
      ]);
      await assert.rejects(bad);
      await good;
      assert.equal(await store.keyv.get('g:1:user:2'), undefined);
      assert.deepEqual(await repo.get('g:1:user:1'), { v: 1, n: 1 });
    });

    test('given a commit of puts and deletes whose delete fails, then none of it lands', async (t) => {
      const { store, repo } = await setup(t);
      await repo.set(['g:1:user:1'], { v: 1, n: 1 });
      await repo.set(['g:1:user:2'], { v: 1, n: 2 });
      await kind.refuseDelete(store, 'bot:g:1:user:2');
      await assert.rejects(
        commitStaged(store, [repo.stage(['g:1:user:1'], { v: 1, n: 10 }), repo.stageDelete(['g:1:user:2'])]),
        /refused/,
      );
      assert.deepEqual(await store.keyv.get('g:1:user:1'), { v: 1, n: 1 });
      assert.deepEqual(await store.keyv.get('g:1:user:2'), { v: 1, n: 2 });
      // The store goes on working after the failed transaction.
      await commitStaged(store, [
        repo.stage(['g:1:user:3'], { v: 1, n: 3 }),
        repo.stageDelete(['g:1:user:1']),
      ]);
      assert.equal(await store.keyv.get('g:1:user:1'), undefined);
      assert.deepEqual(await repo.get('g:1:user:3'), { v: 1, n: 3 });
    });

    test('given a repository caching two records, when a record changes behind its back, then the cached copy is served until it is the least recently used of three', async (t) => {
      const { store } = await setup(t);
      const cached = new RecordRepo(store, new KeyedMutex(), recordType(counterSchema, 1), byKey, 2);
      await cached.set(['g:1:a'], { v: 1, n: 1 });
      await store.keyv.set('g:1:a', { v: 1, n: 99 });
      assert.equal((await cached.get('g:1:a'))?.n, 1, 'served from the cache');
      await cached.set(['g:1:b'], { v: 1, n: 2 });
      await cached.get('g:1:a'); // a is now the most recently used
      await cached.set(['g:1:c'], { v: 1, n: 3 });
      assert.equal((await cached.get('g:1:a'))?.n, 1, 'b was dropped, not a');
      await store.keyv.set('g:1:b', { v: 1, n: 98 });
      assert.equal((await cached.get('g:1:b'))?.n, 98, 'b is read from the store again');
    });

    test('given a cached record, when a commit of a new value for it fails, then the stored value is read again, not the one that failed', async (t) => {
      const { store } = await setup(t);
      const cached = new RecordRepo(store, new KeyedMutex(), recordType(counterSchema, 1), byKey, 10);
      await cached.set(['g:1:user:1'], { v: 1, n: 1 });
      await cached.set(['g:1:user:2'], { v: 1, n: 2 });
      await kind.refuseDelete(store, 'bot:g:1:user:2');
      await assert.rejects(
        commitStaged(store, [
          cached.stage(['g:1:user:1'], { v: 1, n: 10 }),
          cached.stageDelete(['g:1:user:2']),
        ]),
        /refused/,
      );
      assert.equal((await cached.get('g:1:user:1'))?.n, 1);
      assert.equal((await cached.get('g:1:user:2'))?.n, 2);
      await cached.delete('g:1:user:1');
      assert.equal(
        await cached.get('g:1:user:1'),
        undefined,
        'a deleted record is not served from the cache',
      );
    });

    test('given a lazily staged record, when the commit is queued, then its value is computed then, checked, and read back', async (t) => {
      const { store, repo } = await setup(t);
      let n = 1;
      const staged = repo.stageLazy(['g:1:lazy'], () => ({ v: 1 as const, n }));
      n = 5;
      await commitStaged(store, [staged]);
      assert.deepEqual(await repo.get('g:1:lazy'), { v: 1, n: 5 });
      await assert.rejects(
        commitStaged(store, [repo.stageLazy(['g:1:bad'], () => ({ v: 1 as const, n: 1.5 }))]),
      );
      assert.equal(await store.keyv.get('g:1:bad'), undefined);
    });

    test('given some stored records, when several are read at once, then each comes back in order, undefined where none is stored', async (t) => {
      const { repo } = await setup(t);
      assert.deepEqual(await repo.getMany([]), []);
      await repo.set(['g:1:a'], { v: 1, n: 1 });
      await repo.set(['g:1:c'], { v: 1, n: 3 });
      assert.deepEqual(await repo.getMany([['g:1:a'], ['g:1:b'], ['g:1:c']]), [
        { v: 1, n: 1 },
        undefined,
        { v: 1, n: 3 },
      ]);
    });

    test('given update() returning no next record, when it runs, then nothing is written and its result comes back', async (t) => {
      const { store, repo } = await setup(t);
      assert.equal(await repo.update(['g:1:x'], () => ({ next: undefined, result: 'kept' })), 'kept');
      assert.equal(await store.keyv.get('g:1:x'), undefined);
    });

    test('given keys that differ in case and punctuation, when a prefix is scanned, then it is a byte-order range', async (t) => {
      const { store, repo } = await setup(t);
      for (const key of ['g:1:b', 'g:1:B', 'g:1:a_b', 'g:1:a-b', 'g:1:ab', 'g:1;x', 'g:1', 'g:10:a'])
        await repo.set([key], { v: 1, n: 0 });
      const rows = await store.scan('g:1:');
      assert.deepEqual(
        rows.map((r) => r.key),
        ['g:1:B', 'g:1:a-b', 'g:1:a_b', 'g:1:ab', 'g:1:b'],
      );
    });

    test('given keys of two servers, when one prefix is scanned, then only its keys come back', async (t) => {
      const { store, repo } = await setup(t);
      await repo.set(['g:1:user:1'], { v: 1, n: 1 });
      await repo.set(['g:1:user:2'], { v: 1, n: 2 });
      await repo.set(['g:10:user:1'], { v: 1, n: 3 });
      const rows = await store.scan('g:1:');
      assert.deepEqual(rows.map((r) => r.key).sort(), ['g:1:user:1', 'g:1:user:2']);
      assert.deepEqual(rows.find((r) => r.key === 'g:1:user:2')?.value, { v: 1, n: 2 });
    });
  });
}

test('given a file store, when it is opened, then WAL and the busy timeout are on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-'));
  const store = await openStore(`sqlite://${join(dir, 'db.sqlite')}`);
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  assert.deepEqual(await store.query('PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
  assert.deepEqual(await store.query('PRAGMA busy_timeout'), [{ timeout: 5000 }]);
});

test('given a path that cannot be a database, when the store is opened, then it fails fast with the path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-'));
  await assert.rejects(openStore(`sqlite://${dir}`), /cannot open the store at/);
  rmSync(dir, { recursive: true, force: true });
});

test('given a string value starting with a colon, when it is stored and read, then it round-trips', async (t) => {
  const store = await openStore('sqlite://:memory:');
  t.after(() => store.close());
  await store.keyv.set('g:1:name', { name: ':) smiley', list: [':a', 'b'] });
  assert.deepEqual(await store.keyv.get('g:1:name'), { name: ':) smiley', list: [':a', 'b'] });
});
