// Streak reminders (pure): whether a member's reminder is due now, and what to do about it.
import { createHash } from 'node:crypto';
import { localTimeToInstant, parseTime } from './daily-schedule.ts';
import type { ReminderRecord, UserRecord } from './model.ts';
import { settleStreak } from './streak.ts';
import { localDay } from './time.ts';

/** A reminder is for a streak worth keeping: at least this many days. */
export const REMINDER_MIN_STREAK = 2;
/**
 * Discord dedupes a send by its nonce only over a few minutes: a claimed reminder whose send did
 * not finish is re-sent with its nonce within this window, and given up after it (never twice).
 */
export const REMINDER_RESEND_WINDOW_MS = 4 * 60_000;

export type ReminderDecision =
  | { action: 'wait' }
  | { action: 'skip'; day: string; reason: 'practised' | 'no-streak' }
  | { action: 'send'; day: string; streak: number; nonce: string }
  | { action: 'give-up'; day: string };

/**
 * - 'wait': disabled, not yet the reminder's time today (in its zone; DST-correct: a time in the
 *   spring-forward gap is reached at the first instant after it, a time in the fall-back overlap
 *   at its first occurrence), or today is already handled.
 * - 'skip': the time has come but no DM is needed (practised today, or no streak of 2+ to keep).
 * - 'send': claim today with `nonce`, then DM. A claim still 'sending' (the process died or the
 *   send failed) is re-sent with its nonce while Discord would dedupe it, then given up.
 */
export function decideReminder(
  reminder: ReminderRecord,
  user: UserRecord | undefined,
  now: Date,
): ReminderDecision {
  const time = parseTime(reminder.time);
  if (!reminder.enabled || !time) return { action: 'wait' };
  const today = localDay(now, reminder.timeZone);
  const last = reminder.last;
  if (last && last.day >= today) {
    if (last.state !== 'sending') return { action: 'wait' };
    if (now.getTime() - Date.parse(last.at) > REMINDER_RESEND_WINDOW_MS)
      return { action: 'give-up', day: last.day };
    const streak = user ? settleStreak(user.streak, last.day).current : 0;
    return {
      action: 'send',
      day: last.day,
      streak,
      nonce: last.nonce ?? reminderNonce(reminder.userId, last.day),
    };
  }
  if (now.getTime() < localTimeToInstant(today, time.hour, time.minute, reminder.timeZone).getTime()) {
    return { action: 'wait' };
  }
  if (user?.streak.lastDay === today) return { action: 'skip', day: today, reason: 'practised' };
  const streak = user ? settleStreak(user.streak, today).current : 0;
  if (streak < REMINDER_MIN_STREAK) return { action: 'skip', day: today, reason: 'no-streak' };
  return { action: 'send', day: today, streak, nonce: reminderNonce(reminder.userId, today) };
}

/** Deterministic Discord nonce of one member's reminder of one day (25 characters, never all digits). */
export function reminderNonce(userId: string, day: string): string {
  return `r${createHash('sha256').update(`remind\u0000${userId}\u0000${day}`).digest('hex').slice(0, 24)}`;
}
