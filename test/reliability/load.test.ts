// Many users at once against the in-process bot: every interaction answered, every payload within
// Discord's rules, and no write lost. Latency (percentiles, how many first responses took over 3 s)
// and throughput are printed, not asserted: they depend on the machine and on what else runs; the
// bot's latency is measured in `npm run bench` (docs/performance.md).
//
// Load model: every user's first /question is dispatched in the same tick (a burst, the harshest
// case), then each user thinks 50-400 ms between steps. RELIABILITY_LOAD_RAMP_MS=5000 spreads the
// arrivals over 5 s instead (like members answering a role ping for the daily question).
// The bot, the emulator and the simulated users share this one process (and, on CI, 2 cores), so
// the figures are pessimistic for the bot alone.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import type { EmuUser, InteractionHandle } from '../../tools/emulator/index.ts';
import { build } from '../helpers/build.ts';
import { audit, type Ledger } from './audit.ts';
import {
  answerText,
  figures,
  GRADE_CODES,
  gradeButtonsOf,
  gradeOutcome,
  isCallback,
  percentile,
  rawRows,
  savedResponse,
  seeded,
  size,
  sleep,
  waitResponse,
} from './helpers.ts';

const USERS = size(150, 500);
const ROUNDS = 2;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261127);
/** Generous: later steps queue behind discord.js's 50 requests/s limit; only first responses are timed. */
const STEP_TIMEOUT_MS = 120_000;
const RAMP_MS = Number(process.env.RELIABILITY_LOAD_RAMP_MS ?? 0);

test(`given ${USERS} users practising at the same moment, when each runs /question, answers in the modal and grades, ${ROUNDS} times, then every interaction is answered and no write is lost`, {
  timeout: size(120_000, 600_000),
}, async (t) => {
  const h = await build(t);
  const rng = seeded(SEED);
  const firsts: InteractionHandle[] = [];
  const ledgers = new Map<string, Ledger>();
  const track = (handle: InteractionHandle) => {
    firsts.push(handle);
    return handle;
  };

  const practise = async (user: EmuUser, grades: string[], arrival: number, think: () => Promise<void>) => {
    const ledger: Ledger = { userId: user.id, attempts: [], presses: [] };
    ledgers.set(user.id, ledger);
    if (arrival >= 0) await sleep(arrival);
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await think();
      const posted = await waitResponse(
        track(h.emu.slash({ user, name: 'question' })),
        isCallback,
        STEP_TIMEOUT_MS,
      );
      const answerId = (posted.data.components?.[0]?.components ?? [])
        .map((c: { custom_id?: string }) => c.custom_id ?? '')
        .find((id: string) => id.startsWith('answer:'));
      assert.ok(
        answerId && posted.message,
        `/question offered an Answer button: ${JSON.stringify(posted.data)}`,
      );
      await think();
      const modal = await waitResponse(
        track(h.emu.click({ user, message: posted.message, customId: answerId })),
        isCallback,
        STEP_TIMEOUT_MS,
      );
      await think();
      const nonce = `${user.id}-${round}`;
      const submit = track(
        h.emu.submitModal({
          user,
          customId: String(modal.data.custom_id),
          fields: { text: answerText(nonce) },
          message: posted.message,
        }),
      );
      await waitResponse(submit, (r) => gradeButtonsOf([r]) !== undefined, STEP_TIMEOUT_MS);
      ledger.attempts.push({ nonce, acked: savedResponse(submit.responses) !== undefined });
      const buttons = gradeButtonsOf(submit.responses)!;
      const code = grades[round]! as 'n' | 'p' | 'm';
      await think();
      const press = track(h.emu.click({ user, message: buttons.message, customId: buttons.ids[code] }));
      await waitResponse(press, (r) => gradeOutcome([r]) !== undefined, STEP_TIMEOUT_MS);
      ledger.presses.push({
        answerId: buttons.answerId,
        code,
        acked: gradeOutcome(press.responses) === 'applied',
      });
    }
  };

  const users = Array.from({ length: USERS }, (_, i) => h.user(`load${i}`));
  const plans = users.map(() =>
    Array.from({ length: ROUNDS }, () => GRADE_CODES[Math.floor(rng() * GRADE_CODES.length)]!),
  );
  const arrivals = users.map(() => (RAMP_MS > 0 ? Math.floor(rng() * RAMP_MS) : -1));
  const thinkers = users.map((_, i) => {
    const r = seeded(SEED + i);
    return () => sleep(50 + Math.floor(r() * 350));
  });
  const started = performance.now();
  await Promise.all(users.map((u, i) => practise(u, plans[i]!, arrivals[i]!, thinkers[i]!)));
  const elapsedMs = performance.now() - started;

  const latencies = await Promise.all(firsts.map(async (f) => (await f.firstResponse(1)).latencyMs));
  const result = audit(await rawRows(h.store), h.guildId, [...ledgers.values()]);
  const p = (q: number) => percentile(latencies, q);
  figures('load', {
    users: USERS,
    rounds: ROUNDS,
    rampMs: RAMP_MS,
    interactions: firsts.length,
    elapsedMs: Math.round(elapsedMs),
    throughputPerSec: Math.round((firsts.length / elapsedMs) * 1000 * 10) / 10,
    answersPerSec: Math.round(((USERS * ROUNDS) / elapsedMs) * 1000 * 10) / 10,
    firstResponseMs: { p50: p(50), p95: p(95), p99: p(99), max: p(100) },
    over3s: latencies.filter((l) => l > 3000).length,
    violations: h.emu.violations.length,
    writesLost: result.problems.length + result.bookkeeping.length,
    ackedAnswers: result.stats.ackedAnswers,
    ackedGrades: result.stats.ackedGrades,
  });

  await t.test('then the emulator recorded no violation at all (every payload valid, no 10062)', () => {
    assert.deepEqual(h.emu.violations, []);
  });
  await t.test('then every user has exactly their answers and points, and the leaderboard agrees', () => {
    assert.equal(result.stats.ackedAnswers, USERS * ROUNDS);
    assert.equal(result.stats.ackedGrades, USERS * ROUNDS);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.bookkeeping, []);
    assert.equal(result.stats.orphanAnswers, 0);
  });
});
