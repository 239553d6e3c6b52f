import pg from 'pg';
import { PostgresStore } from './postgres-adapter.ts';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** A start-up failure in words an operator can act on; `pg`'s own messages are terse. */
function describe(error: { code?: string; message?: string }, url: URL): string {
  const where = `${url.hostname || 'localhost'}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || '(the user name)';
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused at ${where}: is PostgreSQL running and listening there?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${url.hostname} not found`;
    case 'ETIMEDOUT':
      return `no answer from ${where} within 5 s`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the credentials of user "${decodeURIComponent(url.username)}" (${error.message})`;
    case '3D000':
      return `database "${database}" does not exist on ${where}: create it (createdb ${database}) or fix the URL`;
    default:
      // pg's own connect timeout carries no code, only its message.
      if (/connection timeout/i.test(error.message ?? '')) return `no answer from ${where} within 5 s`;
      return error.message ?? String(error);
  }
}

/** The connection AdvisoryLock holds its locks on (its own: a lock never takes a query's connection). */
export function lockClient(databaseUrl: string): pg.Client {
  return new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
}

/**
 * A pool on the database, checked before the bot starts: a bad URL, a refused connection, wrong
 * credentials or a missing database fail here with one clear message. The table is created here.
 */
export async function openPool(databaseUrl: string, size: number): Promise<pg.Pool> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(
      `${redactUrl(databaseUrl)} is not a URL; use postgresql://user:password@host:5432/database`,
    );
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: size, connectionTimeoutMillis: 5000 });
  // An idle connection the server drops emits 'error' on the pool; the next query reconnects.
  pool.on('error', () => {});
  try {
    await PostgresStore.prepare(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(describe(error as { code?: string; message?: string }, url));
  }
  return pool;
}
