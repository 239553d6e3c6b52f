// `npm run deploy-commands`: registers the slash commands now, even if unchanged.
import { REST } from 'discord.js';
import dotenv from 'dotenv';
import { commands } from '../../commands/index.ts';
import { MISSING_TOKEN_MESSAGE, parseConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openStore } from '../store/open.ts';
import { createStore } from '../store/store.ts';
import { registerCommands } from './register.ts';

dotenv.config({ quiet: true });
const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.message}\n`);
  process.exit(1);
}
const { config } = parsed;
if (!config.token) {
  process.stderr.write(`${MISSING_TOKEN_MESSAGE}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel, process.stdout, [config.token]);
const rest = new REST({ api: config.apiUrl }).setToken(config.token);
const store = await openStore(config.databaseUrl, { poolSize: 1 });
try {
  const app = (await rest.get('/applications/@me')) as { id: string };
  await registerCommands({
    rest,
    applicationId: app.id,
    devGuildId: config.devGuildId,
    definitions: commands.map((c) => c.data),
    settings: createStore(store).settings,
    logger,
    force: true,
  });
} catch (err) {
  process.stderr.write(`Could not register the commands: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
