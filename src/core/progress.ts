// Pure reducers over a user's stored record: what storing an answer and grading it change.
// The service applies them under the user's lock; tests call them directly.
import {
  AWARD_KEEP_DAYS,
  type NoPointsReason,
  noPointsReason,
  pruneByDay,
  REVEAL_KEEP_DAYS,
} from './awards.ts';
import { updateMastery } from './mastery.ts';
import type { UserRecord } from './model.ts';
import { pointsFor } from './points.ts';
import { newCard, reviewCard, type SrsCard } from './srs.ts';
import { emptyStreak, recordPracticeDay } from './streak.ts';
import { addDays } from './time.ts';
import type { Grade, Question } from './types.ts';

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
    v: 2,
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
  const days = user.revealed[questionId] ?? [];
  if (days.includes(day)) return user;
  return {
    ...user,
    revealed: pruneByDay({ ...user.revealed, [questionId]: [...days, day] }, (d) => d, day, REVEAL_KEEP_DAYS),
  };
}

export function applyGrade(
  user: UserRecord,
  p: {
    answerId: string;
    question: Question;
    grade: Grade;
    answer: { day: string; at: string; daily: boolean; tz?: string };
    now: Date;
    /** The server's day at `now`, and its timezone. */
    today: string;
    timeZone: string;
    periods: PeriodKeys;
  },
): { user: UserRecord; points: number; noPoints?: NoPointsReason } {
  const qid = p.question.id;
  const noPoints = noPointsReason({
    answer: p.answer,
    awards: user.awarded[qid],
    revealedDays: user.revealed[qid],
    today: p.today,
    timeZone: p.timeZone,
  });
  const points = noPoints ? 0 : pointsFor(p.grade, { dailyBonus: p.answer.daily });
  const awarded =
    points > 0
      ? {
          ...user.awarded,
          [qid]: [
            ...(user.awarded[qid] ?? []),
            { day: p.answer.day, at: p.answer.at, tz: p.answer.tz ?? p.timeZone },
          ],
        }
      : user.awarded;
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
    awarded: pruneByDay(awarded, (a) => a.day, p.today, AWARD_KEEP_DAYS),
    revealed: pruneByDay(user.revealed, (d) => d, p.today, REVEAL_KEEP_DAYS),
    graded,
    gradeLog: Object.fromEntries(
      graded
        .map((id) => [id, id === p.answerId ? { grade: p.grade, points } : user.gradeLog[id]] as const)
        .filter((entry): entry is [string, { grade: Grade; points: number }] => entry[1] !== undefined),
    ),
  };
  return { user: next, points, noPoints };
}

/**
 * Points for running a peer mock interview (core/peer.ts decides when they are due): added to the
 * totals of all time, the week and the month; answers, streak and reviews are untouched.
 */
export function applyInterviewPoints(
  user: UserRecord,
  p: { points: number; displayName: string; periods: PeriodKeys },
): UserRecord {
  const { week, month } = rollPeriods(user, p.periods);
  return {
    ...user,
    displayName: p.displayName,
    points: user.points + p.points,
    week: { ...week, points: week.points + p.points },
    month: { ...month, points: month.points + p.points },
  };
}
