import { masteryLabel } from './mastery.ts';
import type { Streak, UserRecord } from './model.ts';
import { settleStreak } from './streak.ts';
import { localDay } from './time.ts';

/** What /stats shows of a member, computed for `now` in the server's zone. */
export interface StatsSummary {
  timeZone: string;
  today: string;
  streak: Streak;
  answers: number;
  points: number;
  monthPoints: number;
  nextReview?: { questionId: string; due: Date } | undefined;
  /** Weakest first. */
  mastery: { topic: string; label: string; score: number; attempts: number }[];
  days: Readonly<Record<string, number>>;
}

export function statsSummary(user: UserRecord, now: Date, timeZone: string): StatsSummary {
  const today = localDay(now, timeZone);
  const next = Object.entries(user.progress)
    .map(([questionId, p]) => ({ questionId, due: Date.parse(p.card.due) }))
    .sort((a, b) => a.due - b.due)[0];
  return {
    timeZone,
    today,
    streak: settleStreak(user.streak, today),
    answers: user.answers,
    points: user.points,
    monthPoints: user.month.key === today.slice(0, 7) ? user.month.points : 0,
    nextReview: next ? { questionId: next.questionId, due: new Date(next.due) } : undefined,
    mastery: Object.entries(user.mastery)
      .sort((a, b) => a[1].score - b[1].score)
      .map(([topic, m]) => ({ topic, label: masteryLabel(m), score: m.score, attempts: m.attempts })),
    days: user.days,
  };
}
