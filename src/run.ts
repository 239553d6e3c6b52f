import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './app/clock.ts';
import { formatProblem, loadBank } from './bank/load.ts';
import { watchBankFolder } from './bank/watch.ts';
import type { Config } from './config.ts';
import { type RunningBot, startBot } from './discord/bot.ts';
import type { ShardSpec } from './discord/client.ts';
import { type HealthReport, startHealthServer } from './health.ts';
import type { Logger } from './logger.ts';
import { holdStore, StoreLockedError } from './store/lock.ts';
import { type KvStore, openStore } from './store/open.ts';
import { redactUrl } from './store/postgres-pool.ts';
import { createStore } from './store/store.ts';
import { botVersion } from './version.ts';

export class StartupError extends Error {}

/** SIGTERM arrived before the bot was ready: nothing to report, exit at once. */
export class StartAborted extends Error {}

export interface RunHandle {
  bot: RunningBot;
  store: KvStore;
  /** Stops the scheduler, closes the gateway and the health endpoint, then flushes and closes the store. */
  shutdown(): Promise<void>;
}

export interface RetryPolicy {
  /** First wait after a failed attempt; doubled each time up to maxMs (with ±20% jitter). */
  baseMs: number;
  maxMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 60_000 };

/** Failures that another attempt cannot fix: a bad token or a configuration Discord refuses. */
function isPermanent(error: unknown): boolean {
  const e = error as { name?: string; code?: unknown; status?: unknown; message?: string };
  const text = `${e.name ?? ''} ${String(e.code ?? '')} ${e.message ?? ''}`;
  return e.status === 401 || /TokenInvalid|DisallowedIntents|4004|4013|4014|invalid token/i.test(text);
}

function startupMessage(error: unknown, apiUrl: string): string {
  const message = (error as Error).message;
  const hint = isPermanent(error)
    ? ' Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal and update .env.'
    : '';
  return `Could not start the bot: ${message}.${hint} (DISCORD_API_URL=${apiUrl})`;
}

/**
 * Everything `npm start` does after reading the environment: load and validate the bank, open the
 * store (and hold it: one bot per store file), serve /healthz if asked, log in. If Discord or the
 * network cannot be reached, it keeps trying with backoff and logs each attempt; `signal` stops it
 * at once. The sandbox runs the same function against the emulator.
 */
export async function runBot(
  config: Omit<Config, 'sharding'> & { token: string; shard?: ShardSpec | undefined },
  deps: { logger: Logger; clock?: Clock; random?: () => number; signal?: AbortSignal; retry?: RetryPolicy },
): Promise<RunHandle> {
  const { logger } = deps;
  const { bank, problems } = await loadBank(config.questionsDir);
  if (!bank) {
    throw new StartupError(
      `The question bank in QUESTIONS_DIR=${config.questionsDir} is invalid; the bot will not start:\n${problems.map(formatProblem).join('\n')}\nFix the files (npm run bank:check lists the same problems).`,
    );
  }
  const store = await openStore(config.databaseUrl, { poolSize: config.pgPoolSize }).catch((err: Error) => {
    throw new StartupError(`DATABASE_URL=${redactUrl(config.databaseUrl)}: ${err.message}`);
  });
  const records = createStore(store);
  let release = () => {};
  let bot: RunningBot | undefined;
  let health: { close: () => Promise<void> } | undefined;
  const cleanUp = async () => {
    await health?.close().catch(() => {});
    await store.close().catch(() => {});
    release();
  };
  try {
    // One bot per SQLite file; PostgreSQL is shared by design.
    if (store.file !== undefined && store.file !== ':memory:') release = holdStore(store.file);
    if (config.healthPort !== undefined) {
      const version = botVersion();
      const started = Date.now();
      health = await startHealthServer({
        port: config.healthPort,
        host: config.healthHost,
        logger,
        report: async (): Promise<HealthReport> => {
          const storeState = await records.ping().then(
            () => ({ ok: true }),
            (err: Error) => ({ ok: false, error: err.message }),
          );
          const gateway = !bot ? 'starting' : bot.gatewayReady() ? 'ready' : 'reconnecting';
          return {
            ready: gateway === 'ready' && storeState.ok,
            version,
            gateway,
            store: storeState,
            lastDailyRun: bot?.scheduler.lastSweepAt?.toISOString() ?? null,
            uptimeSeconds: Math.round((Date.now() - started) / 1000),
          };
        },
      });
    }
    const retry = deps.retry ?? DEFAULT_RETRY;
    for (let attempt = 1; ; attempt++) {
      if (deps.signal?.aborted) throw new StartAborted();
      try {
        bot = await startBot({
          token: config.token,
          apiUrl: config.apiUrl,
          devGuildId: config.devGuildId,
          shard: config.shard,
          bank,
          bankLoader: async () => {
            const reloaded = await loadBank(config.questionsDir);
            return { bank: reloaded.bank, problems: reloaded.problems.map(formatProblem) };
          },
          ownerIds: config.ownerIds,
          store: records,
          logger,
          ...(deps.clock ? { clock: deps.clock } : {}),
          ...(deps.random ? { random: deps.random } : {}),
        });
        break;
      } catch (error) {
        if (isPermanent(error)) throw new StartupError(startupMessage(error, config.apiUrl));
        const base = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.min(attempt - 1, 20));
        const waitMs = Math.round(base * (0.8 + Math.random() * 0.4));
        logger.warn(
          { attempt, retryInMs: waitMs, apiUrl: config.apiUrl, err: error },
          'cannot reach Discord; retrying',
        );
        try {
          await sleep(waitMs, undefined, deps.signal ? { signal: deps.signal } : {});
        } catch {
          throw new StartAborted();
        }
      }
    }
  } catch (error) {
    await cleanUp();
    if (error instanceof StoreLockedError) {
      throw new StartupError(`DATABASE_URL=${redactUrl(config.databaseUrl)}: ${error.message}`);
    }
    throw error;
  }
  const running = bot;
  const stopWatching = config.watchQuestions
    ? watchBankFolder(
        config.questionsDir,
        () => {
          running.ctx.questionBank.reload().then(
            (outcome) =>
              outcome.ok
                ? logger.info(
                    { ...outcome, added: outcome.added.length, removed: outcome.removed.length },
                    'question bank reloaded',
                  )
                : logger.error(
                    { problems: outcome.problems.slice(0, 50) },
                    'the changed question bank is invalid; still serving the previous one',
                  ),
            (err: unknown) => logger.error({ err }, 'question bank reload failed'),
          );
        },
        (err) =>
          logger.warn(
            { err, dir: config.questionsDir },
            'cannot watch the question folder; /bank reload still works',
          ),
      )
    : () => {};
  return {
    bot: running,
    store,
    async shutdown() {
      stopWatching();
      await running.stop();
      await cleanUp();
    },
  };
}
