// Question of the day: one question per server per local date, no repeat until the bank is used up.
// PURE and JSON-safe: the caller stores the returned Rotation per guild (under its per-guild lock).

import { createHash } from 'node:crypto';
import type { Rotation } from './model.ts';

export type { Rotation };

/** How many dates `byDate` keeps. */
export const BY_DATE_KEEP = 60;

/** Deterministic integer in [0, n) from the seed parts. */
function pick(n: number, ...seed: string[]): number {
  const h = createHash('sha256').update(seed.join('\u0000')).digest();
  // 48 bits: modulo bias is negligible for any realistic bank size.
  return h.readUIntBE(0, 6) % n;
}

function prune(byDate: Record<string, string>): Record<string, string> {
  const dates = Object.keys(byDate).sort();
  const keep = dates.slice(-BY_DATE_KEEP);
  const out: Record<string, string> = {};
  for (const d of keep) {
    const id = byDate[d];
    if (id !== undefined) out[d] = id;
  }
  return out;
}

/**
 * The question of `localDate` for `guildId`, and the rotation to store.
 * - Same date → same question: an existing `byDate` entry wins (so a restart, or a second channel,
 *   never changes the day's question), unless that question has since left the bank.
 * - Otherwise a deterministic pseudo-random pick, seeded by (guildId, cycle, localDate), among the
 *   bank ids not yet used in this cycle; when none is left a new cycle starts (avoiding, when the
 *   bank has more than one question, the question picked last so a question never shows twice in
 *   a row across the cycle boundary).
 * - Ids no longer in the bank are never returned (they stay in `used` until the cycle ends, so one
 *   that comes back is not repeated within the cycle); ids added to the bank later are simply
 *   unused, so they join the current cycle.
 * The result does not depend on the order of `bankIds`. Throws on an empty bank.
 * The input rotation is not mutated.
 */
export function pickDailyQuestion(
  rot: Rotation | undefined,
  bankIds: readonly string[],
  localDate: string,
  guildId: string,
): { questionId: string; rotation: Rotation } {
  const bank = [...new Set(bankIds)].sort();
  if (bank.length === 0) throw new RangeError('pickDailyQuestion: the question bank is empty');
  const inBank = new Set(bank);

  const byDate: Record<string, string> = { ...(rot?.byDate ?? {}) };
  const cycle0 = Number.isSafeInteger(rot?.cycle) ? (rot?.cycle ?? 0) : 0;
  // Ids that left the bank stay in `used` (harmless, and if one comes back it is not repeated
  // within the cycle); they are dropped at the next cycle.
  const used0 = [...new Set(rot?.used ?? [])];

  const existing = Object.hasOwn(byDate, localDate) ? byDate[localDate] : undefined;
  if (existing !== undefined && inBank.has(existing)) {
    return {
      questionId: existing,
      rotation: { used: rot?.used ? [...rot.used] : [], byDate: prune(byDate), cycle: cycle0 },
    };
  }

  let cycle = cycle0;
  let used = used0;
  const usedSet = new Set(used);
  let available = bank.filter((id) => !usedSet.has(id));
  if (available.length === 0) {
    cycle += 1;
    used = [];
    available = bank;
    const previous = latestBefore(byDate, localDate);
    if (previous !== undefined && available.length > 1) available = available.filter((id) => id !== previous);
  }

  const questionId = available[pick(available.length, guildId, String(cycle), localDate)];
  if (questionId === undefined) throw new Error('pickDailyQuestion: internal error (empty choice)');
  byDate[localDate] = questionId;
  return { questionId, rotation: { used: [...used, questionId], byDate: prune(byDate), cycle } };
}

/** The question of the latest date before `localDate` in `byDate`, if any. */
function latestBefore(byDate: Record<string, string>, localDate: string): string | undefined {
  let best: string | undefined;
  for (const d of Object.keys(byDate)) if (d < localDate && (best === undefined || d > best)) best = d;
  return best === undefined ? undefined : byDate[best];
}

/**
 * The server's questions of the day up to and including `today` (its local date), newest first:
 * the dates `byDate` still holds (the last BY_DATE_KEEP).
 */
export function pastQuestionsOfDay(
  rot: Rotation | undefined,
  today: string,
): { localDate: string; questionId: string }[] {
  return Object.entries(rot?.byDate ?? {})
    .filter(([date]) => date <= today)
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([localDate, questionId]) => ({ localDate, questionId }));
}
