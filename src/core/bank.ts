import { createHash } from 'node:crypto';
import type { Bank, Question } from './types.ts';

/** A server question's id: `srv.` and a slug; the dot keeps it apart from every shared-bank id. */
export const SERVER_ID_PREFIX = 'srv.';
export const serverQuestionId = (slug: string) => `${SERVER_ID_PREFIX}${slug}`;
export const isServerQuestionId = (id: string) => id.startsWith(SERVER_ID_PREFIX);
export const slugOf = (id: string) => (isServerQuestionId(id) ? id.slice(SERVER_ID_PREFIX.length) : id);

/**
 * A question by id for what already exists (an answer, a posted question of the day, a button on
 * an older message): the bank's, or one a reload removed. New picks come from `bank.questions` /
 * `bank.byId` only, so a removed question is never scheduled again.
 */
export function findQuestion(bank: Bank, id: string): Question | undefined {
  return bank.byId.get(id) ?? bank.retired?.get(id);
}

/**
 * A short hash of what a question says (not where it sits in the bank): a reload compares it to
 * count changed questions, a problem report keeps it to tell whether the question changed since.
 */
export function questionVersion(q: Question): string {
  return createHash('sha256')
    .update(JSON.stringify([q.title, q.topics, q.difficulty, q.keyPoints, q.answer]))
    .digest('hex')
    .slice(0, 10);
}
