// Which question to put in front of a user next, for /question without an explicit id.
import type { Mastery } from './mastery.js';
import type { SrsCard } from './srs.js';
import type { Difficulty, Question, QuestionKind } from './types.js';

export interface QuestionProgress {
  card: SrsCard;
  /** ISO 8601 instant. */
  lastAnsweredAt: string;
}

export interface PickParams {
  questions: readonly Question[];
  /** By question id; a question without an entry has never been graded by this user. */
  progress: Readonly<Record<string, QuestionProgress>>;
  /** By topic slug. */
  mastery: Readonly<Record<string, Mastery>>;
  /** The question just shown, so "next" never repeats it while there is anything else to ask. */
  lastQuestionId?: string;
  topic?: string;
  difficulty?: Difficulty;
  kind?: QuestionKind;
  now: Date;
  /** Uniform in [0, 1), like Math.random; injected so selection is reproducible in tests. */
  random: () => number;
}

/**
 * Weakness (1 - score) assumed for a topic never practised: ahead of fair topics, so new ground
 * gets covered, but behind the ones the user has actually shown they struggle with.
 */
export const UNSEEN_TOPIC_WEAKNESS = 0.6;
/** Added to every weight so strong topics still come up now and then rather than never. */
export const BASE_WEIGHT = 0.1;

/**
 * Order of preference: reviews that are due (most overdue first, as FSRS intends), then questions
 * never seen (favouring weak topics), then the review coming up soonest, so there is always
 * something to practise.
 */
export function pickNextQuestion(p: PickParams): Question | undefined {
  const matching = p.questions.filter(
    (q) =>
      (p.topic === undefined || q.topics.includes(p.topic)) &&
      (p.difficulty === undefined || q.difficulty === p.difficulty) &&
      (p.kind === undefined || q.kind === p.kind),
  );
  const others = matching.filter((q) => q.id !== p.lastQuestionId);
  const candidates = others.length > 0 ? others : matching;

  // Runs on every /question: each due date is parsed once (parsing was most of the cost).
  const nowMs = checkedTime(p.now);
  const seen: { q: Question; due: number }[] = [];
  const unseen: Question[] = [];
  for (const q of candidates) {
    const progress = p.progress[q.id];
    if (progress) seen.push({ q, due: Date.parse(progress.card.due) });
    else unseen.push(q);
  }
  const byDue = (a: { due: number }, b: { due: number }) => a.due - b.due;
  const due = seen.filter((s) => s.due <= nowMs).sort(byDue);
  if (due[0]) return due[0].q;

  if (unseen.length > 0) return weightedChoice(unseen, (q) => weight(q, p.mastery), p.random);

  return seen.sort(byDue)[0]?.q;
}

function checkedTime(now: Date): number {
  const ms = now.getTime();
  if (Number.isNaN(ms)) throw new RangeError('now is not a valid date');
  return ms;
}

/** A question is as urgent as the weakest of its topics. */
function weight(q: Question, mastery: PickParams['mastery']): number {
  const weaknesses = q.topics.map((t) => {
    const m = mastery[t];
    return m === undefined || m.attempts === 0 ? UNSEEN_TOPIC_WEAKNESS : 1 - m.score;
  });
  return BASE_WEIGHT + Math.max(0, ...weaknesses);
}

function weightedChoice<T>(items: readonly T[], weightOf: (item: T) => number, random: () => number): T {
  const weights = items.map(weightOf);
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (const [i, item] of items.entries()) {
    r -= weights[i] ?? 0;
    if (r < 0) return item;
  }
  // Only reached when random() returns 1 or rounding leaves a sliver: the last item owns it.
  return items[items.length - 1] as T;
}
