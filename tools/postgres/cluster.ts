// A private PostgreSQL cluster from Debian's `postgresql` package, for tests and benchmarks: initdb
// into a temp folder, a server on 127.0.0.1 with password auth, removed when the process exits.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
export const PG_USER = 'bot';
export const PG_PASSWORD = 'test-secret';

/** The folder with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  port: number;
  /** Stops the server (fast shutdown: connections are cut), as a database that goes away. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** A URL for a new, empty database. */
  createDatabase(): Promise<string>;
  /** The URL of a database on this server (it may not exist). */
  url(database: string, credentials?: { user: string; password: string }): string;
}

/**
 * A new cluster, stopped when the process exits. By default tuned for tests (no fsync, asynchronous
 * commit: nothing here survives the machine anyway); `durable` keeps PostgreSQL's own defaults, as
 * a production server runs (benchmarks).
 */
export async function startCluster(opts: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  // initdb and the server refuse to run as root: as root, they run as the package's postgres user.
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, PG_PASSWORD, { mode: 0o644 });
  await run(
    ...as(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      PG_USER,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      ...(opts.durable ? [] : ['--no-sync']),
    ]),
  );
  const port = await freePort();
  const tuning = opts.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${tuning}`;
  const pgCtl = (args: string[]) => run(...as(join(bin, 'pg_ctl'), ['-D', data, ...args]));
  const start = async () => {
    await pgCtl(['-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  };
  await start();
  process.once('exit', () => {
    try {
      const [cmd, args] = as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });
  const url = (database: string, who = { user: PG_USER, password: PG_PASSWORD }) =>
    `postgresql://${who.user}:${encodeURIComponent(who.password)}@127.0.0.1:${port}/${database}`;
  let databases = 0;
  return {
    port,
    url,
    start,
    stop: async () => {
      await pgCtl(['-m', 'fast', '-w', 'stop']);
    },
    async createDatabase() {
      const name = `t${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
  };
}
