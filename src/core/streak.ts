// Daily practice streak with freezes (PRODUCT.md, "The practice loop", step 4). Days are
// 'yyyy-MM-dd' strings the caller computed with localDay() in the server's timezone.
import type { Streak } from './model.ts';
import { addDays, daysBetween } from './time.js';

/** The streak as stored (src/core/model.ts: Streak). */
export type StreakState = Streak;

/** A freeze is earned each time the streak reaches a multiple of this many practised days. */
export const DAYS_PER_FREEZE = 7;
export const MAX_FREEZES = 2;

export function emptyStreak(): StreakState {
  return { current: 0, longest: 0, freezes: 0, lastDay: null };
}

/** The user stored an answer on `day`. */
export function recordPracticeDay(s: StreakState, day: string): StreakState {
  if (s.lastDay !== null && daysBetween(s.lastDay, day) <= 0) return s;
  const settled = settleStreak(s, day);
  const current = settled.current + 1;
  const earned = current % DAYS_PER_FREEZE === 0 ? 1 : 0;
  return {
    current,
    longest: Math.max(settled.longest, current),
    freezes: Math.min(MAX_FREEZES, settled.freezes + earned),
    lastDay: day,
  };
}

/**
 * Applies the days missed between lastDay and `today`, exclusive: today is not over, so it can
 * still be practised. Use before showing a streak; the result is safe to store, and settling again
 * on the same day changes nothing.
 */
export function settleStreak(s: StreakState, today: string): StreakState {
  if (s.lastDay === null) return s;
  const missed = daysBetween(s.lastDay, today) - 1;
  if (missed <= 0) return s;
  if (missed <= s.freezes) {
    return { ...s, freezes: s.freezes - missed, lastDay: addDays(s.lastDay, missed) };
  }
  // Each missed day spends a freeze while any are left; the first one without a freeze ends it.
  return { ...s, current: 0, freezes: 0, lastDay: addDays(s.lastDay, s.freezes) };
}

/**
 * The rules applied literally, one calendar day at a time, from the first practised day to `today`.
 * Slow but obviously right: the oracle for the property tests of the incremental functions above.
 * Days after `today` are ignored.
 */
export function referenceStreak(practisedDays: readonly string[], today: string): StreakState {
  const practised = new Set(practisedDays);
  const first = [...practised].sort()[0];
  let s = emptyStreak();
  if (first === undefined) return s;
  for (let day = first; daysBetween(day, today) >= 0; day = addDays(day, 1)) {
    if (practised.has(day)) {
      const current = s.current + 1;
      s = {
        current,
        longest: Math.max(s.longest, current),
        freezes: Math.min(MAX_FREEZES, s.freezes + (current % DAYS_PER_FREEZE === 0 ? 1 : 0)),
        lastDay: day,
      };
    } else if (day !== today) {
      if (s.freezes > 0) s = { ...s, freezes: s.freezes - 1, lastDay: day };
      else s = { ...s, current: 0 };
    }
  }
  return s;
}
