import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { KeyedMutex, type KeyLock } from './mutex.ts';

/**
 * A per-key lock across every process on one PostgreSQL database: the process's own mutex first,
 * then a session-level advisory lock on the key's hash, taken with `pg_try_advisory_lock` on one
 * connection of its own (retried with a short backoff while another process holds it). One
 * connection holds any number of locks, so nested locks (a channel's post, then its server's
 * record) never wait for a free connection. A process that dies loses its connection, and
 * PostgreSQL releases its locks.
 */
export class AdvisoryLock implements KeyLock {
  private readonly local = new KeyedMutex();
  private client: Promise<pg.Client> | undefined;
  /** Queries on the one connection run one at a time (pg no longer queues them itself). */
  private queue: Promise<unknown> = Promise.resolve();
  /** After end(): no new connection (an unlock queued late finds its lock already released). */
  private ended = false;

  constructor(private readonly newClient: () => pg.Client) {}

  private connection(): Promise<pg.Client> {
    if (this.ended) return Promise.reject(new Error('the store is closed'));
    if (!this.client) {
      const client = this.newClient();
      const forget = () => {
        if (this.client === connecting) this.client = undefined;
      };
      client.on('error', forget);
      client.on('end', forget);
      const connecting = client.connect().then(() => client);
      connecting.catch(forget);
      this.client = connecting;
    }
    return this.client;
  }

  private query(sql: string, key: string): Promise<boolean> {
    const run = this.queue.then(async () => {
      const client = await this.connection();
      const { rows } = await client.query<{ ok: boolean }>(sql, [key]);
      return rows[0]?.ok === true;
    });
    this.queue = run.catch(() => {});
    return run;
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.withLock(key, async () => {
      for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
        if (await this.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', key)) break;
        await sleep(wait);
      }
      try {
        return await fn();
      } finally {
        // Queued, not awaited: the caller's reply need not wait for the round trip. The next
        // holder in this process queues its pg_try_advisory_lock behind it on the same connection,
        // so it still finds the key free; another process retries until the unlock has run. If the
        // connection was lost meanwhile, PostgreSQL has already released the lock.
        void this.query('SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS ok', key).catch(() => {});
      }
    });
  }

  async end(): Promise<void> {
    await this.queue; // queued unlocks
    this.ended = true;
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end();
  }
}
