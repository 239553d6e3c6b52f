import type { z } from 'zod';
import type { KeyedMutex } from './mutex.ts';
import type { KvStore } from './open.ts';
import type { RecordType } from './versioned.ts';

export { CorruptRecordError, RecordTooNewError } from './versioned.ts';

/**
 * A validated record waiting to be written with others in one statement (writeTogether). `value`
 * is read when the write is queued, so a record derived from shared memory (a leaderboard bucket)
 * is the newest version of it in queue order.
 */
export interface StagedWrite {
  key: string;
  value: () => unknown;
  /** Keeps a repository's cache in step with what was (or was not) written. */
  settle: (written: boolean) => void;
}

/** Writes every staged record in one atomic statement: all of them land, or none. */
export async function writeTogether(store: KvStore, staged: readonly StagedWrite[]): Promise<void> {
  try {
    await store.write(staged.map((s) => ({ key: s.key, value: s.value() })));
  } catch (error) {
    for (const s of staged) s.settle(false);
    throw error;
  }
  for (const s of staged) s.settle(true);
}

/**
 * Typed access to one kind of record. Reads are migrated to the current version and zod-parsed (a
 * failed read, a corrupt record or one newer than the code throws; it is never mistaken for "no
 * record"), writes are checked, and `update` is the only way to read-modify-write: it runs under
 * the per-key mutex. A record read at an older version is written back migrated, under its lock.
 */
export class RecordRepo<S extends z.ZodType> {
  /**
   * Optional write-through cache of recently used records (least recently used dropped first).
   * Coherent because each guild, and so each key, is served by one process, and every write of
   * these keys goes through this repository; a failed write drops the entry.
   */
  private readonly cache: Map<string, z.infer<S>> | undefined;

  constructor(
    private readonly store: KvStore,
    private readonly mutex: KeyedMutex,
    private readonly type: RecordType<S>,
    private readonly cacheSize = 0,
  ) {
    this.cache = cacheSize > 0 ? new Map() : undefined;
    this.schema = type.schema;
  }

  private readonly schema: S;

  private read(raw: unknown, key: string): z.infer<S> {
    const { value, migrated } = this.type.read(raw, key);
    if (migrated) this.writeBack(key);
    return value;
  }

  /**
   * Persists a migrated record once the key's lock is free (never awaited: the caller may hold the
   * lock). It re-reads under the lock and writes only if the record is still at an older version,
   * so it never overwrites a newer write; if it fails, the next read migrates again.
   */
  private writeBack(key: string): void {
    void this.mutex
      .withLock(key, async () => {
        const raw = (await this.store.keyv.get(key)) as { v?: unknown } | undefined;
        if (typeof raw?.v !== 'number' || raw.v >= this.type.version) return;
        await this.set(key, this.type.read(raw, key).value);
      })
      .catch(() => {});
  }

  private remember(key: string, value: z.infer<S>): void {
    if (!this.cache) return;
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  async get(key: string): Promise<z.infer<S> | undefined> {
    const cached = this.cache?.get(key);
    if (cached !== undefined) {
      this.remember(key, cached);
      return cached;
    }
    const raw = await this.store.keyv.get(key);
    if (raw === undefined || raw === null) return undefined;
    const value = this.read(raw, key);
    this.remember(key, value);
    return value;
  }

  async getMany(keyList: string[]): Promise<(z.infer<S> | undefined)[]> {
    if (keyList.length === 0) return [];
    const raws = (await this.store.keyv.get(keyList)) as unknown[];
    return raws.map((raw, i) =>
      raw === undefined || raw === null ? undefined : this.read(raw, keyList[i]!),
    );
  }

  async set(key: string, value: z.infer<S>): Promise<void> {
    await writeTogether(this.store, [this.stage(key, value)]);
  }

  /** Validates a record for writeTogether; the cache follows the outcome of the write. */
  stage(key: string, value: z.infer<S>): StagedWrite {
    // Validate before writing so a bug can never persist a record we would refuse to read back.
    const checked = this.schema.parse(value);
    this.cache?.delete(key);
    return this.staged(key, () => checked);
  }

  /** Like stage, with the value computed (and validated) when the write is queued. */
  stageLazy(key: string, value: () => z.infer<S>): StagedWrite {
    this.cache?.delete(key);
    return this.staged(key, () => this.schema.parse(value()));
  }

  private staged(key: string, value: () => z.infer<S>): StagedWrite {
    let written: z.infer<S> | undefined;
    return {
      key,
      value: () => {
        written = value();
        return written;
      },
      settle: (ok) => {
        if (ok && written !== undefined) this.remember(key, written);
        else this.cache?.delete(key);
      },
    };
  }

  async delete(key: string): Promise<void> {
    this.cache?.delete(key);
    await this.store.keyv.delete(key);
  }

  /** Runs a multi-step sequence under the key's lock (when the write order across keys matters). */
  locked<R>(key: string, fn: () => Promise<R>): Promise<R> {
    return this.mutex.withLock(key, fn);
  }

  /**
   * Read-modify-write under the key's lock. `fn` returns the new value (or undefined to leave the
   * record untouched) and a result for the caller.
   */
  async update<R>(
    key: string,
    fn: (
      current: z.infer<S> | undefined,
    ) => { next: z.infer<S> | undefined; result: R } | Promise<{ next: z.infer<S> | undefined; result: R }>,
  ): Promise<R> {
    return this.mutex.withLock(key, async () => {
      const current = await this.get(key);
      const { next, result } = await fn(current);
      if (next !== undefined) await this.set(key, next);
      return result;
    });
  }
}
