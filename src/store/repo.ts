import type { z } from 'zod';
import type { KeyedMutex } from './mutex.ts';
import type { KvStore } from './open.ts';

export class CorruptRecordError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`stored record ${key} does not match its schema: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}

/**
 * Typed access to one kind of record. Reads are zod-parsed (a failed read or a corrupt record
 * throws; it is never mistaken for "no record"), writes are checked, and `update` is the only way
 * to read-modify-write: it runs under the per-key mutex.
 */
export class RecordRepo<S extends z.ZodType> {
  constructor(
    private readonly store: KvStore,
    private readonly mutex: KeyedMutex,
    private readonly schema: S,
  ) {}

  async get(key: string): Promise<z.infer<S> | undefined> {
    const raw = await this.store.keyv.get(key);
    if (raw === undefined || raw === null) return undefined;
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) throw new CorruptRecordError(key, parsed.error.message);
    return parsed.data;
  }

  async getMany(keyList: string[]): Promise<(z.infer<S> | undefined)[]> {
    if (keyList.length === 0) return [];
    const raws = (await this.store.keyv.get(keyList)) as unknown[];
    return raws.map((raw, i) => {
      if (raw === undefined || raw === null) return undefined;
      const parsed = this.schema.safeParse(raw);
      if (!parsed.success) throw new CorruptRecordError(keyList[i] ?? '?', parsed.error.message);
      return parsed.data;
    });
  }

  async set(key: string, value: z.infer<S>): Promise<void> {
    // Validate before writing so a bug can never persist a record we would refuse to read back.
    const checked = this.schema.parse(value);
    const ok = await this.store.keyv.set(key, checked);
    if (ok !== true) throw new Error(`store refused to write ${key}`);
  }

  async delete(key: string): Promise<void> {
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
