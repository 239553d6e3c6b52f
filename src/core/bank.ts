import type { Bank, Question } from './types.ts';

/**
 * A question by id for what already exists (an answer, a posted question of the day, a button on
 * an older message): the bank's, or one a reload removed. New picks come from `bank.questions` /
 * `bank.byId` only, so a removed question is never scheduled again.
 */
export function findQuestion(bank: Bank, id: string): Question | undefined {
  return bank.byId.get(id) ?? bank.retired?.get(id);
}
