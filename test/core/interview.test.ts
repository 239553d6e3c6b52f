// An interview's question set (the interviewer's kit): topic and level, rubric questions first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickInterviewSet } from '../../src/core/interview.ts';
import type { Difficulty, Question } from '../../src/core/types.ts';
import { seeded } from '../../tools/fixtures/random.ts';

const q = (id: string, difficulty: Difficulty, rubric: boolean, topics = ['data']): Question => ({
  id,
  title: id,
  topics,
  difficulty,
  kind: 'concept',
  keyPoints: [],
  answer: '',
  ...(rubric ? { followUps: ['What would you ask next?'] } : {}),
  source: { file: 'q.md', line: 1 },
});

const BANK = [
  q('e1', 'easy', false),
  q('e2', 'easy', true),
  q('m1', 'medium', false),
  q('m2', 'medium', true),
  q('h1', 'hard', true),
  q('h2', 'hard', false),
  q('x1', 'hard', true, ['formats']),
];

test('given a senior kit of 2 in data, then it has the medium and hard questions with a rubric, easiest first', () => {
  const set = pickInterviewSet({
    questions: BANK,
    topic: 'data',
    level: 'senior',
    count: 2,
    random: seeded(1),
  });
  assert.deepEqual(
    set.map((s) => s.id),
    ['m2', 'h1'],
  );
});

test('given a junior kit larger than the rubric questions, then the others fill it, never a hard one, never twice', () => {
  const set = pickInterviewSet({
    questions: BANK,
    topic: 'data',
    level: 'junior',
    count: 10,
    random: seeded(2),
  });
  assert.deepEqual(set.map((s) => s.id).sort(), ['e1', 'e2', 'm1', 'm2']);
  assert.deepEqual(
    set.map((s) => s.difficulty),
    ['easy', 'easy', 'medium', 'medium'],
  );
});
