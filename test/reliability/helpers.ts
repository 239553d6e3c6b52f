// Shared pieces of the reliability suites: sizes, the bot as a child process, the practice flow as
// a user drives it through the emulator, and figure reporting.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KvStore } from '../../src/store/open.ts';
import { NAMESPACE, TABLE } from '../../src/store/open.ts';
import type {
  Emulator,
  EmuMessage,
  EmuResponse,
  EmuUser,
  InteractionHandle,
} from '../../tools/emulator/index.ts';

export { seeded } from '../helpers/build.ts';

/** `RELIABILITY_FULL=1` runs every suite at full size; the default is sized for a 2-core CI box. */
export const FULL = process.env.RELIABILITY_FULL === '1';
export const size = (reduced: number, full: number): number => (FULL ? full : reduced);

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GUILD = '100000000000000001';
export const CHANNEL = '100000000000000010';
export const DAILY_CHANNEL = '100000000000000011';
export const ROLE = '100000000000000020';

/** Points per self-grade (src/core/points.ts), restated so the suites check the rule, not reuse it. */
export const POINTS = { n: 3, p: 2, m: 1 } as const;
export type GradeCode = keyof typeof POINTS;
export const GRADE_CODES: readonly GradeCode[] = ['n', 'p', 'm'];

/** Prints one machine-readable line of figures; docs/reliability.md quotes them from a real run. */
export function figures(suite: string, data: Record<string, unknown>): void {
  console.log(`[reliability] ${suite} ${JSON.stringify(data)}`);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// -------------------------------------------------------------------------------------------------
// The bot as `npm start` runs it

export interface BotProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node --import tsx src/main.ts` with exactly the given variables (plus PATH and HOME): nothing from
 * the test runner's environment (NODE_TEST_CONTEXT, a developer's DISCORD_TOKEN) leaks in, and an
 * empty value keeps a stray .env from filling the variable in (dotenv never overrides).
 */
export function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      DISCORD_TOKEN: '',
      DISCORD_API_URL: '',
      DATABASE_URL: '',
      QUESTIONS_DIR: '',
      DEV_GUILD_ID: '',
      LOG_LEVEL: '',
      HEALTH_PORT: '',
      HEALTH_HOST: '',
      SHARD_COUNT: '',
      SHARDS: '',
      PG_POOL_SIZE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => out, exited };
}

/** Env for a bot process talking to `emu`, storing in `dbFile`. */
export function botEnv(emu: Emulator, dbFile: string, logLevel = 'warn'): Record<string, string> {
  return {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DATABASE_URL: `sqlite://${dbFile}`,
    QUESTIONS_DIR: `${ROOT}questions`,
    LOG_LEVEL: logLevel,
  };
}

/**
 * Resolves once a bot answers on the emulator. A fresh process IDENTIFYs a new session, and the
 * emulator only routes interactions to the newest session, so a probe that reaches a dead session
 * simply times out and the next one goes to the new process.
 */
