// Points for a graded answer (PRODUCT.md, "The practice loop", step 3). Whether the answer is
// eligible at all (once per question per user per day, not after Show answer) is decided by the
// caller; this only prices it.
import type { Grade } from './types.js';

export const POINTS_BY_GRADE: Readonly<Record<Grade, number>> = {
  nailed: 3,
  partly: 2,
  missed: 1,
};

/** Extra for answering the day's daily question on that same day. */
export const DAILY_BONUS_POINTS = 2;

export function pointsFor(grade: Grade, opts: { dailyBonus: boolean }): number {
  return POINTS_BY_GRADE[grade] + (opts.dailyBonus ? DAILY_BONUS_POINTS : 0);
}
