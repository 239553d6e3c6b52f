import type { Clock } from './app/clock.ts';
import { formatProblem, loadBank } from './bank/load.ts';
import { type RunningBot, startBot } from './bot.ts';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { type KvStore, openStore } from './store/open.ts';

export class StartupError extends Error {}

export interface RunHandle {
  bot: RunningBot;
  store: KvStore;
  /** Stops the scheduler, closes the gateway, then flushes and closes the store. */
  shutdown(): Promise<void>;
}

/**
 * Everything `npm start` does after reading the environment: load and validate the bank, open the
 * store, log in. The sandbox runs the same function against the emulator.
 */
export async function runBot(
  config: Config & { token: string },
  deps: { logger: Logger; clock?: Clock; random?: () => number },
): Promise<RunHandle> {
  const { bank, problems } = await loadBank(config.questionsDir);
  if (!bank) {
    throw new StartupError(
      `The question bank in QUESTIONS_DIR=${config.questionsDir} is invalid; the bot will not start:\n${problems.map(formatProblem).join('\n')}\nFix the files (npm run bank:check lists the same problems).`,
    );
  }
  const store = await openStore(config.databaseUrl).catch((err: Error) => {
    throw new StartupError(`DATABASE_URL=${config.databaseUrl}: ${err.message}`);
  });
  let bot: RunningBot;
  try {
    bot = await startBot({
      token: config.token,
      apiUrl: config.apiUrl,
      devGuildId: config.devGuildId,
      bank,
      store,
      logger: deps.logger,
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.random ? { random: deps.random } : {}),
    });
  } catch (err) {
    await store.close().catch(() => {});
    const message = (err as Error).message;
    const hint = /TokenInvalid|401|4004|invalid token/i.test(`${(err as Error).name} ${message}`)
      ? ' Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal and update .env.'
      : '';
    const unreachable = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|fetch failed|connect/i.test(message)
      ? ` Is DISCORD_API_URL=${config.apiUrl} right and reachable?`
      : '';
    throw new StartupError(`Could not start the bot: ${message}.${hint}${unreachable}`);
  }
  return {
    bot,
    store,
    async shutdown() {
      await bot.stop();
      await store.close();
    },
  };
}
