/** Runs `fn` while holding the key's lock: calls for one key run one after another. */
export interface KeyLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Per-key async mutex. Keyv has no transactions, so every read-modify-write of one key runs inside
 * `withLock(key, fn)`: calls for the same key run one after another, other keys run concurrently.
 * Correct within one process (SQLite); on PostgreSQL, AdvisoryLock extends it across processes.
 */
export class KeyedMutex implements KeyLock {
  private readonly tails = new Map<string, Promise<void>>();

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // Drop the entry once nobody queued behind us, so the map does not grow with every key ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Number of keys with a holder or waiters; for tests and diagnostics. */
  get size(): number {
    return this.tails.size;
  }
}
