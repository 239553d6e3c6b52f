// Key-point lint for bank authors (`npm run bank:check`): points the matcher cannot credit fairly.
// Warnings, not problems: the bot serves the bank either way; `--strict` makes them fail the check.
import { answerMatcher } from '../core/keypoints.ts';
import type { Question } from '../core/types.ts';
import type { BankProblem } from './parse.ts';

/** A point that more than this many other questions' model answers earn is vocabulary, not substance. */
export const MAX_OTHER_ANSWERS = 3;
/** A one-word synonym found in at least this share of the model answers is a common word. */
export const COMMON_WORD_SHARE = 0.1;

export function lintKeyPoints(
  questions: readonly Question[],
  keyPointLines: ReadonlyMap<string, readonly number[]> = new Map(),
): BankProblem[] {
  const warnings: BankProblem[] = [];
  const at = (q: Question, i: number) => keyPointLines.get(q.id)?.[i] ?? q.source.line;
  const warn = (q: Question, i: number, message: string) =>
    warnings.push({
      file: q.source.file,
      line: at(q, i),
      message: `warning: key point ${i + 1}: ${message}`,
    });

  const matchers = questions.map((q) => answerMatcher(q.answer));
  const earnedBy = questions.map((q) => q.keyPoints.map(() => [] as string[]));
  questions.forEach((q, a) => {
    const match = matchers[a] as ReturnType<typeof answerMatcher>;
    questions.forEach((other, b) => {
      if (a === b) return;
      for (const i of match(other.keyPoints).covered) earnedBy[b]?.[i]?.push(q.id);
    });
  });

  const answerWords = questions.map((q) => new Set(words(q.answer)));
  questions.forEach((q, b) => {
    const own = (matchers[b] as ReturnType<typeof answerMatcher>)(q.keyPoints);
    for (const i of own.missed) {
      warn(
        q,
        i,
        'its own model answer does not earn it; reword the point, add a phrase the answer uses to "(also: …)", or say it in the answer',
      );
    }
    q.keyPoints.forEach((point, i) => {
      const others = earnedBy[b]?.[i] ?? [];
      // Case studies and coding tasks apply what the concept questions teach (to one scenario, in
      // code): another answer that states it states it. Their points get every other check.
      if (q.kind === 'concept' && others.length > MAX_OTHER_ANSWERS) {
        warn(
          q,
          i,
          `${others.length} other questions' model answers earn it (${others.slice(0, 3).join(', ')}, …); make it say what only this answer says, or add "(needs: …)"`,
        );
      }
      for (const synonym of point.synonyms) {
        const single = words(synonym);
        if (single.length !== 1 || isTerm(synonym)) continue;
        const word = single[0] as string;
        const share = answerWords.filter((w) => w.has(word)).length / questions.length;
        if (share >= COMMON_WORD_SHARE) {
          warn(
            q,
            i,
            `"(also: ${synonym})" is a common word (in ${Math.round(share * 100)}% of model answers); name the idea with a phrase`,
          );
        }
      }
    });
  });
  return warnings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Abbreviations, codes and names written with capitals or digits ("PPV", "T2w", "nnU-Net") are terms. */
function isTerm(synonym: string): boolean {
  return /[A-Z].*[A-Z]|\d/.test(synonym.trim());
}
