// Entry point of `npm start`: the only module that reads process.env.
import dotenv from 'dotenv';
import { formatProblem, loadBank } from './bank/load.ts';
import { startBot } from './bot.ts';
import { MISSING_TOKEN_MESSAGE, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openStore } from './store/open.ts';

function exitWith(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

dotenv.config({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) exitWith(parsed.message);
const { config } = parsed;
if (!config.token) exitWith(MISSING_TOKEN_MESSAGE);
const token = config.token;

const logger = createLogger(config.logLevel, process.stdout, [token]);
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (kept running)'));

const { bank, problems } = await loadBank(config.questionsDir);
if (!bank) {
  exitWith(
    `The question bank in ${config.questionsDir} is invalid; the bot will not start:\n${problems.map(formatProblem).join('\n')}\nFix the files (npm run bank:check lists the same problems).`,
  );
}

const store = await openStore(config.databaseUrl).catch((err: Error) => exitWith(err.message));
const bot = await startBot({
  token,
  apiUrl: config.apiUrl,
  devGuildId: config.devGuildId,
  bank,
  store,
  logger,
}).catch(async (err: Error) => {
  await store.close().catch(() => {});
  const hint = /TokenInvalid|401|4004/.test(`${err.name} ${err.message}`)
    ? ' Discord rejected DISCORD_TOKEN: reset the token in the Developer Portal and update .env.'
    : '';
  return exitWith(`Could not start the bot: ${err.message}.${hint}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  try {
    await bot.stop();
    await store.close();
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
  }
  logger.flush();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
