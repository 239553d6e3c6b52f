// Entry point of `npm run sandbox`: the emulator, the real bot (runBot, as `npm start`) and a terminal session.

import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { commands } from '../../commands/index.ts';
import { OffsetClock } from '../../src/app/clock.ts';
import { registerCommands } from '../../src/discord/register.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunHandle, runBot, StartupError } from '../../src/run.ts';
import { DEFAULT_GUILD, startEmulator } from '../emulator/index.ts';
import { parseSandboxArgs, USAGE } from './cli.ts';
import { Session } from './session.ts';
import { sandboxUser } from './users.ts';

const args = parseSandboxArgs(process.argv.slice(2), process.stdout.isTTY, process.env);
if ('error' in args) {
  process.stderr.write(`${args.error}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const LEVELS: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** The bot's warnings as one readable line each on stderr, so they never mix into the rendered chat. */
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      try {
        const { level, msg, err } = JSON.parse(line) as {
          level: number;
          msg?: string;
          err?: { message?: string };
        };
        process.stderr.write(
          `[bot ${LEVELS[level] ?? level}] ${msg ?? ''}${err?.message ? `: ${err.message}` : ''}\n`,
        );
      } catch {
        process.stderr.write(`${line}\n`);
      }
    }
    done();
  },
});

if (args.fresh) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${args.db}${suffix}`, { force: true });
}

const clock = new OffsetClock();
// The emulator shares the sandbox clock, so message times and snowflakes move with `:time`.
// The demo server, and one that has not added the bot (where a member's own install answers: :elsewhere).
const emu = await startEmulator({
  now: () => clock.now().getTime(),
  guilds: [
    DEFAULT_GUILD,
    {
      id: '100000000000000501',
      name: 'Book club',
      channels: [{ id: '100000000000000510', name: 'lounge' }],
      withoutBot: true,
    },
  ],
});
const logger = createLogger('warn', logStream, [emu.token]);
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (kept running)'));

let handle: RunHandle;
try {
  handle = await runBot(
    {
      token: emu.token,
      apiUrl: emu.apiUrl,
      databaseUrl: `sqlite://${args.db}`,
      questionsDir: 'questions',
      devGuildId: undefined,
      // "you" (the sandbox's first member) owns the bot here, so /bank reload can be tried.
      ownerIds: [sandboxUser('you', true).id],
      // Edits to questions/ are picked up as on a real bot.
      watchQuestions: true,
      healthPort: undefined,
      healthHost: '127.0.0.1',
      pgPoolSize: 10,
      logLevel: 'warn',
    },
    { logger, clock },
  );
} catch (err) {
  await emu.close();
  process.stderr.write(
    `${err instanceof StartupError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  );
  process.exit(1);
}

// The store remembers that commands were registered, but each emulator starts empty: register again.
if (emu.registeredCommands().length === 0) {
  await registerCommands({
    rest: handle.bot.client.rest,
    applicationId: handle.bot.client.application!.id,
    devGuildId: undefined,
    definitions: commands.map((c) => c.data),
    settings: handle.bot.store.settings,
    logger,
    force: true,
  });
}

const session = new Session({
  emu,
  bot: handle.bot,
  clock,
  input: process.stdin,
  output: process.stdout,
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  colour: args.colour,
  storeFile: args.db,
});
// A signal ends the session like EOF, so the store is flushed and closed (a terminal's Ctrl+C is read by readline).
process.on('SIGTERM', () => session.close());
process.on('SIGINT', () => session.close());

await session.run();
await handle.shutdown();
await emu.close();
process.stdout.write('bye\n');
// Everything is closed, so the process ends by itself; if a handle leaks, say so instead of hanging.
setTimeout(() => {
  process.stderr.write('sandbox: something kept running after shutdown; exiting anyway\n');
  process.exit(0);
}, 3000).unref();
