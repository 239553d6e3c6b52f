import type { z } from 'zod';
import type { KeyLock } from './mutex.ts';
import type { KvStore } from './open.ts';
import type { Staged } from './ports.ts';
import type { RecordType } from './versioned.ts';

export { CorruptRecordError, RecordTooNewError } from './versioned.ts';

/**
 * A record write or deletion waiting to be committed with others (commitStaged). `value` is read
 * when the commit is queued, so a record derived from shared memory (a leaderboard bucket) is the
 * newest version of it in queue order.
 */
export interface StagedWrite extends Staged {
  key: string;
  /** Missing: the key is deleted. */
  value?: () => unknown;
  /** Keeps a repository's cache in step with what was (or was not) written. */
  settle: (written: boolean) => void;
}

/** Commits every staged record atomically: all of them land, or none. */
export async function commitStaged(store: KvStore, staged: readonly Staged[]): Promise<void> {
  const writes = staged as readonly StagedWrite[];
  try {
    const puts = [];
    const dels = [];
    for (const s of writes) {
      if (s.value) puts.push({ key: s.key, value: s.value() });
      else dels.push(s.key);
    }
    await store.commit(puts, dels);
  } catch (error) {
    for (const s of writes) s.settle(false);
    throw error;
  }
  for (const s of writes) s.settle(true);
}

/**
 * Typed access to one kind of record, addressed by its id (the key layout stays in here). Reads are
 * migrated to the current version and zod-parsed (a failed read, a corrupt record or one newer than
 * the code throws; it is never mistaken for "no record"), writes are checked, and `update` is the
 * only way to read-modify-write: it runs under the per-key mutex. A record read at an older version
 * is written back migrated, under its lock.
 */
export class RecordRepo<T, Id extends readonly unknown[]> {
  /**
   * Optional write-through cache of recently used records (least recently used dropped first).
   * Coherent because each guild, and so each key, is served by one process, and every write of
   * these keys goes through this repository; a failed write drops the entry.
   */
  private readonly cache: Map<string, T> | undefined;

  constructor(
    private readonly store: KvStore,
    private readonly mutex: KeyLock,
    private readonly type: RecordType<z.ZodType<T>>,
    private readonly keyOf: (...id: Id) => string,
    private readonly cacheSize = 0,
  ) {
    this.cache = cacheSize > 0 ? new Map() : undefined;
  }

  /** Parses a stored value read by other means (a prefix scan); an older version is written back. */
  parse(raw: unknown, key: string): T {
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
        await commitStaged(this.store, [this.stageKey(key, this.type.read(raw, key).value)]);
      })
      .catch(() => {});
  }

  private remember(key: string, value: T): void {
    if (!this.cache) return;
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  async get(...id: Id): Promise<T | undefined> {
    const key = this.keyOf(...id);
    const cached = this.cache?.get(key);
    if (cached !== undefined) {
      this.remember(key, cached);
      return cached;
    }
    const raw = await this.store.keyv.get(key);
    if (raw === undefined || raw === null) return undefined;
    const value = this.parse(raw, key);
    this.remember(key, value);
    return value;
  }

  async getMany(ids: readonly Id[]): Promise<(T | undefined)[]> {
    if (ids.length === 0) return [];
    const keyList = ids.map((id) => this.keyOf(...id));
    const raws = (await this.store.keyv.get(keyList)) as unknown[];
    return raws.map((raw, i) =>
      raw === undefined || raw === null ? undefined : this.parse(raw, keyList[i]!),
    );
  }

  async set(id: Id, value: T): Promise<void> {
    await commitStaged(this.store, [this.stage(id, value)]);
  }

  /** Validates a record for a commit; the cache follows the outcome of the write. */
  stage(id: Id, value: T): StagedWrite {
    return this.stageKey(this.keyOf(...id), value);
  }

  private stageKey(key: string, value: T): StagedWrite {
    // Checked before writing so a bug can never persist a record we would refuse to read back.
    this.type.check(value);
    this.cache?.delete(key);
    return this.staged(key, () => value);
  }

  /** Like stage, with the value computed (and validated) when the commit is queued. */
  stageLazy(id: Id, value: () => T): StagedWrite {
    const key = this.keyOf(...id);
    this.cache?.delete(key);
    return this.staged(key, () => {
      const next = value();
      this.type.check(next);
      return next;
    });
  }

  /** A deletion to commit with other writes. */
  stageDelete(id: Id): StagedWrite {
    const key = this.keyOf(...id);
    this.cache?.delete(key);
    return { key, settle: () => this.cache?.delete(key) };
  }

  private staged(key: string, value: () => T): StagedWrite {
    let written: T | undefined;
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

  async delete(...id: Id): Promise<void> {
    await commitStaged(this.store, [this.stageDelete(id)]);
  }

  /** Runs a multi-step sequence under the record's lock (when the write order across keys matters). */
  locked<R>(id: Id, fn: () => Promise<R>): Promise<R> {
    return this.mutex.withLock(this.keyOf(...id), fn);
  }

  /**
   * Read-modify-write under the record's lock. `fn` returns the new value (or undefined to leave
   * the record untouched) and a result for the caller.
   */
  async update<R>(
    id: Id,
    fn: (
      current: T | undefined,
    ) => { next: T | undefined; result: R } | Promise<{ next: T | undefined; result: R }>,
  ): Promise<R> {
    return this.mutex.withLock(this.keyOf(...id), async () => {
      const current = await this.get(...id);
      const { next, result } = await fn(current);
      if (next !== undefined) await this.set(id, next);
      return result;
    });
  }
}
