// What an interview is made of, shared by the interviewer's kit and mock interviews: levels, the
// time a question of each kind deserves, and a set of questions for one sitting. Pure.
import type { Difficulty, Question, QuestionKind } from './types.ts';

export const LEVELS = ['junior', 'mid', 'senior'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = {
  junior: 'Junior (easy and medium)',
  mid: 'Mid-level (every difficulty)',
  senior: 'Senior (medium and hard)',
};
const LEVEL_DIFFICULTIES: Record<Level, readonly Difficulty[]> = {
  junior: ['easy', 'medium'],
  mid: ['easy', 'medium', 'hard'],
  senior: ['medium', 'hard'],
};

/** Minutes an interviewer would give a question of each kind: a case study is a whole round. */
export const MINUTES_BY_KIND: Record<QuestionKind, number> = {
  concept: 5,
  behavioural: 6,
  coding: 15,
  'case-study': 20,
};

const DIFFICULTY_ORDER: Record<Difficulty, number> = { easy: 0, medium: 1, hard: 2 };

export function hasRubric(q: Question): boolean {
  return (q.followUps?.length ?? 0) > 0 || (q.redFlags?.length ?? 0) > 0;
}

/**
 * A set of `count` questions for one interview: of the topic and level, those with follow-ups and
 * red flags first, no two alike (distinct ids), easiest first so the interview warms up. Fewer
 * when the bank has fewer.
 */
export function pickInterviewSet(p: {
  questions: readonly Question[];
  topic?: string | undefined;
  level?: Level | undefined;
  count: number;
  random: () => number;
}): Question[] {
  const difficulties = p.level ? LEVEL_DIFFICULTIES[p.level] : undefined;
  const matching = p.questions.filter(
    (q) =>
      (p.topic === undefined || q.topics.includes(p.topic)) &&
      (difficulties === undefined || difficulties.includes(q.difficulty)),
  );
  const shuffled = shuffle(matching, p.random);
  const preferred = [...shuffled.filter(hasRubric), ...shuffled.filter((q) => !hasRubric(q))];
  return preferred
    .slice(0, Math.max(0, p.count))
    .sort((a, b) => DIFFICULTY_ORDER[a.difficulty] - DIFFICULTY_ORDER[b.difficulty]);
}

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
