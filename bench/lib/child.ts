// A benchmark child process: the real bot (runBot, as `npm start` does) or the bare discord.js
// baseline client, connected to an emulator that lives in the parent. Talks to the parent over IPC:
//   -> { type: 'ready', sinceStartMs, memory }      once logged in (bot: bank loaded, commands registered)
//   <- { type: 'memory', gc?: boolean }             -> { type: 'memory', memory }
//   <- { type: 'profile-start' } / { type: 'profile-stop', file }   CPU profile of one phase
//   <- { type: 'stop' }                             shuts down cleanly and exits 0
// Configured by BENCH_* environment variables (see spawnChild in ./spawn.ts).
import { createWriteStream, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { databaseUrlOf } from './database.ts';

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
  | { type: 'profiled'; file: string }
  | { type: 'error'; message: string };

export type ParentToChild =
  | { type: 'memory'; gc?: boolean }
  | { type: 'stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };

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
  if (mode === 'idle') {
    // The floor: node with the tsx loader and nothing else.
    stop = async () => {};
    guilds = () => 0;
  } else if (mode === 'pong') {
    // Imported per mode, so each process loads only what it runs (the idle floor loads nothing).
    const { startPong } = await import('./pong.ts');
    const client = await startPong(apiUrl, token);
    stop = () => client.destroy();
    guilds = () => client.guilds.cache.size;
  } else if (mode === 'floor') {
    const { startFloorClient } = await import('./commit-floor.ts');
    const floor = await startFloorClient(apiUrl, token, env.BENCH_DB ?? ':memory:');
    stop = floor.stop;
    guilds = () => floor.client.guilds.cache.size;
  } else {
    const { createLogger } = await import('../../src/logger.ts');
    const { runBot } = await import('../../src/run.ts');
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
        databaseUrl: databaseUrlOf(env.BENCH_DB ?? ':memory:'),
        questionsDir: env.BENCH_QUESTIONS ?? 'questions',
        devGuildId: undefined,
        ownerIds: [],
        watchQuestions: false,
        healthPort: undefined,
        healthHost: '127.0.0.1',
        pgPoolSize: 10,
        logLevel: 'info',
      },
      { logger },
    );
    stop = () => handle.shutdown();
    guilds = () => handle.bot.client.guilds.cache.size;
  }
  // performance.now() counts from the start of this process (its time origin).
  send({ type: 'ready', sinceStartMs: performance.now(), memory: memory(), guilds: guilds() });

  let profiler: Session | undefined;
  process.on('message', (raw: ParentToChild) => {
    if (raw.type === 'memory') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (raw.gc && gc) {
        gc();
        gc();
      }
      send({ type: 'memory', memory: memory() });
    } else if (raw.type === 'profile-start') {
      // The V8 CPU profiler that `node --cpu-prof` uses, started and stopped around one phase.
      profiler ??= new Session();
      profiler.connect();
      profiler.post('Profiler.enable', () =>
        profiler!.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
          profiler!.post('Profiler.start'),
        ),
      );
    } else if (raw.type === 'profile-stop') {
      profiler?.post('Profiler.stop', (err, result) => {
        if (!err) writeFileSync(raw.file, JSON.stringify(result.profile));
        profiler?.disconnect();
        send({ type: 'profiled', file: raw.file });
      });
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
