// interaction: time from the emulator writing INTERACTION_CREATE to the bot's first callback
// (EmuResponse.latencyMs) for /question, Show answer, the Answer modal submit and a grade button, at
// 50 and 200 interactions/s open-loop. Baseline: the bare "pong" discord.js client, driven with the
// same interactions at the same rate against its own emulator in the same run. Each flow runs in four
// chunks ordered bot, pong, pong, bot, so slow drifts of a shared machine hit both sides alike.
// The two flows that store something (submit, grade) also run a third client, the commit floor
// (bench/lib/commit-floor.ts): pong replying only after one SQLite commit of the same size, in
// chunks bot, pong, floor, floor, pong, bot. It shows the part no code of the bot can remove while
// a reply waits for its data to be durable.
//
// `interaction-pg` runs the same on PostgreSQL (a durable private cluster, bench/lib/postgres.ts):
// the bot and the floor each on a database of their own, the floor's commit one upsert statement.
//
// By default the bot and the baseline each run in a child process (bench/lib/child.ts) while the
// emulators and the load generator run here; `--inproc` runs everything in this one process.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../../src/bank/load.ts';
import {
  FLOW_LABEL,
  FLOWS,
  type FlowRun,
  logFileIn,
  logWarnings,
  newRound,
  runFlow,
  seedMembers,
  startFloorTarget,
  startTargets,
  type Target,
} from '../lib/flows.ts';
import { postgresDatabase } from '../lib/postgres.ts';
import { loadMeter } from '../lib/proc.ts';
import { type Figure, fig, type Suite, type SuiteContext } from '../lib/report.ts';
import { round, sleep, summarize } from '../lib/stats.ts';

function merge(runs: FlowRun[]) {
  const latencies = runs.flatMap((r) => r.latencies);
  const done = summarize(runs.flatMap((r) => r.completions));
  const n = runs.reduce((a, r) => a + r.latencies.length + r.failures, 0);
  return {
    ...summarize(latencies),
    doneP50: done.p50,
    doneP99: done.p99,
    failures: runs.reduce((a, r) => a + r.failures, 0),
    wrong: runs.reduce((a, r) => a + r.wrong, 0),
    cpuMs: runs.reduce((a, r) => a + r.cpuPerInteraction * (r.latencies.length + r.failures), 0) / n,
    achievedRate: Math.min(...runs.map((r) => r.achievedRate)),
    lagP99: Math.max(...runs.map((r) => r.lagP99)),
  };
}

function rounded(m: ReturnType<typeof merge>) {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v, 3)]));
}

type Engine = 'sqlite' | 'postgres';

const FLOOR_NOTE: Record<Engine, string> = {
  sqlite:
    "floor = the pong client replying after one committed SQLite upsert of three rows (13 kB + 1.5 kB + 1 kB, WAL, synchronous=NORMAL, a kept prepared statement on the bot's own connection code), for the flows that store something",
  postgres:
    'store = PostgreSQL 15 on this machine (Debian package, default settings: fsync and synchronous_commit on), a pool of 10 connections; floor = the pong client replying after one upsert statement of three rows (13 kB + 1.5 kB + 1 kB) through a pg pool, for the flows that store something',
};

function interactionSuite(engine: Engine): Suite {
  return {
    name: engine === 'sqlite' ? 'interaction' : 'interaction-pg',
    description:
      engine === 'sqlite'
        ? 'first-response latency of /question, Show answer, modal submit, grade at 50 and 200/s vs pong'
        : 'the interaction suite on PostgreSQL: latency vs pong and vs the PostgreSQL commit floor',
    run: (ctx) => runInteraction(ctx, engine),
  };
}

export const interaction = interactionSuite('sqlite');
export const interactionPostgres = interactionSuite('postgres');

