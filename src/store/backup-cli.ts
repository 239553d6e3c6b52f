// `npm run backup -- <file>` and `npm run restore -- <file>`: the store named by DATABASE_URL (from
// the environment or .env, as for npm start).
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { parseConfig } from '../config.ts';
import { backupStore, restoreStore } from './backup.ts';
import { sqlitePathFromUrl } from './open.ts';
import { isPostgresUrl } from './postgres-pool.ts';

const USAGE = 'usage: npm run backup -- <backup-file>   |   npm run restore -- <backup-file>';

async function main(argv: readonly string[]): Promise<number> {
  const [command, file] = argv;
  if ((command !== 'backup' && command !== 'restore') || !file) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  dotenv.config({ quiet: true });
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 1;
  }
  if (isPostgresUrl(parsed.config.databaseUrl)) {
    process.stderr.write(
      'DATABASE_URL is a PostgreSQL database: back it up with pg_dump and restore it with pg_restore (docs/operations.md).\n',
    );
    return 2;
  }
  const store = sqlitePathFromUrl(parsed.config.databaseUrl);
  const target = resolve(file);
  try {
    if (command === 'backup') {
      const { records, bytes } = await backupStore(store, target);
      chmodSync(target, 0o600);
      process.stdout.write(`Backed up ${records} records of ${store} to ${target} (${bytes} bytes).\n`);
    } else {
      const { records, keptAs } = await restoreStore(store, target, new Date());
      process.stdout.write(
        `Restored ${records} records from ${target} into ${store}.${keptAs ? ` The previous store is kept as ${keptAs}.` : ''}\n`,
      );
    }
    return 0;
  } catch (error) {
    process.stderr.write(`Could not ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
