import type pg from 'pg';
import { KeyedMutex, type KeyLock } from './mutex.ts';

/**
 * A per-key lock across every process on one PostgreSQL database: the process's own mutex first
 * (so it holds at most one connection per key), then a session-level advisory lock on the key's
 * hash, held on a connection of its own pool while `fn` runs (`fn` reads and writes through the
 * store's pool, so waiting for locks can never starve it). A process that dies mid-way loses its
 * connection, and PostgreSQL releases its locks.
 */
export class AdvisoryLock implements KeyLock {
  private readonly local = new KeyedMutex();

  constructor(private readonly pool: pg.Pool) {}

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.local.withLock(key, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await fn();
        } finally {
          await client
            .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
            .catch((error: Error) => {
              // Dropping the connection releases the lock.
              broken = error;
            });
        }
      } finally {
        client.release(broken);
      }
    });
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
