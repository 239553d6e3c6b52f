// Runs the bot's key-point matcher over the labelled set, against the bank's current key points.
import { matchKeyPoints } from '../../src/core/keypoints.ts';
import type { Question } from '../../src/core/types.ts';
import type { Verdict } from './score.ts';
import type { LabelledAnswer } from './set.ts';

export function evaluate(questions: readonly Question[], answers: readonly LabelledAnswer[]): Verdict[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return answers.map((answer) => {
    const question = byId.get(answer.questionId);
    if (!question) throw new Error(`${answer.at}: no question "${answer.questionId}" in the bank`);
    const outside = answer.covers.find((i) => i >= question.keyPoints.length);
    if (outside !== undefined) {
      throw new Error(
        `${answer.at}: key point ${outside + 1} is labelled, but "${question.id}" has ${question.keyPoints.length}`,
      );
    }
    const match = matchKeyPoints(answer.text, question.keyPoints);
    return {
      answer,
      evidence: match.evidence,
      keyPointTexts: question.keyPoints.map((k) => `${k.text} [${k.synonyms.join('; ')}]`),
      topic: question.topics[0] ?? '?',
      keyPoints: question.keyPoints.length,
      credited: match.covered,
    };
  });
}
