// The floor of any reply that must follow a durable write: the same SQLite connection code as the
// bot (src/store/sqlite.ts: WAL, synchronous=NORMAL, a kept prepared upsert), or on PostgreSQL one
// upsert statement through a pg pool (one round trip, its own transaction), committing rows the size
// of an Answer submit's (a 13 kB user record, a 1.5 kB answer, a 1 kB leaderboard bucket), and no
// other work. The interaction suite runs the pong client behind it, so "pong + one commit" shows
// how much of the bot's submit and grade latency no code of the bot can remove.
import type { Client } from 'discord.js';
import pg from 'pg';
import { SqliteConnection } from '../../src/store/sqlite.ts';
import { isPostgres } from './database.ts';
import { startPong } from './pong.ts';

const UPSERT =
  'INSERT INTO keyv (key, value) VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

/** A JSON-like value of about `bytes` characters that changes with `n` (SQLite must write it). */
function value(bytes: number, n: number): string {
  return JSON.stringify({ value: { n, pad: 'x'.repeat(Math.max(0, bytes - 40)) } });
}

export interface CommitFloor {
  /** One upsert of three rows, committed (resolves after SQLite has it). */
  commit(): Promise<void>;
  close(): Promise<void>;
}

/** The three rows of the n-th commit, as [key, value] pairs. */
function rows(n: number): [string, string][] {
  return [
    [`bot:answer:${n}`, value(1500, n)],
    [`bot:user:${n % 200}`, value(13_000, n)],
    [`bot:board:${n % 64}`, value(1000, n)],
  ];
}

async function openPostgresFloor(url: string): Promise<CommitFloor> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
  let n = 0;
  return {
    commit: async () => {
      n += 1;
      await pool.query(
        'INSERT INTO keyv (key, value) VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        rows(n).flat(),
      );
    },
    close: () => pool.end(),
  };
}

/** `db`: a SQLite file or a postgresql:// URL. */
export async function openCommitFloor(db: string): Promise<CommitFloor> {
  if (isPostgres(db)) return openPostgresFloor(db);
  const file = db;
  const connection = await SqliteConnection.open(file, { busyTimeoutMs: 5000 });
  await connection.all('PRAGMA journal_mode=WAL');
  await connection.all('PRAGMA synchronous=NORMAL');
  await connection.all('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
  let n = 0;
  return {
    commit: () => {
      n += 1;
      return connection.runPrepared(UPSERT, rows(n).flat());
    },
    close: () => connection.close(),
  };
}

/** The floor client: pong on `apiUrl`, replying after a commit to `db` (SQLite file or URL). */
export async function startFloorClient(
  apiUrl: string,
  token: string,
  db: string,
): Promise<{ client: Client; stop: () => Promise<void> }> {
  const floor = await openCommitFloor(db);
  const client = await startPong(apiUrl, token, () => floor.commit());
  return {
    client,
    stop: async () => {
      await client.destroy();
      await floor.close();
    },
  };
}
