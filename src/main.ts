// Entry point of `npm start`: the only module that reads process.env.
import dotenv from 'dotenv';
import { MISSING_TOKEN_MESSAGE, parseConfig } from './config.ts';
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

const logger = createLogger(config.logLevel, process.stdout, [config.token]);
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection (kept running)'));

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
  const started = await runBot({ ...config, token: config.token }, { logger, signal: starting.signal });
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
