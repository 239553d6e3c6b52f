import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths pino must never print; the token can otherwise leak via config or REST error objects. */
const REDACT = [
  'token',
  '*.token',
  'config.token',
  'headers.authorization',
  '*.headers.authorization',
  'request.headers.authorization',
  'requestBody',
  '*.requestBody',
];

/**
 * Interaction tokens and webhook tokens travel in REST paths (`/interactions/{id}/{token}/callback`,
 * `/webhooks/{app}/{token}`): a REST error's `url`, and any line that quotes one, loses them.
 */
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"?]+/g;

export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '$1[redacted]');
}

/**
 * Errors keep what helps to debug (name, message, stack, Discord's code and status, method, path)
 * and nothing else: discord.js's DiscordAPIError carries the whole request body (a member's answer,
 * a message) in `requestBody`, and the interaction token in `url`.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name, message: scrubTokens(e.message) };
  if (e.stack) out.stack = scrubTokens(e.stack);
  for (const field of ['code', 'status', 'method'] as const) {
    const value = e[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  if (typeof e.url === 'string') out.url = scrubTokens(e.url);
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
  secrets: string[] = [],
): Logger {
  const hidden = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      base: undefined,
      // Belt and braces: a secret or a token path embedded anywhere in a line is scrubbed.
      hooks: {
        streamWrite: (line: string) =>
          hidden.reduce((out, s) => out.split(s).join('[redacted]'), scrubTokens(line)),
      },
    },
    destination ?? process.stdout,
  );
}