export async function waitUntilServing(
  emu: Emulator,
  probe: EmuUser,
  opts: { timeoutMs?: number; exited?: Promise<unknown> } = {},
): Promise<number> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let dead = false;
  void opts.exited?.then(() => {
    dead = true;
  });
  let probes = 0;
  while (Date.now() < deadline) {
    if (dead) throw new Error('the bot process exited before it served a probe');
    probes++;
    try {
      await emu.slash({ user: probe, name: 'help' }).firstResponse(1500);
      return probes;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('no bot answered a probe in time');
}

// -------------------------------------------------------------------------------------------------
// Raw store access

export interface RawRow {
  key: string;
  value: unknown;
}

/** Every row of the store, keys without the namespace, values unwrapped from Keyv's envelope. */
export async function rawRows(store: KvStore): Promise<RawRow[]> {
  const rows = (await store.query(`SELECT key, value FROM ${TABLE}`)) as { key: string; value: string }[];
  return rows.map((r) => ({
    key: r.key.startsWith(`${NAMESPACE}:`) ? r.key.slice(NAMESPACE.length + 1) : r.key,
    value: (JSON.parse(r.value) as { value?: unknown }).value,
  }));
}

// -------------------------------------------------------------------------------------------------
// The practice flow as a user drives it

export class StepTimeout extends Error {}
export class Aborted extends Error {}

/** Waits for a response, but gives up early when `signal` aborts (the bot process was killed). */
export function waitResponse(
  h: InteractionHandle,
  pred: (r: EmuResponse) => boolean,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<EmuResponse> {
  if (signal?.aborted) return Promise.reject(new Aborted('aborted'));
  return new Promise<EmuResponse>((resolve, reject) => {
    const onAbort = () => reject(new Aborted('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    h.waitFor(pred, timeoutMs).then(
      (r) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (err: Error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new StepTimeout(err.message));
      },
    );
  });
}

export const isCallback = (r: EmuResponse) => r.kind === 'callback';

/** The "Saved. You covered ..." feedback: the bot told the user the answer is stored. */
export function savedResponse(responses: readonly EmuResponse[]): EmuResponse | undefined {
  return responses.find((r) =>
    (r.data?.embeds as { title?: string }[] | undefined)?.some((e) => e.title?.startsWith('Saved.')),
  );
}

export interface GradeButtons {
  answerId: string;
  message: EmuMessage;
  ids: Record<GradeCode, string>;
}

/** The grade buttons of a feedback response (they ride on the last message of the feedback). */
export function gradeButtonsOf(responses: readonly EmuResponse[]): GradeButtons | undefined {
  for (const r of responses) {
    const buttons = ((r.data?.components ?? []) as { components?: { custom_id?: string }[] }[])
      .flatMap((row) => row.components ?? [])
      .map((c) => c.custom_id ?? '')
      .filter((id) => id.startsWith('grade:'));
    if (buttons.length === 0 || !r.message) continue;
    const ids = {} as Record<GradeCode, string>;
    let answerId = '';
    for (const id of buttons) {
      const [, answer = '', code = ''] = id.split(':');
      answerId = answer;
      if (code === 'n' || code === 'p' || code === 'm') ids[code] = id;
    }
    return { answerId, message: r.message, ids };
  }
  return undefined;
}

/** The bot's answer to a grade press: the edited message says what was counted. */
export function gradeOutcome(responses: readonly EmuResponse[]): 'applied' | 'already' | undefined {
  for (const r of responses) {
    const content = String(r.data?.content ?? '');
    if (/^Graded \*\*/.test(content)) return 'applied';
    if (/already graded/.test(content)) return 'already';
  }
  return undefined;
}

/** A unique, long-enough answer; the nonce finds the stored record again. */
export function answerText(nonce: string): string {
  return `[${nonce}] DICOM stores images with metadata in a patient, study, series and instance hierarchy identified by UIDs.`;
}

export interface AnswerRun {
  submit: InteractionHandle;
  buttons: GradeButtons;
}

/**
 * `/question id:<q>`, Answer, submit the modal, and wait for the grade buttons. Throws StepTimeout or
 * Aborted; the submit handle is returned through `onSubmit` as soon as it exists, so a caller can
 * still judge it (acknowledged or not) when a later wait fails.
 */
export async function answerFlow(
  emu: Emulator,
  user: EmuUser,
  questionId: string,
  text: string,
  opts: {
    timeoutMs?: number;
    signal?: AbortSignal;
    onSubmit?: (h: InteractionHandle) => void;
    /** Another server than the emulator's default one. */
    place?: { guildId: string; channelId: string };
  } = {},
): Promise<AnswerRun> {
  const timeout = opts.timeoutMs ?? 8000;
  const posted = await waitResponse(
    emu.slash({ user, name: 'question', options: { id: questionId }, ...opts.place }),
    isCallback,
    timeout,
    opts.signal,
  );
  if (!posted.message) throw new Error(`/question id:${questionId} posted no message`);
  const modal = await waitResponse(
    emu.click({ user, message: posted.message, customId: `answer:${questionId}` }),
    isCallback,
    timeout,
    opts.signal,
  );
  if (modal.callbackType !== 9) throw new Error(`Answer did not open a modal: ${JSON.stringify(modal.data)}`);
  const submit = emu.submitModal({
    user,
    customId: String(modal.data.custom_id),
    fields: { text },
    message: posted.message,
    ...opts.place,
  });
  opts.onSubmit?.(submit);
  await waitResponse(submit, (r) => gradeButtonsOf([r]) !== undefined, timeout, opts.signal);
  const buttons = gradeButtonsOf(submit.responses);
  if (!buttons) throw new Error('no grade buttons');
  return { submit, buttons };
}

/** Presses a grade button and waits for the edited message. */
export async function pressGrade(
  emu: Emulator,
  user: EmuUser,
  buttons: GradeButtons,
  code: GradeCode,
  opts: { timeoutMs?: number; signal?: AbortSignal; onPress?: (h: InteractionHandle) => void } = {},
): Promise<'applied' | 'already'> {
  const press = emu.click({ user, message: buttons.message, customId: buttons.ids[code] });
  opts.onPress?.(press);
  await waitResponse(press, (r) => gradeOutcome([r]) !== undefined, opts.timeoutMs ?? 8000, opts.signal);
  return gradeOutcome(press.responses)!;
}
