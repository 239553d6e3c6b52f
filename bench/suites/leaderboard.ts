// leaderboard: LeaderboardService with 1,000, 10,000 and 100,000 members in ONE guild, seeded through
// the real store (user records written with Keyv; the service rebuilds its index from them), then a
// fresh service loads the persisted buckets as after a restart. Measured: rebuild, fresh load, the
// first page of each view (a view's sorted board is built on first use), p50/p95 of page renders
// (mixed metrics, periods, pages, callers) and of one grade's index update (onUserChanged incl. the
// bucket write), and the SQLite file size. Baseline of every figure: the same figure at 1,000 members;
// the ratio shows how the cost grows against the 10×/100× growth in members.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../src/app/clock.ts';
import { GuildService } from '../../src/app/guilds.ts';
import { newId } from '../../src/app/ids.ts';
import { LeaderboardService, METRICS, type Metric } from '../../src/app/leaderboard.ts';
import { loadBank } from '../../src/bank/load.ts';
import type { UserRecord } from '../../src/core/model.ts';
import { applyGrade } from '../../src/core/progress.ts';
import { PERIODS, type Period, periodKey } from '../../src/core/ranking.ts';
import { localDay } from '../../src/core/time.ts';
import type { Bank } from '../../src/core/types.ts';
import { createLogger } from '../../src/logger.ts';
import { type KvStore, openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { fabricateUser, seeded, snowflake, writeUsers } from '../lib/fixtures.ts';
import { type Figure, fig, type Suite } from '../lib/report.ts';
import { MB, percentile, round } from '../lib/stats.ts';

const GUILD = '800000000000000001';

interface SizeResult {
  users: number;
  seedS: number;
  rebuildMs: number;
  loadMs: number;
  coldViewMs: number[];
  page: { p50: number; p95: number; max: number };
  update: { p50: number; p95: number; max: number };
  fileMB: number;
}

/** Members with a realistic spread: most answered a few questions, some many (0-60, skewed). */
function members(bank: Bank, n: number, now: Date): UserRecord[] {
  const rng = seeded(11);
  const templates = Array.from({ length: Math.min(n, 400) }, (_, i) =>
    fabricateUser({
      bank,
      guildId: GUILD,
      userId: snowflake(900000000000000000n, i),
      name: `Member ${i}`,
      now,
      answers: Math.floor(Math.exp(rng() * Math.log(61))) - 1,
      rng,
    }),
  );
  return Array.from({ length: n }, (_, i) => {
    const t = templates[i % templates.length]!;
    // Distinct members with the template's history; small offsets spread the scores.
    const extra = t.points > 0 ? i % 17 : 0;
    return {
      ...t,
      userId: snowflake(900000000000000000n, i),
      displayName: `Member ${i}`,
      points: t.points + extra,
      week: { ...t.week, points: t.week.points > 0 ? t.week.points + (i % 5) : 0 },
    };
  });
}

function views(): { metric: Metric; period: Period }[] {
  return METRICS.flatMap((metric): { metric: Metric; period: Period }[] =>
    metric === 'streak' ? [{ metric, period: 'all' }] : PERIODS.map((period) => ({ metric, period })),
  );
}

async function sizeOf(store: KvStore): Promise<number> {
  await store.query('PRAGMA wal_checkpoint(TRUNCATE)');
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(`${store.file}${suffix}`).size;
    } catch {
      /* no WAL file */
    }
  }
  return bytes / MB;
}

