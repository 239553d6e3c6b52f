import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyAnswer, applyGrade, applyReveal, emptyUser, KEEP_ANSWER_IDS } from '../../src/app/progress.ts';
import type { Question } from '../../src/core/types.ts';

const periods = { week: '2026-W48', month: '2026-11' };
const question: Question = {
  id: 'dicom-basics',
  title: 'What is DICOM?',
  topics: ['formats', 'foundations'],
  difficulty: 'easy',
  keyPoints: [],
  answer: 'x',
  source: { file: 'q.md', line: 1 },
};
const now = new Date('2026-11-27T12:00:00Z');

function answered(day = '2026-11-27', answerId = 'a1') {
  return applyAnswer(emptyUser('g', 'u', 'Uma', periods), {
    answerId,
    questionId: question.id,
    day,
    displayName: 'Uma',
    periods,
  });
}

test('given an answer, then the count, the day, the streak and the period totals move', () => {
  const user = answered();
  assert.equal(user.answers, 1);
  assert.deepEqual(user.days, { '2026-11-27': 1 });
  assert.equal(user.streak.current, 1);
  assert.equal(user.week.answers, 1);
  assert.deepEqual(user.answerIds, ['a1']);
});

test('given more answers than the record keeps ids of, then it keeps the newest ids and still counts every answer', () => {
  let user = emptyUser('g', 'u', 'Uma', periods);
  const total = KEEP_ANSWER_IDS + 50;
  for (let i = 1; i <= total; i++) {
    user = applyAnswer(user, {
      answerId: `a${i}`,
      questionId: question.id,
      day: '2026-11-27',
      displayName: 'Uma',
      periods,
    });
  }
  assert.equal(user.answers, total);
  assert.equal(user.answerIds.length, KEEP_ANSWER_IDS);
  assert.equal(user.answerIds.at(-1), `a${total}`);
  assert.equal(user.answerIds[0], `a${total - KEEP_ANSWER_IDS + 1}`);
});

test('given a grade, then points follow 3/2/1 plus the daily bonus, once per question per day', () => {
  const base = { answerId: 'a1', question, answerDay: '2026-11-27', daily: false, now, periods };
  const nailed = applyGrade(answered(), { ...base, grade: 'nailed' });
  assert.equal(nailed.points, 3);
  assert.equal(nailed.user.points, 3);
  assert.equal(nailed.user.week.points, 3);
  assert.deepEqual(Object.keys(nailed.user.mastery).sort(), ['formats', 'foundations']);
  const again = applyGrade(nailed.user, { ...base, answerId: 'a2', grade: 'nailed' });
  assert.equal(again.points, 0, 'the same question the same day earns nothing more');
  assert.equal(applyGrade(answered(), { ...base, grade: 'partly' }).points, 2);
  assert.equal(applyGrade(answered(), { ...base, grade: 'missed', daily: true }).points, 3);
});

test('given the model answer was revealed first that day, then the grade earns nothing but still schedules a review', () => {
  const revealed = applyReveal(answered(), question.id, '2026-11-27');
  const { points, user } = applyGrade(revealed, {
    answerId: 'a1',
    question,
    grade: 'nailed',
    answerDay: '2026-11-27',
    daily: false,
    now,
    periods,
  });
  assert.equal(points, 0);
  assert.ok(user.progress[question.id]?.card.due);
});

test('given a new week, then the weekly totals restart while all-time totals keep growing', () => {
  const first = applyGrade(answered(), {
    answerId: 'a1',
    question,
    grade: 'nailed',
    answerDay: '2026-11-27',
    daily: false,
    now,
    periods,
  }).user;
  const nextWeek = { week: '2026-W49', month: '2026-12' };
  const later = applyAnswer(first, {
    answerId: 'a2',
    questionId: question.id,
    day: '2026-12-01',
    displayName: 'Uma',
    periods: nextWeek,
  });
  assert.deepEqual(later.week, { key: '2026-W49', points: 0, answers: 1 });
  assert.equal(later.points, 3);
  assert.equal(later.answers, 2);
});
