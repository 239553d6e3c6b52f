// `npm run store:copy -- --from <DATABASE_URL> --to <DATABASE_URL> [--force]`: moves a community's
// data between stores (SQLite -> PostgreSQL, or a copy of either), verified by count and checksum.
import { existsSync } from 'node:fs';
import { copyStore } from './copy.ts';
import { type KvStore, openStore, sqlitePathFromUrl } from './open.ts';
import { isPostgresUrl, redactUrl } from './postgres-pool.ts';

const USAGE = 'usage: npm run store:copy -- --from <database-url> --to <database-url> [--force]';

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const from = option(argv, '--from');
  const to = option(argv, '--to');
  const known = new Set(['--from', '--to', '--force', from, to]);
  if (!from || !to || argv.some((a) => !known.has(a))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (from === to) {
    process.stderr.write('--from and --to name the same store\n');
    return 2;
  }
  if (!isPostgresUrl(from) && !existsSync(sqlitePathFromUrl(from))) {
    process.stderr.write(`--from ${from}: no such store file\n`);
    return 1;
  }
  let source: KvStore | undefined;
  let target: KvStore | undefined;
  try {
    source = await openStore(from, { poolSize: 2 }).catch((e: Error) => {
      throw new Error(`--from ${redactUrl(from)}: ${e.message}`);
    });
    target = await openStore(to, { poolSize: 2 }).catch((e: Error) => {
      throw new Error(`--to ${redactUrl(to)}: ${e.message}`);
    });
    const { records, checksum } = await copyStore(source, target, { force: argv.includes('--force') });
    process.stdout.write(
      `Copied ${records} records from ${redactUrl(from)} to ${redactUrl(to)} (verified: same count, sha256 ${checksum}).\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Could not copy the store: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await source?.close().catch(() => {});
    await target?.close().catch(() => {});
  }
}

process.exitCode = await main(process.argv.slice(2));
