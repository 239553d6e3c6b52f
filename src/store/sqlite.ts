import sqlite3 from 'sqlite3';

/**
 * The process's one SQLite connection. Keyv's adapter queries through it, and the store's writer
 * runs its upserts as prepared statements kept open: sqlite3's `Database#all` prepares, runs and
 * finalises a new statement each time (three trips through the libuv thread pool), a kept statement
 * needs one. A submit and a grade wait for their write before replying (docs/performance.md).
 */
export class SqliteConnection {
  /** Least recently used last out; finalised when dropped, all of them before closing. */
  private readonly prepared = new Map<string, Promise<sqlite3.Statement>>();

  private constructor(
    private readonly db: sqlite3.Database,
    private readonly maxPrepared: number,
  ) {}

  static open(
    file: string,
    opts: { busyTimeoutMs: number; maxPrepared?: number },
  ): Promise<SqliteConnection> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, (error) => {
        if (error) return reject(error);
        db.configure('busyTimeout', opts.busyTimeoutMs);
        resolve(new SqliteConnection(db, opts.maxPrepared ?? 32));
      });
    });
  }

  /** Same calling convention as the promisified `Database#all` @keyv/sqlite uses. */
  all(sql: string, ...params: unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, ...params, (error: Error | null, rows: unknown[]) =>
        error ? reject(error) : resolve(rows),
      );
    });
  }

  /** Runs a write on a kept statement (the writer's upserts); its rows, if any, are not wanted. */
  async runPrepared(sql: string, params: readonly unknown[]): Promise<void> {
    await this.allPrepared(sql, params);
  }

  /**
   * Like `all`, on a kept statement (for the fixed queries Keyv's adapter runs). `all` steps to the
   * end, so the kept statement holds no read transaction that would stall WAL checkpoints.
   */
  async allPrepared(sql: string, params: readonly unknown[]): Promise<unknown[]> {
    const statement = await this.statement(sql);
    return new Promise((resolve, reject) => {
      statement.all(params, (error: Error | null, rows: unknown[]) =>
        error ? reject(error) : resolve(rows),
      );
    });
  }

  private statement(sql: string): Promise<sqlite3.Statement> {
    let statement = this.prepared.get(sql);
    if (statement) {
      this.prepared.delete(sql);
      this.prepared.set(sql, statement);
      return statement;
    }
    statement = new Promise((resolve, reject) => {
      const prepared = this.db.prepare(sql, (error) => (error ? reject(error) : resolve(prepared)));
    });
    this.prepared.set(sql, statement);
    // A statement that failed to prepare is not kept: the next call prepares it again.
    statement.catch(() => {
      if (this.prepared.get(sql) === statement) this.prepared.delete(sql);
    });
    if (this.prepared.size > this.maxPrepared) {
      const [oldestSql, oldest] = this.prepared.entries().next().value as [
        string,
        Promise<sqlite3.Statement>,
      ];
      this.prepared.delete(oldestSql);
      // sqlite3 queues the finalise behind any run still pending on that statement.
      void oldest.then(
        (s) => s.finalize(),
        () => {},
      );
    }
    return statement;
  }

  /** Finalises the kept statements (SQLite refuses to close with any open), then closes. */
  async close(): Promise<void> {
    const statements = [...this.prepared.values()];
    this.prepared.clear();
    for (const pending of statements) {
      const statement = await pending.catch(() => undefined);
      if (statement) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      this.db.close((error) => (error ? reject(error) : resolve())),
    );
  }
}
