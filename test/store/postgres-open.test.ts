// Opening a PostgreSQL store: each bad DATABASE_URL gets one clear message, never the password.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, type TestContext, test } from 'node:test';
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
  assert.equal(redactUrl('POSTGRESQL://Bot:pw@db/bot'), 'POSTGRESQL://Bot:***@db/bot');
});

/** A TCP server on 127.0.0.1 that does what `onSocket` says with each connection (not PostgreSQL). */
async function fakeServer(t: TestContext, onSocket: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

test('given a host name that does not resolve, then it says the host was not found', async () => {
  await assert.rejects(openStore('postgresql://bot:pw@no-such-host.invalid/bot'), (error: Error) => {
    // A resolver that answers says "not found"; one that does not answer within pg's 5 s, "no answer".
    assert.match(
      error.message,
      /^(host no-such-host\.invalid not found|no answer from no-such-host\.invalid:5432 within 5 s)$/,
    );
    return true;
  });
});

test('given a server that accepts the connection and never answers, then it says no answer came within 5 s', async (t) => {
  const port = await fakeServer(t, () => {});
  await assert.rejects(openStore(`postgresql://bot:pw@127.0.0.1:${port}/bot`), (error: Error) => {
    assert.equal(error.message, `no answer from 127.0.0.1:${port} within 5 s`);
    return true;
  });
});

test("given a server that is not PostgreSQL (it hangs up), then the driver's own reason is given, without the password", async (t) => {
  const port = await fakeServer(t, (socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  await assert.rejects(openStore(`postgresql://bot:s3cret@127.0.0.1:${port}/bot`), (error: Error) => {
    assert.match(error.message, /terminated|ECONNRESET|unexpected/i);
    assert.ok(!error.message.includes('s3cret'));
    return true;
  });
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

  test('given a closed store, when a lock is taken on it, then it is refused and no connection is opened again', async () => {
    const url = await (await postgres()).createDatabase();
    const database = new URL(url).pathname.slice(1);
    const store = await openStore(url, { poolSize: 1 });
    await counterRepo(store).update(['g:1:counter'], () => ({ next: { v: 1, n: 1 }, result: undefined }));
    await store.close();
    const admin = new pg.Client({ connectionString: (await postgres()).url('postgres') });
    await admin.connect();
    try {
      const connections = async () =>
        Number(
          (await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [database]))
            .rows[0].n,
        );
      assert.equal(await connections(), 0);
      await assert.rejects(
        store.lock.withLock('g:1:counter', async () => 'ran'),
        /the store is closed/,
      );
      assert.equal(await connections(), 0);
    } finally {
      await admin.end();
      await store.close().catch(() => {}); // ends a connection a faulty lock would have opened
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
