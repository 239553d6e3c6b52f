// The four practice flows driven through the emulator, open-loop, against the bot or the pong
// baseline: /question, Show answer, the Answer modal submit and a grade button. Shared by the
// interaction suite and bench/profile.ts.
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank, Question } from '../../src/core/types.ts';
import { createLogger } from '../../src/logger.ts';
import { runBot } from '../../src/run.ts';
import { openStore } from '../../src/store/open.ts';
import {
  type Emulator,
  type EmuMessage,
  type EmuResponse,
  type EmuUser,
  type InteractionHandle,
  startEmulator,
} from '../../tools/emulator/index.ts';
import { startFloorClient } from './commit-floor.ts';
import { databaseUrlOf } from './database.ts';
import { emuUsers, fabricateUser, seeded, writeUsers } from './fixtures.ts';
import { openLoop, quiet } from './openloop.ts';
import { startPong } from './pong.ts';
import { cpuMs } from './proc.ts';
import { type RunningChild, startChild } from './spawn.ts';

export const FLOWS = ['question', 'show', 'submit', 'grade'] as const;
export type Flow = (typeof FLOWS)[number];
export const FLOW_LABEL: Record<Flow, string> = {
  question: '/question',
  show: 'Show answer',
  submit: 'Answer modal submit',
  grade: 'grade button',
};

export const GUILD_ID = '100000000000000001';

export interface Target {
  /** floor: the pong client replying only after one SQLite commit (bench/lib/commit-floor.ts). */
  name: 'bot' | 'pong' | 'floor';
  emu: Emulator;
  /** Process of the client (this process with --inproc). */
  pid: number;
  /** Present when the client runs in a child process. */
  child?: RunningChild;
  stop(): Promise<void>;
}

interface Posted {
  user: EmuUser;
  message: EmuMessage;
  question: Question;
}

interface Feedback {
  user: EmuUser;
  message: EmuMessage;
  gradeId: string;
}

/** What the bot's responses produced for the later flows, by interaction index. */
export interface Round {
  posted: Posted[];
  feedback: Feedback[];
}

export function newRound(): Round {
  return { posted: [], feedback: [] };
}

export interface FlowRun {
  latencies: number[];
  /** Dispatch → the response carrying the flow's result (the first one when it is the result). */
  completions: number[];
  failures: number;
  wrong: number;
  achievedRate: number;
  lagP99: number;
  lagMax: number;
  /** CPU time of the client process per interaction, its follow-up work included (ms). */
  cpuPerInteraction: number;
}

/** An answer a candidate could give: some of the key points in their own words, plus filler. */
function answerText(q: Question, i: number): string {
  const points = q.keyPoints.filter((_, k) => (k + i) % 3 !== 0).map((p) => p.text);
  const text = `In short: ${points.join('. ')}. In practice I would check this on real data and explain the trade-offs to the clinical team.`;
  return text.slice(0, 3900);
}

function components(r: EmuResponse): { custom_id?: string; label?: string }[] {
  const rows = (r.data?.components ?? []) as { components?: { custom_id?: string; label?: string }[] }[];
  return rows.flatMap((row) => row.components ?? []);
}

/** 200 members who already practised (0-40 answers each), written to a fresh SQLite store. */
export async function seedMembers(db: string, bank: Bank, count = 200): Promise<EmuUser[]> {
  const users = emuUsers(count);
  const rng = seeded(7);
  const now = new Date();
  const store = await openStore(databaseUrlOf(db));
  await writeUsers(
    store,
    users.map((u) =>
      fabricateUser({
        bank,
        guildId: GUILD_ID,
        userId: u.id,
        name: u.globalName ?? u.username,
        now,
        answers: Math.floor(rng() * 41),
        rng,
      }),
    ),
  );
  await store.close();
  return users;
}

/** The bot on one emulator and the pong client on another, in children (default) or in-process. */
export async function startTargets(o: {
  inproc: boolean;
  db: string;
  logFile: string;
  /** `node --cpu-prof` output directory for the bot's child process (whole run). */
  cpuProfDir?: string;
}): Promise<{ bot: Target; pong: Target }> {
  const emuBot = await startEmulator();
  const emuPong = await startEmulator();
  return {
    bot: await startBotTarget(o, emuBot),
    pong: await startPongTarget(o, emuPong),
  };
}

/** The commit floor on its own emulator, with its own store `db` (on the bot's engine). */
export async function startFloorTarget(o: { inproc: boolean; db: string }): Promise<Target> {
  const emu = await startEmulator();
  const db = o.db;
  if (o.inproc) {
    const { stop } = await startFloorClient(emu.apiUrl, emu.token, db);
    return { name: 'floor', emu, pid: process.pid, stop };
  }
  const child = await startChild({ mode: 'floor', apiUrl: emu.apiUrl, token: emu.token, db });
  return { name: 'floor', emu, pid: child.proc.pid!, child, stop: () => child.stop() };
}

async function startBotTarget(
  o: { inproc: boolean; db: string; logFile: string; cpuProfDir?: string },
  emuBot: Emulator,
): Promise<Target> {
  if (o.inproc) {
    const logger = createLogger('info', createWriteStream(o.logFile), [emuBot.token]);
    const handle = await runBot(
      {
        token: emuBot.token,
        apiUrl: emuBot.apiUrl,
        databaseUrl: databaseUrlOf(o.db),
        questionsDir: 'questions',
        devGuildId: undefined,
        ownerIds: [],
        watchQuestions: false,
        healthPort: undefined,
        healthHost: '127.0.0.1',
        pgPoolSize: 10,
        logLevel: 'info',
      },
      { logger },
    );
    return { name: 'bot', emu: emuBot, pid: process.pid, stop: () => handle.shutdown() };
  }
  const child = await startChild({
    mode: 'bot',
    apiUrl: emuBot.apiUrl,
    token: emuBot.token,
    db: o.db,
    logFile: o.logFile,
    ...(o.cpuProfDir ? { cpuProfDir: o.cpuProfDir } : {}),
  });
  return { name: 'bot', emu: emuBot, pid: child.proc.pid!, child, stop: () => child.stop() };
}

