import KeyvPostgres from '@keyv/postgres';
import type { StoredData } from 'keyv';
import type pg from 'pg';
import { prefixRange } from './key-range.ts';
import { type Commit, type Statement, StoreWriter, type WriteDialect } from './writer.ts';

/** @keyv/postgres's table layout: `public.keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)`. */
const TABLE = 'public.keyv';
const RACE_LOST = new Set(['23505', '42P07', '42710']);

/**
 * Keyv's PostgreSQL adapter (@keyv/postgres) on a pool this store owns (its own keeps one pool per
 * module and cannot run a transaction), with what the store port needs: every write goes through
 * one queue (StoreWriter: atomic multi-row `setMany` and `commit` in one transaction, in the order
 * asked for, which the leaderboard buckets rely on), and `iterator`/`scan` read ordered key ranges
 * through a byte-order ("C" collation) index, so a prefix is a range whatever the database's locale.
 */
export class PostgresStore extends KeyvPostgres {
  private readonly writer: StoreWriter;

  constructor(
    private readonly pool: pg.Pool,
    options: { iterationLimit?: number } = {},
  ) {
    // KeyvPostgres connects in its constructor through connect(), overridden below to use `pool`.
    super({
      dialect: 'postgres',
      uri: 'postgresql://',
      iterationLimit: options.iterationLimit ?? 100,
      pool,
    } as never);
    this.writer = new StoreWriter({ dialect: postgresDialect, execute: (s) => this.execute(s) });
  }

  /** Creates the table (@keyv/postgres's DDL) and the byte-order key index if missing. */
  static async prepare(pool: pg.Pool): Promise<void> {
    for (const sql of [
      `CREATE TABLE IF NOT EXISTS ${TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT )`,
      `CREATE INDEX IF NOT EXISTS keyv_key_bytes ON ${TABLE} (key COLLATE "C")`,
    ]) {
      // Two processes starting together may race to create the same object: the loser gets a
      // unique violation on the catalog (23505), "relation exists" (42P07) or "type exists" (42710),
      // all harmless once the winner has committed.
      await pool.query(sql).catch((error: { code?: string }) => {
        if (!RACE_LOST.has(error.code ?? '')) throw error;
      });
    }
  }

  override async connect() {
    const pool = (this.opts as { pool: pg.Pool }).pool;
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
  }

  private async execute(statements: readonly Statement[]): Promise<unknown[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      if (statements.length === 1) {
        const only = statements[0] as Statement;
        return (await client.query(only.sql, only.params as unknown[])).rows;
      }
      await client.query('BEGIN');
      try {
        let rows: unknown[] = [];
        for (const s of statements) rows = (await client.query(s.sql, s.params as unknown[])).rows;
        await client.query('COMMIT');
        return rows;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => {
          broken = rollback;
        });
        throw error;
      }
    } finally {
      // A connection whose rollback failed is not reused.
      client.release(broken);
    }
  }

  override async set(key: string, value: unknown): Promise<void> {
    await this.commit({ puts: [[key, String(value)]], dels: [] });
  }

  override async setMany(entries: { key: string; value: unknown }[]): Promise<void> {
    await this.commit({ puts: entries.map((e) => [e.key, String(e.value)] as const), dels: [] });
  }

  override async delete(key: string): Promise<boolean> {
    return (await this.commit({ puts: [], dels: [key] })) > 0;
  }

  override async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    return (await this.commit({ puts: [], dels: keys })) > 0;
  }

  override async clear(): Promise<void> {
    const [from, to] = prefixRange(this.namespace ? `${this.namespace}:` : '');
    await this.writer.flush();
    await this.pool.query(`DELETE FROM ${TABLE} WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2`, [
      from,
      to,
    ]);
  }

  /** Upserts and deletes stored rows atomically (one transaction), after every earlier write. */
  commit(change: Commit): Promise<number> {
    return this.writer.commit(change);
  }

  /** Every row whose key starts with `prefix`, in byte order of the keys. */
  async scan(prefix: string): Promise<{ key: string; value: string }[]> {
    const [from, to] = prefixRange(prefix);
    const result = await this.pool.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${TABLE} WHERE key COLLATE "C" >= $1 AND key COLLATE "C" < $2 ORDER BY key COLLATE "C"`,
      [from, to],
    );
    return result.rows;
  }

  override async *iterator(namespace?: string): AsyncGenerator<[string, string], void> {
    const [from, to] = prefixRange(namespace ? `${namespace}:` : '');
    const limit = Number(this.opts.iterationLimit) || 100;
    let after: string | undefined;
    for (;;) {
      const { rows } = await this.pool.query<{ key: string; value: string }>(
        `SELECT key, value FROM ${TABLE} WHERE key COLLATE "C" ${after === undefined ? '>=' : '>'} $1 AND key COLLATE "C" < $2 ORDER BY key COLLATE "C" LIMIT $3`,
        [after ?? from, to, limit],
      );
      for (const row of rows) yield [row.key, row.value];
      if (rows.length < limit) return;
      after = rows[rows.length - 1]?.key;
    }
  }

  override async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM ${TABLE} WHERE key = $1`, [
      key,
    ]);
    return rows[0]?.value as StoredData<Value> | undefined;
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  override async disconnect(): Promise<void> {
    await this.writer.flush();
    await this.pool.end();
  }
}

const postgresDialect: WriteDialect = {
  upsert: (rows) => ({
    sql: `INSERT INTO ${TABLE} (key, value) SELECT * FROM UNNEST($1::text[], $2::text[]) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    params: [rows.map((r) => r[0]), rows.map((r) => r[1])],
  }),
  delete: (keys) => ({ sql: `DELETE FROM ${TABLE} WHERE key = ANY($1) RETURNING key`, params: [keys] }),
};
