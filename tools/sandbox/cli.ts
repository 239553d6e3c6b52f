import { parseArgs } from 'node:util';

export interface SandboxArgs {
  db: string;
  fresh: boolean;
  colour: boolean;
  help: boolean;
}

export const USAGE = [
  'npm run sandbox -- [--db FILE] [--fresh] [--no-color]',
  '  --db FILE    SQLite store of the sandbox (default data/sandbox.sqlite; kept between runs)',
  '  --fresh      delete that store first: no answers, streaks or schedules',
  '  --no-color   plain text even on a terminal (so does NO_COLOR=1, or piping the output)',
].join('\n');

/** Colour only for a person at a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(
  isTTY: boolean | undefined,
  env: Record<string, string | undefined>,
  flag: boolean,
): boolean {
  return flag && isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

export function parseSandboxArgs(
  argv: string[],
  isTTY: boolean | undefined,
  env: Record<string, string | undefined>,
): SandboxArgs | { error: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string', default: 'data/sandbox.sqlite' },
        fresh: { type: 'boolean', default: false },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return {
      db: values.db,
      fresh: values.fresh,
      colour: wantsColour(isTTY, env, !values['no-color']),
      help: values.help,
    };
  } catch (err) {
    return { error: `${(err as Error).message}\n${USAGE}` };
  }
}