async function runInteraction(ctx: SuiteContext, engine: Engine): Promise<Awaited<ReturnType<Suite['run']>>> {
  const perFlow = ctx.quick ? 250 : 1000;
  const rates = [50, 200];
  const inproc = ctx.flags.has('--inproc');
  const dir = mkdtempSync(join(tmpdir(), 'bench-interaction-'));
  const db = engine === 'sqlite' ? join(dir, 'bot.sqlite') : await postgresDatabase();
  const floorDb = engine === 'sqlite' ? `${db}.floor` : await postgresDatabase();
  const logFile = logFileIn(dir);
  const { bank } = await loadBank('questions');
  if (!bank) throw new Error('the question bank is invalid');
  const users = await seedMembers(db, bank);

  let cpuProfDir: string | undefined;
  if (ctx.flags.has('--profile') && !inproc) {
    cpuProfDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'profiles');
    mkdirSync(cpuProfDir, { recursive: true });
  }
  const { bot, pong } = await startTargets({ inproc, db, logFile, ...(cpuProfDir ? { cpuProfDir } : {}) });
  const floor = await startFloorTarget({ inproc, db: floorDb });
  const figures: Figure[] = [];
  const notes: string[] = [];
  const detail: Record<string, unknown> = {};
  const meter = loadMeter(inproc ? [] : [bot.pid, pong.pid, floor.pid]);
  try {
    // Warm-up (discarded): JIT, connections, SQLite page cache, on both sides.
    ctx.log('interaction: warm-up');
    const warm = newRound();
    const w = ctx.quick ? 40 : 60;
    for (const flow of FLOWS) {
      for (const target of [bot, pong, floor])
        await runFlow({ target, flow, rate: 50, from: 0, count: w, users, round: warm, bank });
    }
    for (const rate of rates) {
      const rnd = newRound();
      for (const flow of FLOWS) {
        const stores = flow === 'submit' || flow === 'grade';
        const order = stores ? 'bot, pong, floor, floor, pong, bot' : 'bot, pong, pong, bot';
        ctx.log(`interaction: ${flow} @${rate}/s × ${perFlow} each (chunks: ${order})`);
        const half = perFlow / 2;
        const runs: Record<Target['name'], FlowRun[]> = { bot: [], pong: [], floor: [] };
        const chunk = async (target: Target, from: number) => {
          runs[target.name].push(
            await runFlow({ target, flow, rate, from, count: half, users, round: rnd, bank }),
          );
          await sleep(200);
        };
        await chunk(bot, 0);
        await chunk(pong, 0);
        if (stores) {
          await chunk(floor, 0);
          await chunk(floor, half);
        }
        await chunk(pong, half);
        await chunk(bot, half);
        const b = merge(runs.bot);
        const p = merge(runs.pong);
        const f = stores ? merge(runs.floor) : undefined;
        detail[`${flow}@${rate}`] = {
          bot: rounded(b),
          pong: rounded(p),
          ...(f ? { floor: rounded(f) } : {}),
        };
        const label = `${FLOW_LABEL[flow]} @${rate}/s`;
        figures.push(
          fig({
            name: `${label} p50`,
            value: b.p50,
            unit: 'ms',
            baseline: p.p50,
            baselineLabel: 'pong',
            target: '≤ 1.5× pong',
            met: b.p50 / p.p50 <= 1.5,
          }),
          ...(f
            ? [
                fig({
                  name: `${label} p50 of the floor (pong + 1 commit)`,
                  value: f.p50,
                  unit: 'ms',
                  baseline: p.p50,
                  baselineLabel: 'pong',
                }),
                fig({
                  name: `${label} p50 vs the floor`,
                  value: b.p50,
                  unit: 'ms',
                  baseline: f.p50,
                  baselineLabel: 'floor',
                }),
              ]
            : []),
          fig({ name: `${label} p95`, value: b.p95, unit: 'ms', baseline: p.p95, baselineLabel: 'pong' }),
          fig({
            name: `${label} p99`,
            value: b.p99,
            unit: 'ms',
            baseline: p.p99,
            baselineLabel: 'pong',
            ...(rate === 200 ? { target: '≤ 25 ms', met: b.p99 <= 25 } : {}),
          }),
        );
        if (flow !== 'question') {
          figures.push(
            fig({
              name: `${label} p99 to the result`,
              value: b.doneP99,
              unit: 'ms',
              baseline: p.doneP99,
              baselineLabel: 'pong',
            }),
          );
        }
        if (!inproc) {
          figures.push(
            fig({
              name: `${label} CPU/interaction`,
              value: b.cpuMs,
              unit: 'ms',
              baseline: p.cpuMs,
              baselineLabel: 'pong',
            }),
          );
        }
        if (b.failures || b.wrong || p.failures) {
          notes.push(
            `${label}: bot ${b.failures} unanswered within 15 s, ${b.wrong} without the expected result; pong ${p.failures} unanswered`,
          );
        }
        if (Math.max(b.lagP99, p.lagP99) > 5) {
          notes.push(
            `${label}: the load generator's timer was up to ${Math.max(b.lagP99, p.lagP99).toFixed(1)} ms late (p99); latency is measured from the actual write`,
          );
        }
      }
    }
  } finally {
    const load = meter.stop();
    if (load) notes.push(load.text);
    for (const target of [bot, pong, floor]) {
      await target.stop().catch(() => {});
      await target.emu.close();
    }
  }
  notes.unshift(
    inproc
      ? '--inproc: emulators, load generator, bot and pong client share one process and one event loop'
      : 'bot, pong client and commit floor each run in a child process (node --import tsx); emulators and load generator in the parent',
    FLOOR_NOTE[engine],
    `${perFlow} interactions per flow, rate and side; 200 members with fabricated history; latency = emulator INTERACTION_CREATE write → first callback received; p99 to the result = until the response that carries the outcome (the model answer, the feedback with grade buttons, the graded summary), whether first or after a deferral; CPU/interaction = user+system CPU of the client process per interaction, follow-up work included`,
  );
  const warned = logWarnings(logFile);
  if (Object.keys(warned).length) notes.push(`bot warnings/errors logged: ${JSON.stringify(warned)}`);
  if (bot.emu.violations.length)
    notes.push(`${bot.emu.violations.length} Discord-rule violations recorded by the emulator`);
  if (cpuProfDir) notes.push(`bot CPU profile (node --cpu-prof, whole run) written to ${cpuProfDir}`);
  rmSync(dir, { recursive: true, force: true });
  return { figures, notes, detail };
}
