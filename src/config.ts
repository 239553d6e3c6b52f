import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17-20 digits)');

/** Empty strings in .env mean "not set", so defaults apply instead of validation errors. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.object({
  DISCORD_TOKEN: optional(
    z
      .string()
      .regex(/^[\w.-]+$/, 'must be the bot token exactly, without quotes or spaces')
      .optional(),
  ),
  DISCORD_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
      .default('https://discord.com/api'),
  ),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^(sqlite|postgres|postgresql):\/\/.+/i,
        'must be sqlite://<path> or postgresql://user:password@host:5432/database',
      )
      .default('sqlite://data/bot.sqlite'),
  ),
  PG_POOL_SIZE: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of connections (1-100)')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 100, 'must be a whole number of connections (1-100)')
      .default(10),
  ),
  QUESTIONS_DIR: optional(z.string().default('questions')),
  DEV_GUILD_ID: optional(snowflake.optional()),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS).default('info')),
  HEALTH_PORT: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a port number (1-65535)')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 65535, 'must be a port number (1-65535)')
      .optional(),
  ),
  HEALTH_HOST: optional(z.string().default('127.0.0.1')),
});

export interface Config {
  token: string | undefined;
  apiUrl: string;
  databaseUrl: string;
  /** Connections to PostgreSQL (ignored for SQLite). */
  pgPoolSize: number;
  questionsDir: string;
  devGuildId: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** GET /healthz on this port; off when unset. */
  healthPort: number | undefined;
  healthHost: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Validates the environment. Pure: the entry point passes process.env in. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      return `  ${name}: ${issue.message}`;
    });
    return {
      ok: false,
      message: `Invalid configuration:\n${lines.join('\n')}\nFix these variables in .env (see .env.example) or the environment.`,
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      token: e.DISCORD_TOKEN,
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
      databaseUrl: e.DATABASE_URL,
      pgPoolSize: e.PG_POOL_SIZE,
      questionsDir: e.QUESTIONS_DIR,
      devGuildId: e.DEV_GUILD_ID,
      logLevel: e.LOG_LEVEL,
      healthPort: e.HEALTH_PORT,
      healthHost: e.HEALTH_HOST,
    },
  };
}

export const MISSING_TOKEN_MESSAGE = [
  'DISCORD_TOKEN is not set, so the bot cannot log in to Discord.',
  '  - To run the real bot: copy .env.example to .env and set DISCORD_TOKEN to your bot token',
  '    (Discord Developer Portal -> your application -> Bot -> Reset Token).',
  '  - To try the bot without a Discord account: npm run sandbox',
].join('\n');
