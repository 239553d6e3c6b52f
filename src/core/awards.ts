// Whether a graded answer earns points (PRODUCT.md, "The practice loop", step 3): a question earns
// points at most once per user per answer day (the day the answer was stored, in the server's
// timezone), whenever it is graded; not for a day on which the model answer was shown first; and
// only while the answer is recent, so a stockpile of ungraded answers cannot pay out later.

import type { Award } from './model.ts';
import { addDays, localDay } from './time.ts';

export type { Award };

/** An answer earns points only when graded within this many days of its answer day. */
export const POINTS_WINDOW_DAYS = 7;
/**
 * Awards are kept longer than the window (by date, never by key), so every answer that can still
 * earn sees every award of its question; the margin covers a change of the server's timezone.
 */
export const AWARD_KEEP_DAYS = POINTS_WINDOW_DAYS + 2;
/** Show answer only blocks answers of the same day. */
export const REVEAL_KEEP_DAYS = 2;

export type NoPointsReason = 'earned' | 'revealed' | 'late';

export interface GradedAnswer {
  /** The answer's local day, as stored with it. */
  day: string;
  /** The answer's instant (ISO). */
  at: string;
}

/**
 * Why this answer earns nothing, or undefined if it earns points. `today` and `timeZone` are the
 * server's now. An award blocks an answer whose day has the same label, or which shares a day
 * with it in either the award's timezone or today's: a timezone change never re-opens a counted day.
 */
export function noPointsReason(p: {
  answer: GradedAnswer;
  awards: readonly Award[] | undefined;
  revealedDays: readonly string[] | undefined;
  today: string;
  timeZone: string;
}): NoPointsReason | undefined {
  const { answer } = p;
  if (answer.day < addDays(p.today, -POINTS_WINDOW_DAYS)) return 'late';
  if (p.revealedDays?.includes(answer.day)) return 'revealed';
  const answerAt = new Date(answer.at);
  const sameDay = (award: Award): boolean =>
    award.day === answer.day ||
    (award.at !== undefined && localDay(new Date(award.at), p.timeZone) === answer.day) ||
    (award.tz !== undefined && localDay(answerAt, award.tz) === award.day);
  return p.awards?.some(sameDay) ? 'earned' : undefined;
}

/** Keeps the entries of a per-question map of days whose day is on or after `today - keep`. */
export function pruneByDay<T>(
  map: Record<string, T[]>,
  dayOf: (entry: T) => string,
  today: string,
  keep: number,
): Record<string, T[]> {
  const oldest = addDays(today, -keep);
  const out: Record<string, T[]> = {};
  for (const [key, entries] of Object.entries(map)) {
    const kept = entries.filter((e) => dayOf(e) >= oldest);
    if (kept.length > 0) out[key] = kept;
  }
  return out;
}
