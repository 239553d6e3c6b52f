import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type Deserialize, type Serialize } from 'keyv';
import { SqliteConnection } from './sqlite.ts';
import { StoreWriter, type WriteEntry } from './writer.ts';

export interface KvStore {
  keyv: Keyv;
  /** Raw SQL on the single SQLite connection (maintenance, integrity checks, prefix scans). */
  query: (sql: string, ...params: unknown[]) => Promise<unknown[]>;
  /** Upserts records in one statement, after every earlier write (see writer.ts). */
  write: (entries: readonly WriteEntry[]) => Promise<void>;
  /**
   * After deleting what must be gone (/forget-me): waits for queued writes and moves the WAL into
   * the database file and truncates it, so deleted values (zeroed by secure_delete) leave no copy
   * on disk.
   */
  flushDeleted: () => Promise<void>;
  file: string;
  close: () => Promise<void>;
}

const BUSY_TIMEOUT_MS = 5000;

// Keyv's default serializer walks every value to escape strings that start with ':' (and Buffers),
// which made it most of the cost of writing a large record. Records here are plain JSON, so plain
// JSON.stringify/parse is used, and the default only when such a string is present: the stored
// bytes stay exactly what the default would write, so either can read the other's data.
const COLON_STRING = /[:,[]":/;
const serialize: Serialize = (data) => {
  const json = JSON.stringify(data);
  return COLON_STRING.test(json) ? defaultSerialize(data) : json;
};
const deserialize: Deserialize = (text) =>
  COLON_STRING.test(text) ? defaultDeserialize(text) : JSON.parse(text);
/** The table and namespace every key lives in; raw queries must use the same. */
export const TABLE = 'keyv';
export const NAMESPACE = 'bot';

/**
 * Creates missing parent folders one level at a time. mkdirSync's `recursive` loops forever on
 * procfs paths under Node 20; this fails on the first level that cannot be made, with its error.
 */
function ensureFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
    return;
  }
  const parent = dirname(dir);
  if (parent !== dir) ensureFolder(parent);
  // Private: it holds what members wrote.
  mkdirSync(dir, { mode: 0o700 });
}

/** A new database file is created readable by its owner only; SQLite gives its -wal and -shm the same mode. */
function createPrivate(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

export function sqlitePathFromUrl(databaseUrl: string): string {
  const match = /^sqlite:\/\/(.+)$/.exec(databaseUrl);
  if (!match?.[1])
    throw new Error(`DATABASE_URL must look like sqlite://path/to/file.sqlite (got ${databaseUrl})`);
  return match[1] === ':memory:' ? ':memory:' : resolve(match[1]);
}

/** @keyv/sqlite passes parameters either one by one or as one array (its iterator). */
function flatParams(params: unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? params[0] : params;
}

/**
 * @keyv/sqlite opens its own connection and does not let one be passed in. It is created on an
 * in-memory database, which is closed at once, and its queries are pointed at the process's
 * connection; the table is the one it would create.
 */
async function keyvAdapterOn(connection: SqliteConnection): Promise<KeyvSqlite> {
  const adapter = new KeyvSqlite({ uri: 'sqlite://:memory:', table: TABLE });
  const closeOwn = adapter.close;
  // Its queries are a handful of fixed texts: each is prepared once and kept.
  adapter.query = (sql: string, ...params: unknown[]) =>
    connection.allPrepared(sql, flatParams(params)) as Promise<never>;
  adapter.close = () => connection.close();
  await closeOwn();
  await connection.all(
    `CREATE TABLE IF NOT EXISTS ${TABLE}(key VARCHAR(${adapter.opts.keySize}) PRIMARY KEY, value TEXT )`,
  );
  return adapter;
}

/**
 * Opens the one store connection of this process. Fails fast: a connection that cannot be opened
 * or configured is reported here rather than by the first read or write.
 */
export async function openStore(databaseUrl: string): Promise<KvStore> {
  const file = sqlitePathFromUrl(databaseUrl);
  if (file !== ':memory:') {
    ensureFolder(dirname(file));
    createPrivate(file);
  }
  let connection: SqliteConnection | undefined;
  let adapter: KeyvSqlite;
  try {
    connection = await SqliteConnection.open(file, { busyTimeoutMs: BUSY_TIMEOUT_MS });
    if (file !== ':memory:') {
      const rows = (await connection.all('PRAGMA journal_mode=WAL')) as { journal_mode?: string }[];
      if (rows[0]?.journal_mode !== 'wal') {
        throw new Error(`could not enable WAL (journal_mode=${rows[0]?.journal_mode ?? 'unknown'})`);
      }
      // WAL + NORMAL is durable across process crashes (only an OS crash can lose the last commits).
      await connection.all('PRAGMA synchronous=NORMAL');
      // Deleted content is overwritten with zeros, so /forget-me leaves no readable answer behind.
      await connection.all('PRAGMA secure_delete=ON');
    }
    adapter = await keyvAdapterOn(connection);
  } catch (error) {
    await connection?.close().catch(() => {});
    throw new Error(`cannot open the store at ${file}: ${(error as Error).message}`);
  }
  const keyv = new Keyv({
    store: adapter,
    namespace: NAMESPACE,
    throwOnErrors: true,
    serialize,
    deserialize,
  });
  const open = connection;
  const query = (sql: string, ...params: unknown[]) => open.all(sql, ...params);
  const writer = new StoreWriter({
    run: (sql, params) => open.runPrepared(sql, params),
    table: TABLE,
    // Exactly what Keyv would store for keyv.set(key, value), so keyv.get reads it back.
    storedKey: (key) => (key.startsWith(`${NAMESPACE}:`) ? key : `${NAMESPACE}:${key}`),
    storedValue: (value) => serialize({ value, expires: undefined }) as string,
  });
  return {
    keyv,
    query,
    write: (entries) => writer.write(entries),
    flushDeleted: async () => {
      await writer.flush();
      if (file !== ':memory:') await open.all('PRAGMA wal_checkpoint(TRUNCATE)');
    },
    file,
    close: async () => {
      await writer.flush();
      await adapter.disconnect();
    },
  };
}
