import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import Keyv, { type Deserialize, type KeyvStoreAdapter, type Serialize } from 'keyv';
import { AdvisoryLock } from './advisory-lock.ts';
import { KeyedMutex, type KeyLock } from './mutex.ts';
import { PostgresStore } from './postgres-adapter.ts';
import { isPostgresUrl, lockClient, openPool } from './postgres-pool.ts';
import { SqliteConnection } from './sqlite.ts';
import { SqliteStore, TABLE } from './sqlite-adapter.ts';
import type { Commit } from './writer.ts';

/** A record write as Keyv is given it: the key without the namespace, the value unserialized. */
export interface WriteEntry {
  key: string;
  value: unknown;
}

/**
 * The opened store below the port (src/store/ports.ts): Keyv on the SQLite adapter, for the
 * repositories, maintenance and tests. Nothing outside src/store/ sees it but the entry points.
 */
export interface KvStore {
  engine: 'sqlite' | 'postgres';
  keyv: Keyv;
  /** Raw SQL on the single SQLite connection (maintenance, integrity checks). */
  query: (sql: string, ...params: unknown[]) => Promise<unknown[]>;
  /**
   * Writes `puts` and deletes `dels` atomically, after every earlier write (sqlite-adapter.ts);
   * values are serialized by Keyv when this is called.
   */
  commit: (puts: readonly WriteEntry[], dels?: readonly string[]) => Promise<void>;
  /** Upserts records in one statement: commit without deletes. */
  write: (entries: readonly WriteEntry[]) => Promise<void>;
  /** Every record under a key prefix, in key order (keys without the namespace). */
  scan: (prefix: string) => Promise<WriteEntry[]>;
  /** Stored rows as they are (namespaced keys, serialized values), for copying a store byte for byte. */
  raw: {
    /** Every row of the namespace, in byte order of the keys. */
    rows(): AsyncGenerator<[key: string, value: string]>;
    /** Writes rows exactly as given, atomically. */
    put(rows: readonly (readonly [string, string])[]): Promise<void>;
  };
  /**
   * After deleting what must be gone (/forget-me): waits for queued writes and moves the WAL into
   * the database file and truncates it, so deleted values (zeroed by secure_delete) leave no copy
   * on disk.
   */
  flushDeleted: () => Promise<void>;
  /**
   * The per-key lock every read-modify-write runs under: in-process on SQLite (one process per
   * file), across processes on PostgreSQL (advisory locks).
   */
  lock: KeyLock;
  /** Other processes may write the same records (PostgreSQL): no record is cached between reads. */
  shared: boolean;
  /** The SQLite file (':memory:' for an in-memory store); none on PostgreSQL. */
  file?: string;
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

export { TABLE };
/** The namespace every key lives in; raw queries must use the same. */
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

export interface OpenOptions {
  /** Connections to PostgreSQL (PG_POOL_SIZE). */
  poolSize?: number;
}

/**
 * Opens the store named by DATABASE_URL: `sqlite://path` (the process's one SQLite connection) or
 * `postgresql://user:password@host:port/db` (a pool). Fails fast: a store that cannot be opened or
 * configured is reported here rather than by the first read or write.
 */
export function openStore(databaseUrl: string, options: OpenOptions = {}): Promise<KvStore> {
  return isPostgresUrl(databaseUrl)
    ? openPostgres(databaseUrl, options.poolSize ?? 10)
    : openSqlite(databaseUrl);
}

async function openSqlite(databaseUrl: string): Promise<KvStore> {
  const file = sqlitePathFromUrl(databaseUrl);
  if (file !== ':memory:') {
    ensureFolder(dirname(file));
    createPrivate(file);
  }
  let connection: SqliteConnection | undefined;
  let adapter: SqliteStore;
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
    adapter = await SqliteStore.open(connection, { table: TABLE });
  } catch (error) {
    await connection?.close().catch(() => {});
    throw new Error(`cannot open the store at ${file}: ${(error as Error).message}`);
  }
  const open = connection;
  return storeOver(adapter, {
    engine: 'sqlite',
    lock: new KeyedMutex(),
    shared: false,
    file,
    query: (sql, ...params) => open.all(sql, ...params),
    afterDelete: async () => {
      if (file !== ':memory:') await open.all('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  });
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<KvStore> {
  const pool = await openPool(databaseUrl, poolSize);
  const lock = new AdvisoryLock(() => lockClient(databaseUrl));
  return storeOver(new PostgresStore(pool), {
    engine: 'postgres',
    lock,
    shared: true,
    onClose: () => lock.end(),
    query: async (sql, ...params) => (await pool.query(sql, params)).rows,
    // PostgreSQL reclaims deleted rows itself (autovacuum); nothing is left in a file of ours.
    afterDelete: async () => {},
  });
}

/** What both engines' adapters offer beyond Keyv's interface (sqlite-adapter.ts, postgres-adapter.ts). */
interface PortAdapter extends KeyvStoreAdapter {
  commit(change: Commit): Promise<number>;
  scan(prefix: string): Promise<{ key: string; value: string }[]>;
  flush(): Promise<void>;
  disconnect(): Promise<void>;
}

function storeOver(
  adapter: PortAdapter,
  engine: Pick<KvStore, 'engine' | 'file' | 'query' | 'lock' | 'shared'> & {
    afterDelete: () => Promise<void>;
    onClose?: () => Promise<void>;
  },
): KvStore {
  const keyv = new Keyv({
    store: adapter,
    namespace: NAMESPACE,
    throwOnErrors: true,
    serialize,
    deserialize,
  });
  const prefixed = (key: string) => keyv._getKeyPrefix(key);
  // Keyv's own serializer and key prefix, called synchronously so commits reach the writer's queue
  // in the order they were asked for (the serializer configured above is synchronous).
  const stored = (value: unknown): string => {
    const text = keyv.serialize?.({ value, expires: undefined });
    if (typeof text !== 'string') throw new Error('the store needs a synchronous serializer');
    return text;
  };
  const commit = (puts: readonly WriteEntry[], dels: readonly string[] = []): Promise<void> => {
    let rows: (readonly [string, string])[];
    try {
      rows = puts.map((e) => [prefixed(e.key), stored(e.value)] as const);
    } catch (error) {
      return Promise.reject(error);
    }
    return adapter.commit({ puts: rows, dels: dels.map(prefixed) }).then(() => {});
  };
  return {
    engine: engine.engine,
    lock: engine.lock,
    shared: engine.shared,
    ...(engine.file !== undefined ? { file: engine.file } : {}),
    keyv,
    query: engine.query,
    commit,
    write: (entries) => commit(entries),
    scan: async (prefix) => {
      const rows = await adapter.scan(prefixed(prefix));
      return rows.map((row) => ({
        key: row.key.slice(NAMESPACE.length + 1),
        value: (deserialize(row.value) as { value?: unknown } | undefined)?.value,
      }));
    },
    raw: {
      async *rows() {
        for await (const [key, value] of adapter.iterator?.(NAMESPACE) ?? [])
          yield [key, value] as [string, string];
      },
      put: async (rows) => {
        await adapter.commit({ puts: rows, dels: [] });
      },
    },
    flushDeleted: async () => {
      await adapter.flush();
      await engine.afterDelete();
    },
    close: async () => {
      await adapter.disconnect();
      await engine.onClose?.();
    },
  };
}
