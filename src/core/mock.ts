// Mock interviews: where a mock stands and what its scorecard says. Pure: the service stores the
// record (core/model.ts MockRecord) after every step.
import type { MockRecord, MockStep } from './model.ts';
import type { Grade, Question } from './types.ts';

export const MOCK_MIN_QUESTIONS = 3;
export const MOCK_MAX_QUESTIONS = 8;
export const MOCK_DEFAULT_QUESTIONS = 5;
export const MOCK_MAX_MINUTES = 30;
/** A running mock untouched this long is abandoned: it cannot be continued, only read. */
export const MOCK_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type MockStatus = 'running' | 'finished' | 'expired';

export function mockStatus(mock: MockRecord, now: Date): MockStatus {
  if (mock.endedAt !== undefined) return 'finished';
  return now.getTime() - Date.parse(mock.updatedAt) > MOCK_EXPIRY_MS ? 'expired' : 'running';
}

/** The step the candidate is on: the first one not answered (-1: every one is). */
export function currentStep(mock: MockRecord): number {
  return mock.steps.findIndex((s) => s.answerId === undefined);
}

/** Milliseconds from showing a question to its answer (undefined before both happened). */
export function timeUsedMs(step: MockStep): number | undefined {
  if (step.shownAt === undefined || step.answeredAt === undefined) return undefined;
  return Math.max(0, Date.parse(step.answeredAt) - Date.parse(step.shownAt));
}

const GRADE_SCORE: Record<Grade, number> = { nailed: 1, partly: 0.5, missed: 0 };

/**
 * How well a step went, 0..1: the self-grade when given (the candidate compared with the model
 * answer), else the share of key points covered; undefined when not answered.
 */
export function stepScore(step: MockStep): number | undefined {
  if (step.answerId === undefined) return undefined;
  if (step.grade !== undefined) return GRADE_SCORE[step.grade];
  return step.keyPoints ? (step.covered ?? 0) / step.keyPoints : 0;
}

/** Below this a step's topic counts as weak and its question is one to review. */
export const WEAK_SCORE = 0.75;

export interface ScorecardRow {
  step: MockStep;
  question: Question | undefined;
  usedMs: number | undefined;
  budgetMs: number;
  /** Over the budget, in ms (0 when within it or not answered). */
  overtimeMs: number;
  score: number | undefined;
}

export interface Scorecard {
  rows: ScorecardRow[];
  answered: number;
  covered: number;
  keyPoints: number;
  usedMs: number;
  budgetMs: number;
  points: number;
  /** Topics of the answered questions, weakest first, only those below WEAK_SCORE (at most 3). */
  weakTopics: { topic: string; score: number }[];
  /** Question ids to practise again first: the lowest scores below WEAK_SCORE (at most 3). */
  reviewFirst: string[];
}

export function scorecard(mock: MockRecord, find: (id: string) => Question | undefined): Scorecard {
  const rows = mock.steps.map((step): ScorecardRow => {
    const usedMs = timeUsedMs(step);
    const budgetMs = step.budgetMinutes * 60_000;
    return {
      step,
      question: find(step.questionId),
      usedMs,
      budgetMs,
      overtimeMs: usedMs === undefined ? 0 : Math.max(0, usedMs - budgetMs),
      score: stepScore(step),
    };
  });
  const answered = rows.filter((r) => r.score !== undefined);
  const byTopic = new Map<string, number[]>();
  for (const r of answered) {
    for (const topic of r.question?.topics ?? []) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), r.score ?? 0]);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const weakTopics = [...byTopic]
    .map(([topic, scores]) => ({ topic, score: mean(scores) }))
    .filter((t) => t.score < WEAK_SCORE)
    .sort((a, b) => a.score - b.score || (a.topic < b.topic ? -1 : 1))
    .slice(0, 3);
  const reviewFirst = answered
    .filter((r) => (r.score ?? 0) < WEAK_SCORE)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
    .slice(0, 3)
    .map((r) => r.step.questionId);
  return {
    rows,
    answered: answered.length,
    covered: answered.reduce((n, r) => n + (r.step.covered ?? 0), 0),
    keyPoints: answered.reduce((n, r) => n + (r.step.keyPoints ?? 0), 0),
    usedMs: answered.reduce((n, r) => n + (r.usedMs ?? 0), 0),
    budgetMs: answered.reduce((n, r) => n + r.budgetMs, 0),
    points: answered.reduce((n, r) => n + (r.step.points ?? 0), 0),
    weakTopics,
    reviewFirst,
  };
}
