import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { prefixRange } from './key-range.ts';
import type { SqliteConnection } from './sqlite.ts';
import { type Commit, type Statement, StoreWriter, type WriteDialect } from './writer.ts';

/** @keyv/sqlite's table layout: `bot.sqlite` files written by either open with the other. */
export const TABLE = 'keyv';
const KEY_SIZE = 255;

export interface SqliteStoreOptions {
  table?: string;
  /** Rows fetched per page by `iterator`. */
  iterationLimit?: number;
}

function sqliteDialect(table: string): WriteDialect {
  // Kept prepared per row count: a handful of texts (group commits of 1-256 rows).
  const upserts = new Map<number, string>();
  return {
    upsert(rows) {
      let sql = upserts.get(rows.length);
      if (!sql) {
        const values = Array.from({ length: rows.length }, () => '(?, ?)').join(', ');
        sql = `INSERT INTO ${table} (key, value) VALUES ${values} ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
        upserts.set(rows.length, sql);
      }
      return { sql, params: rows.flat() };
    },
    delete: (keys) => ({
      sql: `DELETE FROM ${table} WHERE key IN (SELECT value FROM json_each(?)) RETURNING key`,
      params: [JSON.stringify(keys)],
    }),
  };
}

/**
 * A Keyv store adapter on the process's one SQLite connection. Keyv serializes and namespaces
 * values; this stores them as given, in @keyv/sqlite's table. Differences from @keyv/sqlite, all
 * for the bot's data rules and speed: every write goes through one queue (StoreWriter: atomic
 * multi-row `setMany` and `commit`, group commit), statements are prepared once and kept, and
 * `iterator`/`scan` read ordered primary-key ranges (keyset pages) instead of `LIKE … OFFSET`.
 */
export class SqliteStore extends EventEmitter implements KeyvStoreAdapter {
  readonly ttlSupport = false;
  /** `dialect` is how Keyv recognises an adapter that can iterate. */
  readonly opts: { dialect: 'sqlite'; table: string; keySize: number; iterationLimit: number; url: string };
  namespace?: string | undefined;
  private readonly writer: StoreWriter;

  /** Over a connection whose table exists (`SqliteStore.open` creates it). */
  constructor(
    private readonly connection: SqliteConnection,
    options: SqliteStoreOptions = {},
  ) {
    super();
    const table = options.table ?? TABLE;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name ${table}`);
    this.opts = {
      dialect: 'sqlite',
      table,
      keySize: KEY_SIZE,
      iterationLimit: options.iterationLimit ?? 100,
      url: 'sqlite://',
    };
    this.writer = new StoreWriter({ dialect: sqliteDialect(table), execute: (s) => this.execute(s) });
  }

  /**
   * One statement runs as is (SQLite commits it whole); several run between BEGIN IMMEDIATE and
   * COMMIT. Statements issued on this connection meanwhile join the transaction: only reads can
   * (every write waits in the writer's queue), so none is lost.
   */
  private async execute(statements: readonly Statement[]): Promise<unknown[]> {
    const run = (s: Statement) => this.connection.allPrepared(s.sql, s.params);
    if (statements.length === 1) return run(statements[0] as Statement);
    await run({ sql: 'BEGIN IMMEDIATE', params: [] });
    try {
      let rows: unknown[] = [];
      for (const statement of statements) rows = await run(statement);
      await run({ sql: 'COMMIT', params: [] });
      return rows;
    } catch (error) {
      await run({ sql: 'ROLLBACK', params: [] }).catch(() => {});
      throw error;
    }
  }

  /** Creates the table if missing (the DDL @keyv/sqlite runs) and returns the adapter. */
  static async open(connection: SqliteConnection, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const store = new SqliteStore(connection, options);
    await connection.all(
      `CREATE TABLE IF NOT EXISTS ${store.opts.table}(key VARCHAR(${KEY_SIZE}) PRIMARY KEY, value TEXT )`,
    );
    return store;
  }

  private get table(): string {
    return this.opts.table;
  }

  private rows(sql: string, params: readonly unknown[]): Promise<{ key: string; value: string }[]> {
    return this.connection.allPrepared(sql, params) as Promise<{ key: string; value: string }[]>;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const [row] = await this.rows(`SELECT key, value FROM ${this.table} WHERE key = ?`, [key]);
    return row?.value as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<StoredData<Value | undefined>[]> {
    if (keys.length === 0) return [];
    const rows = await this.rows(
      `SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`,
      [JSON.stringify(keys)],
    );
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key) as StoredData<Value | undefined>);
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.connection.allPrepared(
      `SELECT EXISTS (SELECT 1 FROM ${this.table} WHERE key = ?) AS found`,
      [key],
    );
    return (rows[0] as { found: number }).found === 1;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.commit({ puts: [[key, String(value)]], dels: [] });
  }

  /** One statement: every entry lands, or none. */
  async setMany(values: { key: string; value: unknown }[]): Promise<void> {
    await this.commit({ puts: values.map((v) => [v.key, String(v.value)] as const), dels: [] });
  }

  async delete(key: string): Promise<boolean> {
    return (await this.commit({ puts: [], dels: [key] })) > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    return (await this.commit({ puts: [], dels: keys })) > 0;
  }

  /** Deletes this adapter's namespace (everything without one). */
  async clear(): Promise<void> {
    const [from, to] = prefixRange(this.namespace ? `${this.namespace}:` : '');
    await this.writer.flush();
    await this.connection.allPrepared(`DELETE FROM ${this.table} WHERE key >= ? AND key < ?`, [from, to]);
  }

  /**
   * Upserts and deletes stored rows (keys namespaced, values serialized) atomically, after every
   * earlier write; resolves with the number of rows deleted.
   */
  commit(change: Commit): Promise<number> {
    return this.writer.commit(change);
  }

  /** Every row whose key starts with `prefix`, in key order (one indexed range read). */
  scan(prefix: string): Promise<{ key: string; value: string }[]> {
    const [from, to] = prefixRange(prefix);
    return this.rows(`SELECT key, value FROM ${this.table} WHERE key >= ? AND key < ? ORDER BY key`, [
      from,
      to,
    ]);
  }

  async *iterator<Value>(
    namespace?: string,
  ): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const [from, to] = prefixRange(namespace ? `${namespace}:` : '');
    const limit = this.opts.iterationLimit;
    let after: string | undefined;
    for (;;) {
      const page = await this.rows(
        after === undefined
          ? `SELECT key, value FROM ${this.table} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`
          : `SELECT key, value FROM ${this.table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`,
        [after ?? from, to, limit],
      );
      for (const row of page) yield [row.key, row.value as Awaited<Value>];
      if (page.length < limit) return;
      after = page[page.length - 1]?.key;
    }
  }

  /** Waits for queued writes (shutdown, or before moving the WAL into the file). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  async disconnect(): Promise<void> {
    await this.writer.flush();
    await this.connection.close();
  }
}
