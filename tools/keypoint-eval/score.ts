// Scores a matcher against the labelled set. Pure: takes the answers, the bank's key points and the
// matcher's verdicts, returns the figures `npm run eval:keypoints` prints.
import type { AnswerKind, LabelledAnswer } from './set.ts';

export interface Verdict {
  answer: LabelledAnswer;
  topic: string;
  keyPoints: number;
  credited: number[];
  evidence: { point: number; quote: string }[];
  keyPointTexts: string[];
}

export interface Figures {
  answers: number;
  /** Labelled points the matcher credited, on strong answers. */
  strongRecall: number;
  /** Credited points that are labelled as covered, over every answer. */
  precision: number;
  /** False credits on buzzword and wrong answers, as a share of every point credited on the set. */
  falseCreditShare: number;
  /** Points credited without the label supporting them, per answer of each kind. */
  falseCreditsPerAnswer: Record<AnswerKind, number>;
  falseCredits: number;
  credited: number;
}

export function score(verdicts: readonly Verdict[]): Figures {
  let truePositives = 0;
  let credited = 0;
  let strongLabelled = 0;
  let strongFound = 0;
  let falseCredits = 0;
  const perKind: Record<AnswerKind, { answers: number; falseCredits: number }> = {
    strong: { answers: 0, falseCredits: 0 },
    partial: { answers: 0, falseCredits: 0 },
    buzzword: { answers: 0, falseCredits: 0 },
    wrong: { answers: 0, falseCredits: 0 },
  };
  for (const { answer, credited: found } of verdicts) {
    const truth = new Set(answer.covers);
    const right = found.filter((i) => truth.has(i)).length;
    const wrong = found.length - right;
    truePositives += right;
    credited += found.length;
    perKind[answer.kind].answers += 1;
    perKind[answer.kind].falseCredits += wrong;
    if (answer.kind === 'strong') {
      strongLabelled += truth.size;
      strongFound += right;
    }
    if (answer.kind === 'buzzword' || answer.kind === 'wrong') falseCredits += wrong;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perAnswer = (k: AnswerKind) => ratio(perKind[k].falseCredits, perKind[k].answers);
  return {
    answers: verdicts.length,
    strongRecall: ratio(strongFound, strongLabelled),
    precision: ratio(truePositives, credited),
    falseCreditShare: ratio(falseCredits, credited),
    falseCreditsPerAnswer: {
      strong: perAnswer('strong'),
      partial: perAnswer('partial'),
      buzzword: perAnswer('buzzword'),
      wrong: perAnswer('wrong'),
    },
    falseCredits,
    credited,
  };
}
