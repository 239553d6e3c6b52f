// An interview's question set (the interviewer's kit): topic and level, rubric questions first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hasRubric,
  LEVEL_NAMES,
  MINUTES_BY_KIND,
  pickInterviewSet,
  shuffle,
} from '../../src/core/interview.ts';
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

test('given the level names and minutes a question of each kind deserves, then they read as the kit shows them', () => {
  assert.deepEqual(LEVEL_NAMES, {
    junior: 'Junior (easy and medium)',
    mid: 'Mid-level (every difficulty)',
    senior: 'Senior (medium and hard)',
  });
  assert.deepEqual(MINUTES_BY_KIND, { concept: 5, behavioural: 6, coding: 15, 'case-study': 20 });
});

test('given a mid-level kit without a topic, then every difficulty and topic can be in it', () => {
  const bank = [
    q('e', 'easy', false, ['data']),
    q('m', 'medium', false, ['formats']),
    q('h', 'hard', false, ['ethics']),
  ];
  const set = pickInterviewSet({ questions: bank, level: 'mid', count: 3, random: seeded(1) });
  assert.deepEqual(
    set.map((x) => x.id),
    ['e', 'm', 'h'],
  );
  const open = pickInterviewSet({ questions: bank, count: 3, random: seeded(1) });
  assert.equal(open.length, 3, 'no level: every difficulty');
});

test('given a question with only red flags or only follow-ups, then it has a rubric; one with neither has none', () => {
  const base = q('x', 'easy', false);
  assert.equal(hasRubric(base), false);
  assert.equal(hasRubric({ ...base, redFlags: ['Ignores leakage'] }), true);
  assert.equal(hasRubric({ ...base, followUps: ['And then?'] }), true);
  assert.equal(hasRubric({ ...base, followUps: [], redFlags: [] }), false);
});

test('given a shuffle of many items with a uniform random, then every order position is reachable and each item appears exactly once (Fisher–Yates against counts)', () => {
  const items = ['a', 'b', 'c', 'd'];
  const firsts = new Map<string, number>();
  const lasts = new Map<string, number>();
  const random = seeded(7);
  for (let i = 0; i < 4000; i++) {
    const out = shuffle(items, random);
    assert.deepEqual([...out].sort(), items);
    firsts.set(out[0] as string, (firsts.get(out[0] as string) ?? 0) + 1);
    lasts.set(out[3] as string, (lasts.get(out[3] as string) ?? 0) + 1);
  }
  for (const item of items) {
    // Each item first (and last) about a quarter of the time: 1,000 ± 150 of 4,000.
    assert.ok(Math.abs((firsts.get(item) ?? 0) - 1000) < 150, `${item} first ${firsts.get(item)} times`);
    assert.ok(Math.abs((lasts.get(item) ?? 0) - 1000) < 150, `${item} last ${lasts.get(item)} times`);
  }
  // By hand: with random() = 0 every step swaps with the first; with 0.999 nothing moves.
  assert.deepEqual(
    shuffle(items, () => 0),
    ['b', 'c', 'd', 'a'],
  );
  assert.deepEqual(
    shuffle(items, () => 0.999),
    ['a', 'b', 'c', 'd'],
  );
});
