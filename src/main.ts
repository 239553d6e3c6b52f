// Entry point of `npm start`: the only module that reads process.env.
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { MISSING_TOKEN_MESSAGE, parseConfig } from './config.ts';
import { runShards, ShardingError } from './discord/shards.ts';
import { createLogger } from './logger.ts';
import { type RunHandle, runBot, StartAborted, StartupError } from './run.ts';

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

dotenv.config({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) exitWith(parsed.message);
const { config } = parsed;
if (!config.token) exitWith(MISSING_TOKEN_MESSAGE);
const token: string = config.token;

const logger = createLogger(config.logLevel, process.stdout, [token]);
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (kept running)'));
const { sharding } = config;

if (sharding.mode === 'supervisor') {
  // This process runs no bot: it spawns one process per shard of this machine (this same entry
  // point, told its shard by discord.js) and serves /healthz for all of them.
  delete process.env.HEALTH_PORT;
  try {
    const supervisor = await runShards({
      token,
      apiUrl: config.apiUrl,
      count: sharding.count,
      ids: sharding.ids,
      entry: fileURLToPath(import.meta.url),
      execArgv: process.execArgv,
      logger,
      health:
        config.healthPort === undefined ? undefined : { port: config.healthPort, host: config.healthHost },
    });
    const stop = async (signal: string) => {
      logger.info({ signal }, 'stopping the shard processes');
      await supervisor.stop();
      logger.flush();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  } catch (err) {
    exitWith(
      err instanceof ShardingError ? err.message : `Could not start: ${(err as Error).stack ?? String(err)}`,
    );
  }
} else {
  if (sharding.mode === 'single') {
    // discord.js's Client reads SHARDS and SHARD_COUNT from the environment (its sharding manager
    // passes them): an empty SHARDS= from .env would break it, so one process clears them.
    delete process.env.SHARDS;
    delete process.env.SHARD_COUNT;
  }
  await runOne();
}

async function runOne(): Promise<void> {
  // Signals are handled from the start: while the bot is still trying to reach Discord, SIGTERM
  // stops it at once.
  const starting = new AbortController();
  let handle: RunHandle | undefined;
  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (!handle) {
      starting.abort();
      return;
    }
    try {
      await handle.shutdown();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
    }
    logger.flush();
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const shard = sharding.mode === 'shard' ? { ids: sharding.ids, count: sharding.count } : undefined;
    // A shard process whose supervisor is gone stops too (its IPC channel closes).
    if (shard) process.on('disconnect', () => void shutdown('supervisor gone'));
    const started = await runBot({ ...config, token, shard }, { logger, signal: starting.signal });
    handle = started;
    // A signal that came while the last attempt was logging in: stop now.
    if (stopping) {
      await started.shutdown().catch((err: unknown) => logger.error({ err }, 'error during shutdown'));
      logger.flush();
      process.exit(0);
    }
  } catch (err) {
    if (err instanceof StartAborted) {
      logger.flush();
      process.exit(0);
    }
    exitWith(
      err instanceof StartupError ? err.message : `Could not start: ${(err as Error).stack ?? String(err)}`,
    );
  }
}
