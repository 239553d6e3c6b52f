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

  constructor(private readonly newClient: () => pg.Client) {}

  private connection(): Promise<pg.Client> {
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
        // If the connection was lost meanwhile, PostgreSQL has already released the lock.
        await this.query('SELECT pg_advisory_unlock(hashtextextended($1, 0)) AS ok', key).catch(() => {});
      }
    });
  }

  async end(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end();
  }
}
