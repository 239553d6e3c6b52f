// The one path by which rows change in SQLite (used by the Keyv adapter, sqlite-adapter.ts):
// - Atomicity: a commit (a record and what is derived from it: an answer, its user's totals and
//   their leaderboard bucket) lands whole or not at all. Puts alone are one upsert statement;
//   puts with deletes run in one transaction.
// - Order and speed: commits run one at a time, in the order they were asked for, so a later
//   write of a key always wins. Put-only commits asked for while one runs go out together in the
//   next statement (group commit): one round trip through the SQLite thread instead of one per key.

/** One atomic change: rows to upsert and keys to delete, as stored (namespaced, serialized). */
export interface Commit {
  puts: readonly (readonly [key: string, value: string])[];
  dels: readonly string[];
}

interface Job extends Commit {
  resolve: (deleted: number) => void;
  reject: (error: unknown) => void;
}

export interface Statement {
  sql: string;
  params: readonly unknown[];
}

/** How an engine spells the two statements the writer needs (SQLite and PostgreSQL differ). */
export interface WriteDialect {
  /** Upserts distinct keys in one statement. */
  upsert(rows: readonly (readonly [string, string])[]): Statement;
  /** Deletes keys in one statement, returning one row per key deleted. */
  delete(keys: readonly string[]): Statement;
}

export interface WriterDeps {
  dialect: WriteDialect;
  /**
   * Runs the statements atomically (one statement: as is; several: in one transaction) on the
   * store's connection, resolving with the rows of the last one.
   */
  execute: (statements: readonly Statement[]) => Promise<unknown[]>;
}

// SQLite allows 32,766 parameters per statement; far fewer keeps one statement short.
export const MAX_ROWS_PER_STATEMENT = 256;
/** A bound on one commit (a server's import of a thousand questions is one). */
export const MAX_ROWS_PER_COMMIT = 5000;

export class StoreWriter {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly deps: WriterDeps) {}

  /**
   * Applies one commit after every commit asked for earlier and resolves with the number of rows
   * it deleted. Rejects if it failed: then none of it was applied.
   */
  commit(change: Commit): Promise<number> {
    if (change.puts.length === 0 && change.dels.length === 0) return Promise.resolve(0);
    if (change.puts.length > MAX_ROWS_PER_COMMIT) {
      return Promise.reject(new Error(`one write is limited to ${MAX_ROWS_PER_COMMIT} records`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ puts: change.puts, dels: change.dels, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Resolves once every commit asked for so far has finished (for shutdown). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setImmediate(r));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        if (batch.length === 1) {
          const job = batch[0] as Job;
          await this.apply(job).then(job.resolve, job.reject);
          continue;
        }
        try {
          await this.upsert(batch.flatMap((job) => job.puts));
          for (const job of batch) job.resolve(0);
        } catch {
          // Another caller's write must not fail because it shared a statement: alone, each
          // job fails or lands on its own.
          for (const job of batch) await this.apply(job).then(job.resolve, job.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Whole put-only jobs go together; a job that deletes, or needs several statements, runs alone. */
  private takeBatch(): Job[] {
    const first = this.queue.shift() as Job;
    const batch = [first];
    if (first.dels.length > 0 || first.puts.length > MAX_ROWS_PER_STATEMENT) return batch;
    let rows = first.puts.length;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Job;
      if (next.dels.length > 0 || rows + next.puts.length > MAX_ROWS_PER_STATEMENT) break;
      batch.push(next);
      rows += next.puts.length;
      this.queue.shift();
    }
    return batch;
  }

  /** One job: its upserts (in statements of at most MAX_ROWS_PER_STATEMENT rows) and deletes, atomically. */
  private async apply(job: Job): Promise<number> {
    const statements: Statement[] = [];
    const rows = [...latestByKey(job.puts)];
    for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) {
      statements.push(this.deps.dialect.upsert(rows.slice(i, i + MAX_ROWS_PER_STATEMENT)));
    }
    if (job.dels.length > 0) statements.push(this.deps.dialect.delete(job.dels));
    const deleted = await this.deps.execute(statements);
    return job.dels.length > 0 ? deleted.length : 0;
  }

  private async upsert(puts: readonly (readonly [string, string])[]): Promise<void> {
    await this.deps.execute([this.upsertOf(puts)]);
  }

  private upsertOf(puts: readonly (readonly [string, string])[]): Statement {
    return this.deps.dialect.upsert([...latestByKey(puts)]);
  }
}

/** One row per key, holding the value asked for last (an upsert may not touch a row twice). */
function latestByKey(puts: readonly (readonly [string, string])[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const [key, value] of puts) {
    latest.delete(key);
    latest.set(key, value);
  }
  return latest;
}