async function startPongTarget(o: { inproc: boolean }, emu: Emulator): Promise<Target> {
  if (o.inproc) {
    const client = await startPong(emu.apiUrl, emu.token);
    return { name: 'pong', emu, pid: process.pid, stop: () => client.destroy() };
  }
  const child = await startChild({ mode: 'pong', apiUrl: emu.apiUrl, token: emu.token });
  return { name: 'pong', emu, pid: child.proc.pid!, child, stop: () => child.stop() };
}

/**
 * Fires interactions `from`..`from+count-1` of one flow at `rate`/s and collects first-response
 * latencies. For the bot it also checks each flow's result, keeps what later flows need (by index),
 * and waits until the follow-up work is done, so flows never overlap.
 */
export async function runFlow(p: {
  target: Target;
  flow: Flow;
  rate: number;
  from: number;
  count: number;
  users: EmuUser[];
  round: Round;
  bank: Bank;
}): Promise<FlowRun> {
  const { target, flow, users, round, bank } = p;
  const emu = target.emu;
  const anyPosted = () => round.posted.find(Boolean)!;
  const fire = (i: number): InteractionHandle => {
    switch (flow) {
      case 'question':
        return emu.slash({ user: users[i % users.length]!, name: 'question' });
      case 'show': {
        const m = round.posted[i] ?? anyPosted();
        // Someone else in the channel reads the model answer of a posted question.
        const viewer = users[(i + Math.floor(users.length / 2)) % users.length]!;
        return emu.click({ user: viewer, message: m.message, customId: `show:${m.question.id}` });
      }
      case 'submit': {
        const m = round.posted[i] ?? anyPosted();
        return emu.submitModal({
          user: m.user,
          customId: `answer:${m.question.id}`,
          fields: { text: answerText(m.question, i) },
          message: m.message,
        });
      }
      case 'grade': {
        const f = round.feedback[i] ?? round.feedback.find(Boolean)!;
        return emu.click({ user: f.user, message: f.message, customId: f.gradeId });
      }
    }
  };
  const cpuBefore = cpuMs(target.pid) ?? Number.NaN;
  const waits: Promise<EmuResponse | undefined>[] = [];
  const loop = await openLoop(p.rate, p.count, (k) => {
    const h = fire(p.from + k);
    waits.push(h.firstResponse(15_000).catch(() => undefined));
    return h;
  });
  const firsts = await Promise.all(waits);
  const latencies: number[] = [];
  let failures = 0;
  for (const r of firsts) {
    if (r) latencies.push(r.latencyMs);
    else failures++;
  }
  let wrong = 0;
  const completions: number[] = target.name === 'bot' ? [] : [...latencies];
  if (target.name === 'bot') {
    const handles = loop.shots.map((s) => s.value);
    if (flow === 'question') {
      for (const [k, r] of firsts.entries()) {
        const id = r?.message
          ? components(r).find((c) => c.custom_id?.startsWith('answer:'))?.custom_id
          : undefined;
        const question = id ? bank.byId.get(id.slice('answer:'.length)) : undefined;
        if (!r?.message || !question) {
          wrong++;
          continue;
        }
        const i = p.from + k;
        completions.push(r.latencyMs);
        round.posted[i] = { user: users[i % users.length]!, message: r.message, question };
      }
    } else {
      // The bot may answer in the first callback or defer and edit/follow up later: accept either.
      const text = (r: EmuResponse) => JSON.stringify(r.data ?? '');
      const done: (r: EmuResponse) => boolean =
        flow === 'show'
          ? (r) => /Model answer/.test(text(r))
          : flow === 'submit'
            ? (r) => components(r).some((c) => c.label === 'Nailed it')
            : (r) => /points|already graded/.test(text(r));
      const finals = await Promise.all(handles.map((h) => h.waitFor(done, 15_000).catch(() => undefined)));
      const labels = ['Nailed it', 'Partly', 'Missed it'];
      for (const [k, r] of finals.entries()) {
        if (!r) {
          wrong++;
          continue;
        }
        completions.push(r.latencyMs);
        if (flow !== 'submit') continue;
        const i = p.from + k;
        const button = components(r).find((c) => c.label === labels[i % 3]);
        const m = round.posted[i] ?? anyPosted();
        if (!r.message || !button?.custom_id) {
          wrong++;
          continue;
        }
        round.feedback[i] = { user: m.user, message: r.message, gradeId: button.custom_id };
      }
    }
  }
  await quiet(emu, 150);
  return {
    latencies,
    completions,
    failures,
    wrong,
    achievedRate: loop.achievedRate,
    lagP99: loop.lagP99,
    lagMax: loop.lagMax,
    cpuPerInteraction: ((cpuMs(target.pid) ?? Number.NaN) - cpuBefore) / p.count,
  };
}

/** Counts the bot's warn/error log lines by message. */
export function logWarnings(logFile: string): Record<string, number> {
  const out: Record<string, number> = {};
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const { level, msg } = JSON.parse(line) as { level: number; msg: string };
      if (level >= 40) out[msg] = (out[msg] ?? 0) + 1;
    } catch {
      /* a partial line */
    }
  }
  return out;
}

export function logFileIn(dir: string): string {
  return join(dir, 'bot.log');
}
