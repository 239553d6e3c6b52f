// Pure reducers over a user's stored record: what storing an answer and grading it change.
// The service applies them under the user's lock; tests call them directly.
import { addDays } from '../core/days.ts';
import { updateMastery } from '../core/mastery.ts';
import { pointsFor } from '../core/points.ts';
import { newCard, reviewCard, type SrsCard } from '../core/srs.ts';
import { emptyStreak, recordPracticeDay } from '../core/streak.ts';
import type { Grade, Question } from '../core/types.ts';
import type { UserRecord } from '../store/records.ts';

/** How long per-day maps are kept: the heatmap shows 12 weeks; a margin keeps month totals right. */
const KEEP_DAYS = 140;
/** Grade idempotency ids kept; older answers are also protected by the answer record's own grade. */
const KEEP_GRADED = 200;
/**
 * Answer ids kept in the user record (the most recent). Every answer has its own record, found by
 * key prefix, so an id dropped here loses nothing; unbounded, the list grew the record (rewritten and
 * checked whole on every answer and grade) by ~30 bytes per answer for ever.
 */
export const KEEP_ANSWER_IDS = 200;

export interface PeriodKeys {
  week: string;
  month: string;
}

export function emptyUser(
  guildId: string,
  userId: string,
  displayName: string,
  periods: PeriodKeys,
): UserRecord {
  return {
    v: 1,
    guildId,
    userId,
    displayName,
    points: 0,
    answers: 0,
    streak: emptyStreak(),
    mastery: {},
    progress: {},
    awarded: {},
    revealed: {},
    days: {},
    week: { key: periods.week, points: 0, answers: 0 },
    month: { key: periods.month, points: 0, answers: 0 },
    answerIds: [],
    graded: [],
    gradeLog: {},
  };
}

/** Totals of a period restart when the period key moves on (a new week or month). */
function rollPeriods(user: UserRecord, periods: PeriodKeys): Pick<UserRecord, 'week' | 'month'> {
  return {
    week: user.week.key === periods.week ? user.week : { key: periods.week, points: 0, answers: 0 },
    month: user.month.key === periods.month ? user.month : { key: periods.month, points: 0, answers: 0 },
  };
}

function pruneDays<T>(map: Record<string, T>, today: string, keep: number): Record<string, T> {
  const oldest = addDays(today, -keep);
  return Object.fromEntries(Object.entries(map).filter(([day]) => day >= oldest));
}

export function applyAnswer(
  user: UserRecord,
  p: { answerId: string; questionId: string; day: string; displayName: string; periods: PeriodKeys },
): UserRecord {
  const { week, month } = rollPeriods(user, p.periods);
  return {
    ...user,
    displayName: p.displayName,
    answers: user.answers + 1,
    streak: recordPracticeDay(user.streak, p.day),
    days: pruneDays({ ...user.days, [p.day]: (user.days[p.day] ?? 0) + 1 }, p.day, KEEP_DAYS),
    week: { ...week, answers: week.answers + 1 },
    month: { ...month, answers: month.answers + 1 },
    lastQuestionId: p.questionId,
    answerIds: [...user.answerIds, p.answerId].slice(-KEEP_ANSWER_IDS),
  };
}

export function applyReveal(user: UserRecord, questionId: string, day: string): UserRecord {
  return { ...user, revealed: pruneDays({ ...user.revealed, [questionId]: day }, day, 2) };
}

/** Points are earned once per question per day, and not after the model answer was revealed first. */
export function earnsPoints(user: UserRecord, questionId: string, answerDay: string): boolean {
  return user.awarded[questionId] !== answerDay && user.revealed[questionId] !== answerDay;
}

export function applyGrade(
  user: UserRecord,
  p: {
    answerId: string;
    question: Question;
    grade: Grade;
    answerDay: string;
    daily: boolean;
    now: Date;
    periods: PeriodKeys;
  },
): { user: UserRecord; points: number } {
  const points = earnsPoints(user, p.question.id, p.answerDay)
    ? pointsFor(p.grade, { dailyBonus: p.daily })
    : 0;
  const previous: SrsCard = user.progress[p.question.id]?.card ?? newCard(p.now);
  const mastery = { ...user.mastery };
  for (const topic of p.question.topics) mastery[topic] = updateMastery(mastery[topic], p.grade);
  const { week, month } = rollPeriods(user, p.periods);
  const graded = [...user.graded, p.answerId].slice(-KEEP_GRADED);
  const next: UserRecord = {
    ...user,
    points: user.points + points,
    week: { ...week, points: week.points + points },
    month: { ...month, points: month.points + points },
    mastery,
    progress: {
      ...user.progress,
      [p.question.id]: {
        card: reviewCard(previous, p.grade, p.now),
        lastAnsweredAt: p.now.toISOString(),
        lastGrade: p.grade,
      },
    },
    awarded:
      points > 0
        ? pruneDays({ ...user.awarded, [p.question.id]: p.answerDay }, p.answerDay, 2)
        : user.awarded,
    graded,
    gradeLog: Object.fromEntries(
      graded
        .map((id) => [id, id === p.answerId ? { grade: p.grade, points } : user.gradeLog[id]] as const)
        .filter((entry): entry is [string, { grade: Grade; points: number }] => entry[1] !== undefined),
    ),
  };
  return { user: next, points };
}
