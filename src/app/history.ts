import { type HistoryFilter, type HistoryPage, historyPage, newestFirst } from '../core/history.ts';
import type { AnswerRecord } from '../core/model.ts';
import type { Store } from '../store/ports.ts';

/**
 * A member's own past answers in a scope. Every call is for the caller's own id: an answer id
 * from a button only selects among the caller's answers, so nobody else's can be shown.
 */
export class HistoryService {
  constructor(private readonly store: Store) {}

  async page(scopeId: string, userId: string, filter: HistoryFilter, page: number): Promise<HistoryPage> {
    return historyPage(await this.store.answers.listOf(scopeId, userId), filter, page);
  }

  answer(scopeId: string, userId: string, answerId: string): Promise<AnswerRecord | undefined> {
    return this.store.answers.get(scopeId, userId, answerId);
  }

  /** Every answer, newest first (the export). */
  async all(scopeId: string, userId: string): Promise<AnswerRecord[]> {
    return newestFirst(await this.store.answers.listOf(scopeId, userId));
  }
}
