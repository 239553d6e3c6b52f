// The one path by which records reach SQLite. Two reasons:
// - Atomicity: Keyv writes one key per statement, so a record and what is derived from it (an
//   answer and its user's totals, the totals and their leaderboard bucket) could land apart. Every
//   write here is a single upsert statement, which SQLite commits whole or not at all.
// - Order and speed: statements run one at a time, in the order writes were asked for, so a later
//   write of a key always wins. Writes asked for while a statement runs go out together in the next
//   one (group commit): one round trip through the SQLite thread instead of one per key.

export interface WriteEntry {
  /** Key without the namespace, as given to Keyv. */
  key: string;
  value: unknown;
}

interface Job {
  rows: [string, string][];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface WriterDeps {
  /** Runs one statement on the store's connection. */
  run: (sql: string, params: string[]) => Promise<unknown>;
  table: string;
  /** Key as stored (with the namespace prefix Keyv adds). */
  storedKey: (key: string) => string;
  /** Value as Keyv stores it, so Keyv reads it back unchanged. */
  storedValue: (value: unknown) => string;
}

// SQLite allows 32,766 parameters per statement; far fewer keeps one statement short.
const MAX_ROWS_PER_STATEMENT = 256;

export class StoreWriter {
  private readonly queue: Job[] = [];
  private running = false;
  private readonly statements = new Map<number, string>();

  constructor(private readonly deps: WriterDeps) {}

  /**
   * Writes every entry in one statement, after every write asked for earlier. Values are
   * serialised now, so a caller may go on changing its objects. Rejects if the statement failed:
   * then none of the entries was written.
   */
  write(entries: readonly WriteEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    if (entries.length > MAX_ROWS_PER_STATEMENT) {
      return Promise.reject(new Error(`one write is limited to ${MAX_ROWS_PER_STATEMENT} records`));
    }
    let rows: [string, string][];
    try {
      rows = entries.map((e) => [this.deps.storedKey(e.key), this.deps.storedValue(e.value)]);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Resolves once every write asked for so far has finished (for shutdown). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setImmediate(r));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.runBatch(batch);
          for (const job of batch) job.resolve();
        } catch (error) {
          if (batch.length === 1) batch[0]?.reject(error);
          // Another caller's write must not fail because it shared a statement: alone, each
          // job fails or lands on its own.
          else for (const job of batch) await this.runBatch([job]).then(job.resolve, job.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Whole jobs only, so each caller's entries stay in one statement. */
  private takeBatch(): Job[] {
    const batch: Job[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Job;
      if (batch.length > 0 && rows + next.rows.length > MAX_ROWS_PER_STATEMENT) break;
      batch.push(next);
      rows += next.rows.length;
      this.queue.shift();
    }
    return batch;
  }

  private runBatch(batch: readonly Job[]): Promise<unknown> {
    // One row per key, holding the value asked for last (an upsert may not touch a row twice).
    const latest = new Map<string, string>();
    for (const job of batch) {
      for (const [key, value] of job.rows) {
        latest.delete(key);
        latest.set(key, value);
      }
    }
    const params: string[] = [];
    for (const [key, value] of latest) params.push(key, value);
    return this.deps.run(this.statement(latest.size), params);
  }

  private statement(rows: number): string {
    let sql = this.statements.get(rows);
    if (!sql) {
      const values = Array.from({ length: rows }, () => '(?, ?)').join(', ');
      sql = `INSERT INTO ${this.deps.table} (key, value) VALUES ${values} ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
      this.statements.set(rows, sql);
    }
    return sql;
  }
}
