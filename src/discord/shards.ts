// SHARD_COUNT / SHARDS: this machine's shards, one process each (discord.js's ShardingManager runs
// the same entry point per shard and restarts a shard process that dies).
import { REST, ShardingManager } from 'discord.js';
import { startHealthServer } from '../health.ts';
import type { Logger } from '../logger.ts';
import { botVersion } from '../version.ts';

export class ShardingError extends Error {}

export interface SupervisorOptions {
  token: string;
  apiUrl: string;
  count: number | 'auto';
  /** This machine's shard ids; undefined: all of them. */
  ids: number[] | undefined;
  /** The script each shard process runs (the `npm start` entry point). */
  entry: string;
  execArgv: string[];
  logger: Logger;
  health?: { port: number; host: string } | undefined;
  /** How long a shard may take to become ready. */
  readyTimeoutMs?: number;
}

export interface Supervisor {
  count: number;
  ids: number[];
  stop(): Promise<void>;
}

/** Discord's recommendation and identify concurrency for this bot (GET /gateway/bot). */
async function gatewayInfo(
  token: string,
  apiUrl: string,
): Promise<{ shards: number; maxConcurrency: number }> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  try {
    const body = (await rest.get('/gateway/bot')) as {
      shards: number;
      session_start_limit: { max_concurrency: number };
    };
    return { shards: body.shards, maxConcurrency: body.session_start_limit.max_concurrency };
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new ShardingError(
      status === 401
        ? 'Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal and update .env.'
        : `could not ask Discord how to shard (GET /gateway/bot at ${apiUrl}): ${(error as Error).message}`,
    );
  }
}

/** Spawns this machine's shard processes and keeps them running until stop(). */
export async function runShards(o: SupervisorOptions): Promise<Supervisor> {
  const info = await gatewayInfo(o.token, o.apiUrl);
  const count = o.count === 'auto' ? info.shards : o.count;
  const ids = o.ids ?? Array.from({ length: count }, (_, i) => i);
  if (ids.some((id) => id >= count)) {
    throw new ShardingError(`SHARDS: every shard id must be below the shard count (${count})`);
  }
  const manager = new ShardingManager(o.entry, {
    totalShards: count,
    shardList: ids,
    token: o.token,
    mode: 'process',
    respawn: true,
    execArgv: o.execArgv,
  });
  const started = Date.now();
  manager.on('shardCreate', (shard) => {
    o.logger.info({ shard: shard.id, count }, 'shard process starting');
    shard.on('ready', () => o.logger.info({ shard: shard.id }, 'shard ready'));
    shard.on('death', (child) => {
      const code = 'exitCode' in child ? child.exitCode : undefined;
      o.logger.warn({ shard: shard.id, code }, 'shard process died; restarting it');
    });
  });
  const health = o.health
    ? await startHealthServer({
        ...o.health,
        logger: o.logger,
        report: async () => {
          const shards = ids.map((id) => ({ id, ready: manager.shards.get(id)?.ready ?? false }));
          return {
            ready: shards.every((s) => s.ready),
            version: botVersion(),
            shardCount: count,
            shards,
            uptimeSeconds: Math.round((Date.now() - started) / 1000),
          };
        },
      })
    : undefined;
  const stop = async () => {
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
    await health?.close();
  };
  try {
    // Discord lets max_concurrency sessions identify per 5 seconds.
    await manager.spawn({
      amount: count,
      delay: Math.ceil(5500 / Math.max(1, info.maxConcurrency)),
      timeout: o.readyTimeoutMs ?? 120_000,
    });
  } catch (error) {
    await stop();
    throw new ShardingError(`a shard process did not start: ${(error as Error).message}`);
  }
  o.logger.info({ count, shards: ids }, 'all shards of this machine ready');
  return { count, ids, stop };
}
