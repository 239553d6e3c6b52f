import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { StoreLockedError, storeHolder } from './lock.ts';
import { TABLE } from './open.ts';

// Backups are SQLite's `VACUUM INTO`: one read transaction on a connection of its own, so the copy
// is consistent (every commit before it began, none after) while the bot goes on writing, and
// compact. Restores check the copy before anything is replaced and keep what they replace.

function openDb(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function all(db: sqlite3.Database, sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, ...params, (error: Error | null, rows: Record<string, unknown>[]) =>
      error ? reject(error) : resolve(rows),
    ),
  );
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

/** Checks that a file is a healthy store: it opens, passes integrity_check and has the records table. */
export async function inspectStore(file: string): Promise<{ records: number }> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const db = await openDb(file, sqlite3.OPEN_READONLY);
  try {
    const [check] = await all(db, 'PRAGMA integrity_check');
    if (check?.integrity_check !== 'ok') {
      throw new Error(`${file} fails SQLite's integrity check: ${JSON.stringify(check)}`);
    }
    const tables = await all(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", TABLE);
    if (tables.length === 0) throw new Error(`${file} is not a store of this bot (no ${TABLE} table)`);
    const [count] = await all(db, `SELECT count(*) AS n FROM ${TABLE}`);
    return { records: Number(count?.n ?? 0) };
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB')
      throw new Error(`${file} is not an SQLite database`);
    throw error;
  } finally {
    await close(db);
  }
}

/** Writes a consistent copy of the store to `target` (which must not exist yet). */
export async function backupStore(
  storeFile: string,
  target: string,
): Promise<{ records: number; bytes: number }> {
  if (!existsSync(storeFile)) throw new Error(`there is no store at ${storeFile}`);
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  const db = await openDb(storeFile, sqlite3.OPEN_READWRITE);
  try {
    await all(db, 'PRAGMA busy_timeout = 5000');
    await all(db, 'VACUUM INTO ?', target);
  } finally {
    await close(db);
  }
  const { records } = await inspectStore(target);
  return { records, bytes: statSync(target).size };
}

/**
 * Replaces the store with a backup. Refused while a bot holds the store; the backup is checked
 * first; the replaced files are kept next to it as `<file>.before-restore-<time>`.
 */
export async function restoreStore(
  storeFile: string,
  backup: string,
  now: Date,
): Promise<{ records: number; keptAs?: string }> {
  const holder = storeHolder(storeFile);
  if (holder !== undefined) throw new StoreLockedError(storeFile, holder);
  const { records } = await inspectStore(backup);
  const keptName = `${storeFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  let keptAs: string | undefined;
  if (existsSync(storeFile)) {
    // Checkpoint first, so the kept copy is one self-contained file.
    const db = await openDb(storeFile, sqlite3.OPEN_READWRITE);
    await all(db, 'PRAGMA wal_checkpoint(TRUNCATE)').finally(() => close(db));
    renameSync(storeFile, keptName);
    keptAs = keptName;
  }
  // A write-ahead log left beside the store belongs to the replaced database: next to the restored
  // one, SQLite would replay it into the wrong file. It goes with what it belonged to.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(storeFile + suffix)) {
      renameSync(storeFile + suffix, keptName + suffix);
      keptAs = keptName;
    }
  }
  copyFileSync(backup, storeFile);
  return { records, ...(keptAs ? { keptAs } : {}) };
}
