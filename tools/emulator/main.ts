// `npm run emulator -- [--servers N] [--port P]`: the Discord emulator on its own, for running real
// `npm start` processes against it by hand (e.g. two terminals with SHARD_COUNT=4, SHARDS=0-1 and
// SHARDS=2-3 on one PostgreSQL). It prints the variables to use, then each shard that connects or
// leaves and the messages the bots post, until Ctrl-C.
import { parseArgs } from 'node:util';
import { shardedGuilds } from '../fixtures/guilds.ts';
import { startEmulator } from './index.ts';

const USAGE = 'Usage: npm run emulator -- [--servers N (default 8)] [--port P (default 0: a free one)]';

async function main(): Promise<number> {
  let values: { servers?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { servers: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const servers = Number(values.servers ?? 8);
  const port = Number(values.port ?? 0);
  if (!Number.isInteger(servers) || servers < 1 || servers > 100_000 || !Number.isInteger(port) || port < 0) {
    process.stderr.write(`--servers must be 1-100000 and --port a port number\n${USAGE}\n`);
    return 2;
  }
  const emu = await startEmulator({
    guilds: shardedGuilds(servers, { firstId: 900000000000000001n, name: 'daily' }),
    maxConcurrency: 16,
    globalRateLimit: 50,
    port,
  });
  process.stdout.write(
    [
      `Discord emulator: ${servers} servers (one #daily channel each), Discord's 50 requests/s per token.`,
      `DISCORD_API_URL=${emu.apiUrl}`,
      `DISCORD_TOKEN=${emu.token}`,
      'Run the bot against it, e.g. on one PostgreSQL in two terminals:',
      `  DISCORD_API_URL=${emu.apiUrl} DISCORD_TOKEN=${emu.token} DATABASE_URL=postgresql://… SHARD_COUNT=4 SHARDS=0-1 npm start`,
      `  DISCORD_API_URL=${emu.apiUrl} DISCORD_TOKEN=${emu.token} DATABASE_URL=postgresql://… SHARD_COUNT=4 SHARDS=2-3 npm start`,
      '',
    ].join('\n'),
  );
  let shown = '';
  let messages = 0;
  const timer = setInterval(() => {
    const shards = JSON.stringify(
      emu
        .connectedShards()
        .map(([id, count]) => `${id}/${count}`)
        .sort(),
    );
    if (shards !== shown) process.stdout.write(`shards connected: ${shards}\n`);
    shown = shards;
    const now = emu.messages().length;
    if (now !== messages) process.stdout.write(`messages posted: ${now}\n`);
    messages = now;
  }, 1000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await emu.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
