// A member's answer history: filtering and paging, newest first (pure).
import type { AnswerRecord } from './model.ts';
import { paginate } from './paging.ts';
import type { Grade } from './types.ts';

export type GradeFilter = Grade | 'ungraded';

export interface HistoryFilter {
  questionId?: string | undefined;
  grade?: GradeFilter | undefined;
}

export const HISTORY_PAGE_SIZE = 5;

export interface HistoryPage {
  entries: AnswerRecord[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** Answers matching the filter. */
  total: number;
}

/** Newest first: by the moment answered, then by id (ids are time-ordered). */
export function newestFirst(answers: readonly AnswerRecord[]): AnswerRecord[] {
  return [...answers].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1,
  );
}

export function matchesFilter(answer: AnswerRecord, filter: HistoryFilter): boolean {
  if (filter.questionId !== undefined && answer.questionId !== filter.questionId) return false;
  if (filter.grade === undefined) return true;
  return filter.grade === 'ungraded' ? answer.grade === undefined : answer.grade === filter.grade;
}

export function historyPage(
  answers: readonly AnswerRecord[],
  filter: HistoryFilter,
  page: number,
  size = HISTORY_PAGE_SIZE,
): HistoryPage {
  return paginate(
    newestFirst(answers).filter((a) => matchesFilter(a, filter)),
    page,
    size,
  );
}