async function measure(
  bank: Bank,
  n: number,
  pages: number,
  updates: number,
  log: (m: string) => void,
): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-leaderboard-'));
  const now = new Date();
  const clock: Clock = { now: () => new Date(now) };
  const store = await openStore(`sqlite://${join(dir, 'bot.sqlite')}`);
  try {
    const users = members(bank, n, now);
    log(`leaderboard: ${n} members: seeding`);
    let t = performance.now();
    await writeUsers(store, users);
    const seedS = (performance.now() - t) / 1000;
    // A fresh port per service: a new process, with empty caches.
    const service = () => {
      const port = createStore(store);
      return new LeaderboardService(port, {
        clock,
        guilds: new GuildService(port.guilds),
        logger: createLogger('silent'),
      });
    };
    const caller = users[0]!.userId;

    // 1. No index yet: the service rebuilds it from the user records and persists the buckets.
    log(`leaderboard: ${n} members: rebuild`);
    const first = service();
    t = performance.now();
    await (first as unknown as { load(g: string): Promise<unknown> }).load(GUILD);
    const rebuildMs = performance.now() - t;

    // 2. After a restart: a fresh service loads the buckets (the private load(), timed alone), then
    //    the first page of each view builds that view's sorted board.
    const lb = service();
    t = performance.now();
    await (lb as unknown as { load(g: string): Promise<unknown> }).load(GUILD);
    const loadMs = performance.now() - t;
    const coldViewMs: number[] = [];
    for (const v of views()) {
      t = performance.now();
      await lb.page({ guildId: GUILD, ...v, page: 0, callerId: caller });
      coldViewMs.push(performance.now() - t);
    }

    // 3. Warm page renders, mixed: every view, first pages more often, random callers.
    log(`leaderboard: ${n} members: ${pages} pages, ${updates} updates`);
    const rng = seeded(5);
    const all = views();
    const pageMs: number[] = [];
    for (let i = 0; i < pages; i++) {
      const v = all[Math.floor(rng() * all.length)]!;
      const page = rng() < 0.5 ? 0 : Math.floor(rng() * Math.min(100, Math.ceil(n / 10)));
      const callerId = users[Math.floor(rng() * users.length)]!.userId;
      t = performance.now();
      await lb.page({ guildId: GUILD, ...v, page, callerId });
      pageMs.push(performance.now() - t);
    }

    // 4. One grade's index update, as PracticeService.grade calls it (bucket write included).
    const periods = { week: periodKey(now, 'UTC', 'week'), month: periodKey(now, 'UTC', 'month') };
    const today = localDay(now, 'UTC');
    const updateMs: number[] = [];
    for (let i = 0; i < updates; i++) {
      const j = Math.floor(rng() * users.length);
      const before = users[j]!;
      const question = bank.questions[Math.floor(rng() * bank.questions.length)]!;
      const { user: after } = applyGrade(before, {
        answerId: newId(now),
        question,
        grade: 'nailed',
        answer: { day: today, at: now.toISOString(), daily: false },
        now,
        today,
        timeZone: 'UTC',
        periods,
      });
      t = performance.now();
      await lb.onUserChanged(before, after);
      updateMs.push(performance.now() - t);
      users[j] = after;
    }
    const stats = (xs: number[]) => ({
      p50: percentile(xs, 50),
      p95: percentile(xs, 95),
      max: Math.max(...xs),
    });
    return {
      users: n,
      seedS,
      rebuildMs,
      loadMs,
      coldViewMs,
      page: stats(pageMs),
      update: stats(updateMs),
      fileMB: await sizeOf(store),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const leaderboard: Suite = {
  name: 'leaderboard',
  description: 'index rebuild/load, page render and grade update p50/p95 at 1k, 10k, 100k members',
  async run(ctx) {
    const sizes = ctx.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const { bank } = await loadBank('questions');
    if (!bank) throw new Error('the question bank is invalid');
    const results: SizeResult[] = [];
    for (const n of sizes)
      results.push(await measure(bank, n, ctx.quick ? 200 : 500, ctx.quick ? 100 : 300, ctx.log));
    const base = results[0]!;
    const figures: Figure[] = [];
    const k = (n: number) => `${n / 1000}k`;
    for (const r of results) {
      const isBase = r === base;
      const b = <T>(v: T) => (isBase ? undefined : v);
      const top = r.users === 100_000;
      const vs = isBase ? {} : { baselineLabel: k(base.users) };
      const row = (
        name: string,
        value: number,
        unit: string,
        baseline: number,
        extra: Partial<Figure> = {},
      ) =>
        figures.push(
          fig({
            name: `${k(r.users)}: ${name}`,
            value,
            unit,
            ...(isBase ? {} : { baseline }),
            ...vs,
            ...extra,
          }),
        );
      row('rebuild index from user records', r.rebuildMs, 'ms', base.rebuildMs);
      row('fresh load of the index (restart)', r.loadMs, 'ms', base.loadMs);
      row(
        'first page of a view, slowest of 7',
        Math.max(...r.coldViewMs),
        'ms',
        Math.max(...base.coldViewMs),
      );
      row('page p50', r.page.p50, 'ms', base.page.p50);
      row(
        'page p95',
        r.page.p95,
        'ms',
        base.page.p95,
        top ? { target: '≤ 20 ms', met: r.page.p95 <= 20 } : {},
      );
      row('update p50', r.update.p50, 'ms', base.update.p50);
      row(
        'update p95',
        r.update.p95,
        'ms',
        base.update.p95,
        top ? { target: '≤ 5 ms', met: r.update.p95 <= 5 } : {},
      );
      row('SQLite file', r.fileMB, 'MB', base.fileMB);
      void b;
    }
    const last = results.at(-1)!;
    if (last !== base) {
      const growth = last.users / base.users;
      // Pages and updates are per request and must grow sub-linearly. A view's first page sorts every
      // member once (after a restart or when a period turns), so no build can beat n log n: that is
      // its bound (with 100× the members, 100 × log(100k)/log(1k) ≈ 167×).
      const nLogN = growth * (Math.log(last.users) / Math.log(base.users));
      for (const [name, v, b0, bound, label] of [
        ['page p95', last.page.p95, base.page.p95, growth, `< ${growth}× (members grew ${growth}×)`],
        ['update p95', last.update.p95, base.update.p95, growth, `< ${growth}× (members grew ${growth}×)`],
        [
          'first page of a view',
          Math.max(...last.coldViewMs),
          Math.max(...base.coldViewMs),
          nLogN,
          `≤ ${nLogN.toFixed(0)}× (n log n: one sort of every member)`,
        ],
      ] as const) {
        figures.push(
          fig({
            name: `growth ${k(base.users)} → ${k(last.users)}: ${name}`,
            value: v / b0,
            unit: '×',
            ratio: v / b0,
            target: label,
            met: v / b0 <= bound,
          }),
        );
      }
    }
    const notes = [
      'one guild; members cloned from 400 histories built with applyAnswer/applyGrade (0-60 answers, skewed low); written with Keyv to SQLite (WAL)',
      `seeding took ${results.map((r) => `${r.seedS.toFixed(1)} s (${k(r.users)})`).join(', ')}; pages and updates are timed one at a time (await), as /leaderboard and a grade would run them`,
      'first page of a view = building that metric/period board from the index (happens after every restart, when the day changes for streaks and when a new week/month starts)',
    ];
    const detail = results.map((r) => ({
      ...r,
      coldViewMs: r.coldViewMs.map((x) => round(x, 1)),
      page: { p50: round(r.page.p50, 3), p95: round(r.page.p95, 3), max: round(r.page.max, 3) },
      update: { p50: round(r.update.p50, 3), p95: round(r.update.p95, 3), max: round(r.update.max, 3) },
    }));
    return { figures, notes, detail };
  },
};
