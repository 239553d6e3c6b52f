// A mock interview's status and scorecard (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentStep, MOCK_EXPIRY_MS, mockStatus, scorecard, timeUsedMs } from '../../src/core/mock.ts';
import type { MockRecord } from '../../src/core/model.ts';
import type { Question } from '../../src/core/types.ts';

const q = (id: string, topics: string[]): Question => ({
  id,
  title: id,
  topics,
  difficulty: 'easy',
  kind: 'concept',
  keyPoints: [],
  answer: '',
  source: { file: 'q.md', line: 1 },
});
const QUESTIONS = new Map([
  ['a', q('a', ['data'])],
  ['b', q('b', ['evaluation', 'data'])],
  ['c', q('c', ['formats'])],
]);

const mock = (over: Partial<MockRecord> = {}): MockRecord => ({
  v: 1,
  id: 'm1',
  guildId: 'g',
  userId: 'u',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  steps: [
    {
      questionId: 'a',
      budgetMinutes: 5,
      shownAt: '2026-11-20T10:00:00.000Z',
      answerId: 'x1',
      answeredAt: '2026-11-20T10:07:30.000Z',
      covered: 2,
      keyPoints: 6,
      grade: 'missed',
      points: 1,
    },
    {
      questionId: 'b',
      budgetMinutes: 5,
      shownAt: '2026-11-20T10:08:00.000Z',
      answerId: 'x2',
      answeredAt: '2026-11-20T10:11:00.000Z',
      covered: 5,
      keyPoints: 5,
      grade: 'nailed',
      points: 3,
    },
    { questionId: 'c', budgetMinutes: 15 },
  ],
  ...over,
});

test('given a mock with two of three questions answered, then its current step is the third and it is running', () => {
  const m = mock();
  assert.equal(currentStep(m), 2);
  assert.equal(mockStatus(m, new Date('2026-11-20T12:00:00Z')), 'running');
});

test('given a running mock untouched for more than a day, then it has expired; an ended one stays finished', () => {
  const later = new Date(Date.parse('2026-11-20T10:00:00.000Z') + MOCK_EXPIRY_MS + 1);
  assert.equal(mockStatus(mock(), later), 'expired');
  assert.equal(mockStatus(mock({ endedAt: '2026-11-20T10:11:00.000Z' }), later), 'finished');
});

test('given the scorecard, then it totals the answered questions, shows overtime, and names the weakest topic and the question to review', () => {
  const card = scorecard(mock(), (id) => QUESTIONS.get(id));
  assert.equal(card.answered, 2);
  assert.equal(card.covered, 7);
  assert.equal(card.keyPoints, 11);
  assert.equal(card.usedMs, 7.5 * 60_000 + 3 * 60_000);
  assert.equal(card.budgetMs, 10 * 60_000);
  assert.equal(card.points, 4);
  assert.equal(card.rows[0]?.overtimeMs, 2.5 * 60_000);
  assert.equal(card.rows[1]?.overtimeMs, 0);
  assert.equal(card.rows[2]?.score, undefined);
  // data: (missed 0 + nailed 1) / 2 = 0.5; evaluation: 1 (not weak); formats: not answered.
  assert.deepEqual(card.weakTopics, [{ topic: 'data', score: 0.5 }]);
  assert.deepEqual(card.reviewFirst, ['a']);
});

test('given an ungraded answer, then its score is the share of key points it covered', () => {
  const m = mock();
  const ungraded = { ...m, steps: [{ ...m.steps[0]!, grade: undefined, points: undefined }] };
  assert.equal(scorecard(ungraded, (id) => QUESTIONS.get(id)).rows[0]?.score, 2 / 6);
});

test('given a mock untouched for exactly a day, then it still runs; a question shown but not answered has no time used', () => {
  const m = mock({ steps: [{ questionId: 'a', budgetMinutes: 5, shownAt: '2026-11-20T10:00:00.000Z' }] });
  assert.equal(mockStatus(m, new Date(Date.parse(m.updatedAt) + MOCK_EXPIRY_MS)), 'running');
  assert.equal(
    timeUsedMs({ questionId: 'a', budgetMinutes: 5, shownAt: '2026-11-20T10:00:00.000Z' }),
    undefined,
  );
  assert.equal(
    timeUsedMs({ questionId: 'a', budgetMinutes: 5, answeredAt: '2026-11-20T10:00:00.000Z' }),
    undefined,
  );
  assert.equal(scorecard(m, (id) => QUESTIONS.get(id)).rows[0]?.overtimeMs, 0);
});

test('given five weak answers over four topics, when the scorecard is made, then at most three weak topics come weakest first (ties by name) and at most three questions to review, lowest first', () => {
  const step = (questionId: string, covered: number) => ({
    questionId,
    budgetMinutes: 5,
    shownAt: '2026-11-20T10:00:00.000Z',
    answerId: `x-${questionId}`,
    answeredAt: '2026-11-20T10:01:00.000Z',
    covered,
    keyPoints: 10,
  });
  const topics = new Map([
    ['q1', q('q1', ['zeta'])],
    ['q2', q('q2', ['alpha'])],
    ['q3', q('q3', ['beta'])],
    ['q4', q('q4', ['gamma'])],
    ['q5', q('q5', ['delta'])],
    ['q6', q('q6', ['strong'])],
  ]);
  const card = scorecard(
    mock({
      steps: [
        step('q1', 2),
        step('q2', 2),
        step('q3', 5),
        step('q4', 1),
        step('q5', 7),
        step('q6', 8),
        step('gone', 0),
      ],
    }),
    (id) => topics.get(id),
  );
  assert.deepEqual(card.weakTopics, [
    { topic: 'gamma', score: 0.1 },
    { topic: 'alpha', score: 0.2 },
    { topic: 'zeta', score: 0.2 },
  ]);
  assert.deepEqual(card.reviewFirst, ['gone', 'q4', 'q1']);
  assert.equal(card.answered, 7);
  assert.ok(!card.weakTopics.some((t) => t.topic === 'strong'), '0.8 is not weak');
});

test('given a step scored exactly at the weak line, then it is neither a weak topic nor a question to review', () => {
  const card = scorecard(
    mock({
      steps: [
        {
          questionId: 'c',
          budgetMinutes: 5,
          shownAt: '2026-11-20T10:00:00.000Z',
          answerId: 'x',
          answeredAt: '2026-11-20T10:01:00.000Z',
          covered: 3,
          keyPoints: 4,
        },
      ],
    }),
    (id) => QUESTIONS.get(id),
  );
  assert.deepEqual(card.weakTopics, []);
  assert.deepEqual(card.reviewFirst, []);
});
