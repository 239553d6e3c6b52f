// interaction: time from the emulator dispatching INTERACTION_CREATE to the bot's first callback
// (EmuResponse.latencyMs), for /question, Show answer, the Answer modal submit and a grade button, at
// 50 and 200 interactions/s open-loop. Baseline: the bare "pong" discord.js client, driven with the
// same interactions (same payloads, same rate) against its own emulator in the same run, flow by flow.
//
// By default the bot and the baseline each run in a child process (bench/lib/child.ts) while the
// emulators and the load generator run here; `--inproc` runs everything in this one process.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'discord.js';
import { loadBank } from '../../src/bank/load.ts';
import type { Bank, Question } from '../../src/core/types.ts';
import {
  type Emulator,
  type EmuMessage,
  type EmuResponse,
  type EmuUser,
  type InteractionHandle,
  startEmulator,
} from '../../src/emulator/index.ts';
import { createLogger } from '../../src/logger.ts';
import { type RunHandle, runBot } from '../../src/run.ts';
import { openStore } from '../../src/store/open.ts';
import { emuUsers, fabricateUser, seeded, writeUsers } from '../lib/fixtures.ts';
import { openLoop, quiet } from '../lib/openloop.ts';
import { startPong } from '../lib/pong.ts';
import { type Figure, fig, type Suite, type SuiteContext } from '../lib/report.ts';
import { startChild } from '../lib/spawn.ts';
import { round, sleep, summarize } from '../lib/stats.ts';

const FLOWS = ['question', 'show', 'submit', 'grade'] as const;
type Flow = (typeof FLOWS)[number];
const FLOW_LABEL: Record<Flow, string> = {
  question: '/question',
  show: 'Show answer',
  submit: 'Answer modal submit',
  grade: 'grade button',
};

