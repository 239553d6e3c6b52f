// Opening a PostgreSQL store: each bad DATABASE_URL gets one clear message, never the password.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { z } from 'zod';
import { type KvStore, openStore } from '../../src/store/open.ts';
import { redactUrl } from '../../src/store/postgres-pool.ts';
import { RecordRepo } from '../../src/store/repo.ts';
import { recordType } from '../../src/store/versioned.ts';
import { PG_PASSWORD, PG_USER, postgres, postgresUnavailable } from '../helpers/postgres.ts';

test('given a URL with a password, when it is redacted, then the password is gone and the rest stays', () => {
  assert.equal(redactUrl('postgresql://bot:s3cr%40t@db:5432/bot'), 'postgresql://bot:***@db:5432/bot');
  assert.equal(redactUrl('postgresql://db/bot'), 'postgresql://db/bot');
  assert.equal(redactUrl('sqlite://data/bot.sqlite'), 'sqlite://data/bot.sqlite');
});

/** A counter record under the store's own per-key lock (advisory locks on PostgreSQL). */
const counterRepo = (store: KvStore) =>
  new RecordRepo(
    store,
    store.lock,
    recordType(z.object({ v: z.literal(1), n: z.number().int() }), 1),
    (key: string) => key,
  );

describe('opening PostgreSQL', { skip: postgresUnavailable() ?? false }, () => {
  const refuses = async (url: string, expected: RegExp) => {
    const error = (await openStore(url).then(
      () => assert.fail('opened'),
      (e: Error) => e,
    )) as Error;
    assert.match(error.message, expected);
    assert.ok(
      !error.message.includes(PG_PASSWORD) && !error.message.includes('wrong-password'),
      error.message,
    );
  };

  test('given nothing listening on the port, then it says the connection was refused', async () => {
    await refuses(
      `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:1/bot`,
      /connection refused at 127\.0\.0\.1:1/,
    );
  });

  test('given a wrong password, then it names the user whose credentials were refused', async () => {
    const server = await postgres();
    await refuses(
      server.url('postgres', { user: PG_USER, password: 'wrong-password' }),
      /refused the credentials of user "bot"/,
    );
  });

  test('given a database that does not exist, then it says so and how to create it', async () => {
    const server = await postgres();
    await refuses(server.url('no_such_db'), /database "no_such_db" does not exist .*createdb no_such_db/);
  });

  test('given several processes opening a new database at the same moment, then every one opens (the table is created once)', async () => {
    const server = await postgres();
    // The race is timing-dependent: several rounds of eight make losing it near-certain if unhandled.
    for (let round = 0; round < 5; round++) {
      const url = await server.createDatabase();
      const opened = await Promise.allSettled(
        Array.from({ length: 8 }, () => openStore(url, { poolSize: 1 })),
      );
      const failures = opened.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.close() : undefined)));
      assert.deepEqual(failures, []);
    }
  });

  test('given two stores on one database (two processes), when both increment one record 60 times at once under update(), then none is lost and other keys do not wait', async () => {
    const url = await (await postgres()).createDatabase();
    const [a, b] = [await openStore(url, { poolSize: 3 }), await openStore(url, { poolSize: 3 })];
    try {
      const increment = (repo: ReturnType<typeof counterRepo>, key: string) =>
        repo.update([key], (c) => ({ next: { v: 1 as const, n: (c?.n ?? 0) + 1 }, result: undefined }));
      const [ra, rb] = [counterRepo(a), counterRepo(b)];
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => increment(i % 2 === 0 ? ra : rb, 'g:1:counter')),
      );
      assert.equal((await ra.get('g:1:counter'))?.n, 60);
      assert.equal(a.shared, true);
      // A lock held on one key by one store does not hold another key in the other.
      let release: () => void = () => {};
      const held = a.lock.withLock('g:1:held', () => new Promise<void>((resolve) => (release = resolve)));
      await increment(rb, 'g:1:other');
      assert.equal((await rb.get('g:1:other'))?.n, 1);
      release();
      await held;
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('given the connections cut by the server (a restart, a failover), when a record is updated under its lock again, then the lock reconnects and the update lands', async () => {
    const url = await (await postgres()).createDatabase();
    const store = await openStore(url, { poolSize: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const repo = counterRepo(store);
      const increment = () =>
        repo.update(['g:1:counter'], (c) => ({
          next: { v: 1 as const, n: (c?.n ?? 0) + 1 },
          result: undefined,
        }));
      await increment();
      const cut = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      assert.ok(cut.rowCount && cut.rowCount >= 2, 'the lock connection and a pool connection were cut');
      // Uses right after the cut may fail on connections not yet known dead (the member is told
      // to try again); within a few tries every connection is new and the update lands.
      let landed = false;
      for (let attempt = 0; attempt < 5 && !landed; attempt++) {
        landed = await increment().then(
          () => true,
          () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
        );
      }
      assert.ok(landed, 'an update landed after the cut');
      assert.equal((await repo.get('g:1:counter'))?.n, 2);
    } finally {
      await admin.end();
      await store.close().catch(() => {});
    }
  });

  test('given a good URL, then the store opens, writes and reads', async () => {
    const store = await openStore(await (await postgres()).createDatabase(), { poolSize: 2 });
    try {
      await store.commit([{ key: 'g:1:user:1', value: { v: 1 } }]);
      assert.deepEqual(await store.keyv.get('g:1:user:1'), { v: 1 });
    } finally {
      await store.close();
    }
  });
});

test('given a URL that is not a URL, then it says how one looks', async () => {
  await assert.rejects(
    openStore('postgresql://bot:pw@[bad'),
    /is not a URL; use postgresql:\/\/user:password@host:5432\/database/,
  );
});
