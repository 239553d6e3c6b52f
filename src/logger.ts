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
];

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
      base: undefined,
      // Belt and braces: a secret embedded in an error message or URL is scrubbed from every line.
      hooks: hidden.length
        ? {
            streamWrite: (line: string) => hidden.reduce((out, s) => out.split(s).join('[redacted]'), line),
          }
        : {},
    },
    destination ?? process.stdout,
  );
}