interface Target {
  name: 'bot' | 'pong';
  emu: Emulator;
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

/** What the round produced for the later flows (taken from the bot's responses only). */
interface Round {
  posted: Posted[];
  feedback: Feedback[];
}

interface FlowRun {
  latencies: number[];
  failures: number;
  wrong: number;
  achievedRate: number;
  lagP99: number;
  lagMax: number;
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

async function startTargets(ctx: SuiteContext, dir: string, db: string, profileDir?: string) {
  const inproc = ctx.flags.has('--inproc');
  const emuBot = await startEmulator();
  const emuPong = await startEmulator();
  let bot: Target;
  let pong: Target;
  const logFile = join(dir, 'bot.log');
  if (inproc) {
    const logger = createLogger('info', createWriteStream(logFile), [emuBot.token]);
    const handle: RunHandle = await runBot(
      {
        token: emuBot.token,
        apiUrl: emuBot.apiUrl,
        databaseUrl: `sqlite://${db}`,
        questionsDir: 'questions',
        devGuildId: undefined,
        logLevel: 'info',
      },
      { logger },
    );
    bot = { name: 'bot', emu: emuBot, stop: () => handle.shutdown() };
    const client: Client = await startPong(emuPong.apiUrl, emuPong.token);
    pong = { name: 'pong', emu: emuPong, stop: () => client.destroy() };
  } else {
    const botChild = await startChild({
      mode: 'bot',
      apiUrl: emuBot.apiUrl,
      token: emuBot.token,
      db,
      logFile,
      ...(profileDir ? { cpuProfDir: profileDir } : {}),
    });
    bot = { name: 'bot', emu: emuBot, stop: () => botChild.stop() };
    const pongChild = await startChild({ mode: 'pong', apiUrl: emuPong.apiUrl, token: emuPong.token });
    pong = { name: 'pong', emu: emuPong, stop: () => pongChild.stop() };
  }
  return { bot, pong, inproc, logFile };
}

/**
 * Fires `count` interactions of one flow at `rate`/s and collects first-response latencies. For the
 * bot, also collects what later flows need and waits until its follow-up work is done, so flows
 * never overlap.
 */
async function runFlow(
  t: Target,
  flow: Flow,
  rate: number,
  count: number,
  users: EmuUser[],
  round: Round,
  bank: Bank,
): Promise<FlowRun> {
  const emu = t.emu;
  const fire = (i: number): InteractionHandle => {
    switch (flow) {
      case 'question':
        return emu.slash({ user: users[i % users.length]!, name: 'question' });
      case 'show': {
        const p = round.posted[i % round.posted.length]!;
        // Someone else in the channel reads the model answer of a posted question.
        const viewer = users[(i + Math.floor(users.length / 2)) % users.length]!;
        return emu.click({ user: viewer, message: p.message, customId: `show:${p.question.id}` });
      }
      case 'submit': {
        const p = round.posted[i % round.posted.length]!;
        return emu.submitModal({
          user: p.user,
          customId: `answer:${p.question.id}`,
          fields: { text: answerText(p.question, i) },
          message: p.message,
        });
      }
      case 'grade': {
        const f = round.feedback[i % round.feedback.length]!;
        return emu.click({ user: f.user, message: f.message, customId: f.gradeId });
      }
    }
  };
  const waits: Promise<EmuResponse | undefined>[] = [];
  const loop = await openLoop(rate, count, (i) => {
    const h = fire(i);
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
  if (t.name === 'bot') {
    // Check every response did what the flow is for, and keep what the next flows need.
    const handles = loop.shots.map((s) => s.value);
    if (flow === 'question') {
      round.posted = [];
      for (const [i, r] of firsts.entries()) {
        const id = r?.message
          ? components(r).find((c) => c.custom_id?.startsWith('answer:'))?.custom_id
          : undefined;
        const question = id ? bank.byId.get(id.slice('answer:'.length)) : undefined;
        if (!r?.message || !question) {
          wrong++;
          continue;
        }
        round.posted.push({ user: users[i % users.length]!, message: r.message, question });
      }
    } else if (flow === 'submit') {
      round.feedback = [];
      const finals = await Promise.all(
        handles.map((h) =>
          h
            .waitFor(
              (r) => r.kind !== 'callback' && components(r).some((c) => c.label === 'Nailed it'),
              15_000,
            )
            .catch(() => undefined),
        ),
      );
      for (const [i, r] of finals.entries()) {
        const labels = ['Nailed it', 'Partly', 'Missed it'];
        const button = r ? components(r).find((c) => c.label === labels[i % 3]) : undefined;
        if (!r?.message || !button?.custom_id) {
          wrong++;
          continue;
        }
        const p = round.posted[i % round.posted.length]!;
        round.feedback.push({ user: p.user, message: r.message, gradeId: button.custom_id });
      }
    } else {
      const finals = await Promise.all(
        handles.map((h) => h.waitFor((r) => r.kind !== 'callback', 15_000).catch(() => undefined)),
      );
      for (const r of finals) {
        const text = JSON.stringify(r?.data ?? '');
        const ok = flow === 'show' ? /Model answer/.test(text) : /points|already graded/.test(text);
        if (!ok) wrong++;
      }
    }
  }
  await quiet(emu, 150);
  return {
    latencies,
    failures,
    wrong,
    achievedRate: loop.achievedRate,
    lagP99: loop.lagP99,
    lagMax: loop.lagMax,
  };
}

function warnings(logFile: string): Record<string, number> {
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
      /* partial line */
    }
  }
  return out;
}

export const interaction: Suite = {
  name: 'interaction',
  description:
    'first-response latency of /question, Show answer, modal submit, grade at 50 and 200/s open-loop vs a pong client',
  async run(ctx) {
    const quick = ctx.quick;
    const perFlow = quick ? 250 : 1000;
    const rates = [50, 200];
    const dir = mkdtempSync(join(tmpdir(), 'bench-interaction-'));
    const db = join(dir, 'bot.sqlite');
    const { bank } = await loadBank('questions');
    if (!bank) throw new Error('the question bank is invalid');

    // 200 members who already practised (0-40 answers each), so /question and grades read real records.
    const users = emuUsers(200);
    const guildId = '100000000000000001';
    const rng = seeded(7);
    const now = new Date();
    const store = await openStore(`sqlite://${db}`);
    await writeUsers(
      store,
      users.map((u) =>
        fabricateUser({
          bank,
          guildId,
          userId: u.id,
          name: u.globalName ?? u.username,
          now,
          answers: Math.floor(rng() * 41),
          rng,
        }),
      ),
    );
    await store.close();

    const profileDir = ctx.flags.has('--profile') ? join(process.cwd(), 'bench', 'profiles') : undefined;
    const { bot, pong, inproc, logFile } = await startTargets(ctx, dir, db, profileDir);
    const figures: Figure[] = [];
    const notes: string[] = [];
    const detail: Record<string, unknown> = {};
    try {
      // Warm-up (discarded): JIT, connection pools, SQLite page cache, on both sides.
      ctx.log('interaction: warm-up');
      const warm: Round = { posted: [], feedback: [] };
      for (const flow of FLOWS) {
        await runFlow(bot, flow, 50, quick ? 50 : 100, users, warm, bank);
        await runFlow(pong, flow, 50, quick ? 50 : 100, users, warm, bank);
      }
      for (const rate of rates) {
        const round: Round = { posted: [], feedback: [] };
        for (const flow of FLOWS) {
          ctx.log(`interaction: ${flow} @${rate}/s × ${perFlow} (bot, then pong)`);
          const b = await runFlow(bot, flow, rate, perFlow, users, round, bank);
          await sleep(200);
          const p = await runFlow(pong, flow, rate, perFlow, users, round, bank);
          await sleep(200);
          const bs = summarize(b.latencies);
          const ps = summarize(p.latencies);
          detail[`${flow}@${rate}`] = {
            bot: {
              ...mapRound(bs),
              failures: b.failures,
              wrong: b.wrong,
              achievedRate: round2(b.achievedRate),
              lagP99: round2(b.lagP99),
              lagMax: round2(b.lagMax),
            },
            pong: {
              ...mapRound(ps),
              failures: p.failures,
              achievedRate: round2(p.achievedRate),
              lagP99: round2(p.lagP99),
              lagMax: round2(p.lagMax),
            },
          };
          const label = `${FLOW_LABEL[flow]} @${rate}/s`;
          const p50Ratio = bs.p50 / ps.p50;
          figures.push(
            fig({
              name: `${label} p50`,
              value: bs.p50,
              unit: 'ms',
              baseline: ps.p50,
              baselineLabel: 'pong',
              target: '≤ 1.5× pong',
              met: p50Ratio <= 1.5,
            }),
            fig({ name: `${label} p95`, value: bs.p95, unit: 'ms', baseline: ps.p95, baselineLabel: 'pong' }),
            fig({
              name: `${label} p99`,
              value: bs.p99,
              unit: 'ms',
              baseline: ps.p99,
              baselineLabel: 'pong',
              ...(rate === 200 ? { target: '≤ 25 ms', met: bs.p99 <= 25 } : {}),
            }),
          );
          if (b.failures || b.wrong || p.failures) {
            notes.push(
              `${label}: ${b.failures} bot interactions got no first response within 15 s, ${b.wrong} ended without the expected result; pong: ${p.failures} unanswered`,
            );
          }
          const lag = Math.max(b.lagP99, p.lagP99);
          if (lag > 5)
            notes.push(`${label}: the load generator's timer was late by up to ${lag.toFixed(1)} ms (p99)`);
        }
      }
    } finally {
      await bot.stop().catch(() => {});
      await pong.stop().catch(() => {});
      await bot.emu.close();
      await pong.emu.close();
    }
    const warned = warnings(logFile);
    const violations = bot.emu.violations.length;
    notes.unshift(
      inproc
        ? 'mode --inproc: emulators, load generator, bot and pong client share one process and one event loop'
        : 'bot and pong client each run in their own child process (node --import tsx); the emulators and the load generator run in the parent',
      `${perFlow} interactions per flow and rate, 200 members with fabricated history; latency = emulator INTERACTION_CREATE write → first callback received`,
    );
    if (Object.keys(warned).length) notes.push(`bot warnings/errors logged: ${JSON.stringify(warned)}`);
    if (violations) notes.push(`${violations} Discord-rule violations recorded by the emulator`);
    rmSync(dir, { recursive: true, force: true });
    return { figures, notes, detail };
  },
};

function round2(n: number): number {
  return round(n, 2);
}

function mapRound(s: ReturnType<typeof summarize>) {
  return { n: s.n, p50: round2(s.p50), p95: round2(s.p95), p99: round2(s.p99), max: round2(s.max) };
}
