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
  /** Who may reload the shared bank (/bank reload), besides the application's owner or team. */
  OWNER_IDS: optional(
    z
      .string()
      .transform((v, ctx) => {
        const ids = v
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id.length > 0);
        if (ids.some((id) => !/^\d{17,20}$/.test(id))) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be Discord user ids (17-20 digits), separated by commas',
          });
          return z.NEVER;
        }
        return ids;
      })
      .default([]),
  ),
  /** Reload the bank when a file in QUESTIONS_DIR changes (off: only /bank reload). */
  QUESTIONS_WATCH: optional(z.enum(['on', 'off'], { error: 'must be on or off' }).default('on')),
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
  SHARD_COUNT: optional(
    z
      .string()
      .regex(/^(auto|\d+)$/, 'must be auto or a whole number of shards (1 or more)')
      .refine((v) => v === 'auto' || Number(v) >= 1, 'must be auto or a whole number of shards (1 or more)')
      .optional(),
  ),
  SHARDS: optional(
    z
      .string()
      .transform((v, ctx) => {
        const ids = parseShardList(v);
        if (!ids) {
          ctx.addIssue({ code: 'custom', message: 'must list shard ids such as 0-3 or 4,5 (or [2])' });
          return z.NEVER;
        }
        return ids;
      })
      .optional(),
  ),
  /** Set by discord.js's ShardingManager in the processes it spawns (one per shard). */
  SHARDING_MANAGER: optional(z.string().optional()),
});

/** '0-3', '4,5', '2' or a JSON array such as '[2]' (what discord.js passes to a shard process). */
export function parseShardList(text: string): number[] | undefined {
  const trimmed = text.trim();
  const parts =
    trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1).split(',') : trimmed.split(',');
  const ids = new Set<number>();
  for (const part of parts) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 10_000) return undefined;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return ids.size > 0 ? [...ids].sort((a, b) => a - b) : undefined;
}

/**
 * How this process runs: one process with every server (the default), a supervisor spawning one
 * process per shard of this machine (SHARD_COUNT, SHARDS), or one of those shard processes.
 */
export type ShardMode =
  | { mode: 'single' }
  | { mode: 'supervisor'; count: number | 'auto'; ids: number[] | undefined }
  | { mode: 'shard'; ids: number[]; count: number };

export interface Config {
  token: string | undefined;
  apiUrl: string;
  databaseUrl: string;
  /** Connections to PostgreSQL (ignored for SQLite). */
  pgPoolSize: number;
  questionsDir: string;
  /** Reload the bank when its folder changes. */
  watchQuestions: boolean;
  devGuildId: string | undefined;
  ownerIds: string[];
  logLevel: (typeof LOG_LEVELS)[number];
  /** GET /healthz on this port; off when unset. */
  healthPort: number | undefined;
  healthHost: string;
  sharding: ShardMode;
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
  const sharding = shardMode(e);
  if (typeof sharding === 'string') {
    return {
      ok: false,
      message: `Invalid configuration:\n  ${sharding}\nFix these variables in .env (see .env.example) or the environment.`,
    };
  }
  return {
    ok: true,
    config: {
      token: e.DISCORD_TOKEN,
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
      databaseUrl: e.DATABASE_URL,
      pgPoolSize: e.PG_POOL_SIZE,
      questionsDir: e.QUESTIONS_DIR,
      devGuildId: e.DEV_GUILD_ID,
      ownerIds: e.OWNER_IDS,
      watchQuestions: e.QUESTIONS_WATCH === 'on',
      logLevel: e.LOG_LEVEL,
      healthPort: e.HEALTH_PORT,
      healthHost: e.HEALTH_HOST,
      sharding,
    },
  };
}

function shardMode(e: z.infer<typeof configSchema>): ShardMode | string {
  const count =
    e.SHARD_COUNT === undefined || e.SHARD_COUNT === 'auto' ? e.SHARD_COUNT : Number(e.SHARD_COUNT);
  if (e.SHARDING_MANAGER === 'true') {
    if (!e.SHARDS || typeof count !== 'number') return 'SHARDS: a shard process needs SHARDS and SHARD_COUNT';
    return { mode: 'shard', ids: e.SHARDS, count };
  }
  if (count === undefined) {
    return e.SHARDS
      ? 'SHARDS: needs SHARD_COUNT (the total number of shards across every machine)'
      : { mode: 'single' };
  }
  if (!/^postgres(ql)?:\/\//i.test(e.DATABASE_URL)) {
    return 'SHARD_COUNT: shards run as separate processes, which need a shared PostgreSQL DATABASE_URL (an SQLite file serves one process)';
  }
  if (typeof count === 'number' && e.SHARDS?.some((id) => id >= count)) {
    return `SHARDS: every shard id must be below SHARD_COUNT (${count}): ids run from 0 to ${count - 1}`;
  }
  return { mode: 'supervisor', count, ids: e.SHARDS };
}

export const MISSING_TOKEN_MESSAGE = [
  'DISCORD_TOKEN is not set, so the bot cannot log in to Discord.',
  '  - To run the real bot: copy .env.example to .env and set DISCORD_TOKEN to your bot token',
  '    (Discord Developer Portal -> your application -> Bot -> Reset Token).',
  '  - To try the bot without a Discord account: npm run sandbox',
].join('\n');
