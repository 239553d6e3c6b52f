// A benchmark child process: the real bot (runBot, as `npm start` does) or the bare discord.js
// baseline client, connected to an emulator that lives in the parent. Talks to the parent over IPC:
//   -> { type: 'ready', sinceStartMs, memory }      once logged in (bot: bank loaded, commands registered)
//   <- { type: 'memory', gc?: boolean }             -> { type: 'memory', memory }
//   <- { type: 'stop' }                             shuts down cleanly and exits 0
// Configured by BENCH_* environment variables (see spawnChild in ./spawn.ts).
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../../src/logger.ts';
import { runBot } from '../../src/run.ts';
import { startPong } from './pong.ts';

export interface ChildMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export type ChildToParent =
  | { type: 'ready'; sinceStartMs: number; memory: ChildMemory; guilds: number }
  | { type: 'memory'; memory: ChildMemory }
  | { type: 'error'; message: string };

export type ParentToChild = { type: 'memory'; gc?: boolean } | { type: 'stop' };

const env = process.env;
const mode = env.BENCH_MODE ?? 'bot';
const apiUrl = env.BENCH_API_URL ?? '';
const token = env.BENCH_TOKEN ?? '';

function send(msg: ChildToParent): void {
  process.send?.(msg);
}

function memory(): ChildMemory {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
}

async function main(): Promise<void> {
  let stop: () => Promise<void>;
  let guilds: () => number;
  if (mode === 'pong') {
    const client = await startPong(apiUrl, token);
    stop = () => client.destroy();
    guilds = () => client.guilds.cache.size;
  } else {
    const logFile = env.BENCH_LOG_FILE;
    const logger = createLogger(
      env.BENCH_LOG_LEVEL ?? 'info',
      logFile ? createWriteStream(logFile, { flags: 'a' }) : createWriteStream('/dev/null'),
      [token],
    );
    const handle = await runBot(
      {
        token,
        apiUrl,
        databaseUrl: `sqlite://${env.BENCH_DB ?? ':memory:'}`,
        questionsDir: env.BENCH_QUESTIONS ?? 'questions',
        devGuildId: undefined,
        logLevel: 'info',
      },
      { logger },
    );
    stop = () => handle.shutdown();
    guilds = () => handle.bot.client.guilds.cache.size;
  }
  // performance.now() counts from the start of this process (its time origin).
  send({ type: 'ready', sinceStartMs: performance.now(), memory: memory(), guilds: guilds() });

  process.on('message', (raw: ParentToChild) => {
    if (raw.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (raw.gc && gc) {
        gc();
        gc();
      }
      send({ type: 'memory', memory: memory() });
    } else if (raw.type === 'stop') {
      stop()
        .catch(() => {})
        .finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
