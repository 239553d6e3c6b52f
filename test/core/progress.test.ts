import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POINTS_WINDOW_DAYS } from '../../src/core/awards.ts';
import type { UserRecord } from '../../src/core/model.ts';
import {
  applyAnswer,
  applyGrade,
  applyInterviewPoints,
  applyReveal,
  emptyUser,
  KEEP_ANSWER_IDS,
} from '../../src/core/progress.ts';
import { addDays } from '../../src/core/time.ts';
import type { Grade, Question } from '../../src/core/types.ts';

const periods = { week: '2026-W48', month: '2026-11' };
const question: Question = {
  id: 'dicom-basics',
  title: 'What is DICOM?',
  topics: ['formats', 'foundations'],
  difficulty: 'easy',
  kind: 'concept',
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

/** Grades an answer stored on `day` at `at`, on `today` in `timeZone`. */
function grade(
  user: UserRecord,
  p: {
    answerId?: string;
    day: string;
    at?: string;
    today?: string;
    timeZone?: string;
    daily?: boolean;
    grade?: Grade;
  },
) {
  return applyGrade(user, {
    answerId: p.answerId ?? 'a1',
    question,
    grade: p.grade ?? 'nailed',
    answer: { day: p.day, at: p.at ?? `${p.day}T12:00:00.000Z`, daily: p.daily ?? false },
    now,
    today: p.today ?? p.day,
    timeZone: p.timeZone ?? 'UTC',
    periods,
  });
}

test('given a grade, then points follow 3/2/1 plus the daily bonus, once per question per day', () => {
  const nailed = grade(answered(), { day: '2026-11-27' });
  assert.equal(nailed.points, 3);
  assert.equal(nailed.user.points, 3);
  assert.equal(nailed.user.week.points, 3);
  assert.deepEqual(Object.keys(nailed.user.mastery).sort(), ['formats', 'foundations']);
  const again = grade(nailed.user, { answerId: 'a2', day: '2026-11-27' });
  assert.equal(again.points, 0, 'the same question the same day earns nothing more');
  assert.equal(again.noPoints, 'earned');
  assert.equal(grade(answered(), { day: '2026-11-27', grade: 'partly' }).points, 2);
  assert.equal(grade(answered(), { day: '2026-11-27', grade: 'missed', daily: true }).points, 3);
});

test('given the model answer was revealed first that day, then the grade earns nothing, says why, and still schedules a review', () => {
  const revealed = applyReveal(answered(), question.id, '2026-11-27');
  const { points, noPoints, user } = grade(revealed, { day: '2026-11-27' });
  assert.equal(points, 0);
  assert.equal(noPoints, 'revealed');
  const card = user.progress[question.id]?.card;
  assert.equal(card?.reps, 1, 'the review was recorded');
  assert.ok(Date.parse(card!.due) > now.getTime() + 12 * 3600_000, 'and scheduled for a later day');
});

test('given three answers on each of two days graded alternately (the farming sequence), then the question earns once per answer day: 6 points, not 18', () => {
  let user = answered();
  let total = 0;
  const days = ['2026-11-27', '2026-11-28'];
  for (let i = 0; i < 6; i++) {
    const day = days[i % 2]!;
    const r = grade(user, { answerId: `a${i}`, day, today: '2026-11-28' });
    user = r.user;
    total += r.points;
  }
  assert.equal(total, 6);
  assert.equal(user.points, 6);
});

test('given answers stockpiled on one day, when they are graded on later days, then that day pays once and later grades earn nothing', () => {
  let user = grade(answered(), { answerId: 'a1', day: '2026-11-20', today: '2026-11-21' }).user;
  for (const [i, today] of ['2026-11-22', '2026-11-25', '2026-11-27'].entries()) {
    const r = grade(user, { answerId: `b${i}`, day: '2026-11-20', today });
    assert.equal(r.points, 0, `grading on ${today}`);
    user = r.user;
  }
  assert.equal(user.points, 3);
});

test(`given an answer older than ${POINTS_WINDOW_DAYS} days, when it is graded, then it earns nothing (awards of that age are pruned) and says so`, () => {
  const today = '2026-11-27';
  const old = grade(answered(), { day: addDays(today, -POINTS_WINDOW_DAYS - 1), today });
  assert.equal(old.points, 0);
  assert.equal(old.noPoints, 'late');
  assert.equal(
    grade(answered(), { day: addDays(today, -POINTS_WINDOW_DAYS), today }).points,
    3,
    'the edge of the window still counts',
  );
});

test('given question ids that start with 0 or 1, then awards are pruned by their date, not their key', () => {
  const q0 = { ...question, id: '0-first' };
  const today = '2026-11-27';
  const r = applyGrade(answered(), {
    answerId: 'a1',
    question: q0,
    grade: 'nailed',
    answer: { day: today, at: `${today}T12:00:00.000Z`, daily: false },
    now,
    today,
    timeZone: 'UTC',
    periods,
  });
  assert.deepEqual(
    r.user.awarded['0-first']?.map((a) => a.day),
    [today],
  );
  const later = grade(r.user, { answerId: 'a2', day: '2026-11-28' });
  assert.ok(later.user.awarded['0-first'], 'still kept a day later');
  const again = applyGrade(later.user, {
    answerId: 'a3',
    question: q0,
    grade: 'nailed',
    answer: { day: today, at: `${today}T13:00:00.000Z`, daily: false },
    now,
    today: '2026-11-28',
    timeZone: 'UTC',
    periods,
  });
  assert.equal(again.points, 0, 'the counted day stays counted');
});

test("given a counted day, when the server's timezone changes, then an answer in the same real day never re-opens it", () => {
  // Counted at 2026-11-27 23:30 in Berlin (22:30 UTC).
  const counted = grade(answered(), {
    day: '2026-11-27',
    at: '2026-11-27T22:30:00.000Z',
    timeZone: 'Europe/Berlin',
  });
  assert.equal(counted.points, 3);
  // The server moves to New York: an hour later it is 2026-11-27 18:30 there, the same label.
  const sameLabel = grade(counted.user, {
    answerId: 'a2',
    day: '2026-11-27',
    at: '2026-11-27T23:30:00.000Z',
    timeZone: 'America/New_York',
  });
  assert.equal(sameLabel.points, 0);
  // Moving east instead (Tokyo): 2026-11-28 08:30 is a new label, but Berlin's counted day holds
  // until midnight there, so an answer at 22:45 UTC (still 2026-11-27 in Berlin) earns nothing.
  const east = grade(counted.user, {
    answerId: 'a3',
    day: '2026-11-28',
    at: '2026-11-27T22:45:00.000Z',
    timeZone: 'Asia/Tokyo',
    today: '2026-11-28',
  });
  assert.equal(east.points, 0);
  // The next real day in Tokyo does count.
  const next = grade(counted.user, {
    answerId: 'a4',
    day: '2026-11-29',
    at: '2026-11-28T16:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    today: '2026-11-29',
  });
  assert.equal(next.points, 3);
});

test('given a new week, then the weekly totals restart while all-time totals keep growing', () => {
  const first = grade(answered(), { day: '2026-11-27' }).user;
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

test('given a new member, when her record is made, then every total starts at zero in the current periods', () => {
  assert.deepEqual(emptyUser('g', 'u', 'Uma', periods), {
    v: 2,
    guildId: 'g',
    userId: 'u',
    displayName: 'Uma',
    points: 0,
    answers: 0,
    streak: { current: 0, longest: 0, freezes: 0, lastDay: null },
    mastery: {},
    progress: {},
    awarded: {},
    revealed: {},
    days: {},
    week: { key: '2026-W48', points: 0, answers: 0 },
    month: { key: '2026-11', points: 0, answers: 0 },
    answerIds: [],
    graded: [],
    gradeLog: {},
  });
});

test('given answers and grades within one month and then in the next, when totals are read, then the month counts its own and restarts with the new month; the week likewise', () => {
  let user = grade(answered('2026-11-27', 'a1'), { day: '2026-11-27', answerId: 'a1' }).user;
  assert.deepEqual(user.month, { key: '2026-11', points: 3, answers: 1 });
  assert.deepEqual(user.week, { key: '2026-W48', points: 3, answers: 1 });
  const december = { week: '2026-W49', month: '2026-12' };
  user = applyAnswer(user, {
    answerId: 'a2',
    questionId: 'other',
    day: '2026-12-01',
    displayName: 'Uma',
    periods: december,
  });
  assert.deepEqual(user.month, { key: '2026-12', points: 0, answers: 1 });
  user = applyGrade(user, {
    answerId: 'a2',
    question: { ...question, id: 'other' },
    grade: 'partly',
    answer: { day: '2026-12-01', at: '2026-12-01T12:00:00.000Z', daily: false },
    now: new Date('2026-12-01T12:00:00Z'),
    today: '2026-12-01',
    timeZone: 'UTC',
    periods: december,
  }).user;
  assert.deepEqual(user.month, { key: '2026-12', points: 2, answers: 1 });
  assert.deepEqual(user.week, { key: '2026-W49', points: 2, answers: 1 });
  assert.equal(user.points, 5);
  const interview = applyInterviewPoints(user, {
    points: 5,
    displayName: 'Uma B.',
    periods: { week: '2026-W50', month: '2026-12' },
  });
  assert.deepEqual([interview.points, interview.displayName], [10, 'Uma B.']);
  assert.deepEqual(interview.month, { key: '2026-12', points: 7, answers: 1 });
  assert.deepEqual(interview.week, { key: '2026-W50', points: 5, answers: 0 });
  assert.equal(interview.answers, 2, 'an interview is not an answer');
});

test('given practice spread over 150 days, when another answer comes, then the heatmap keeps the last 140 days (the 140th day back included)', () => {
  let user = answered('2026-01-01', 'a0');
  user = applyAnswer(user, {
    answerId: 'a1',
    questionId: 'q',
    day: addDays('2026-05-21', -140),
    displayName: 'Uma',
    periods,
  });
  user = applyAnswer(user, {
    answerId: 'a2',
    questionId: 'q',
    day: '2026-05-21',
    displayName: 'Uma',
    periods,
  });
  assert.deepEqual(Object.keys(user.days).sort(), [addDays('2026-05-21', -140), '2026-05-21']);
});

test('given a reveal, when the same question is revealed again that day, then the record is unchanged; another question is added beside it', () => {
  const once = applyReveal(answered(), 'dicom-basics', '2026-11-27');
  assert.deepEqual(once.revealed, { 'dicom-basics': ['2026-11-27'] });
  assert.equal(applyReveal(once, 'dicom-basics', '2026-11-27'), once);
  assert.deepEqual(applyReveal(once, 'other', '2026-11-27').revealed, {
    'dicom-basics': ['2026-11-27'],
    other: ['2026-11-27'],
  });
});

test('given a grade, then the award keeps the answer’s day, time and zone (the server’s when the answer has none), other topics’ mastery is kept and the grade is logged', () => {
  const before = { ...answered(), mastery: { data: { attempts: 3, score: 0.5 } } };
  const { user } = grade(before, {
    day: '2026-11-27',
    at: '2026-11-27T08:00:00.000Z',
    timeZone: 'Europe/Berlin',
  });
  assert.deepEqual(user.awarded['dicom-basics'], [
    { day: '2026-11-27', at: '2026-11-27T08:00:00.000Z', tz: 'Europe/Berlin' },
  ]);
  assert.deepEqual(user.mastery.data, { attempts: 3, score: 0.5 });
  assert.deepEqual(Object.keys(user.mastery).sort(), ['data', 'formats', 'foundations']);
  assert.deepEqual(user.graded, ['a1']);
  assert.deepEqual(user.gradeLog, { a1: { grade: 'nailed', points: 3 } });
  const withZone = applyGrade(answered(), {
    answerId: 'a1',
    question,
    grade: 'missed',
    answer: { day: '2026-11-27', at: '2026-11-27T08:00:00.000Z', daily: false, tz: 'Asia/Tokyo' },
    now,
    today: '2026-11-27',
    timeZone: 'Europe/Berlin',
    periods,
  }).user;
  assert.equal(withZone.awarded['dicom-basics']?.[0]?.tz, 'Asia/Tokyo', 'the zone the answer was stored in');
});

test('given 205 graded answers, when the record is read, then it keeps the newest 200 ids and their log, and the oldest are gone', () => {
  let user = answered();
  for (let i = 1; i <= 205; i++) {
    user = applyGrade(user, {
      answerId: `a${i}`,
      question: { ...question, id: `q${i}` },
      grade: 'missed',
      answer: { day: '2026-11-27', at: '2026-11-27T12:00:00.000Z', daily: false },
      now,
      today: '2026-11-27',
      timeZone: 'UTC',
      periods,
    }).user;
  }
  assert.equal(user.graded.length, 200);
  assert.deepEqual([user.graded[0], user.graded.at(-1)], ['a6', 'a205']);
  assert.deepEqual(Object.keys(user.gradeLog).length, 200);
  assert.equal(user.gradeLog.a5, undefined);
  assert.deepEqual(user.gradeLog.a6, { grade: 'missed', points: 1 });
});

test('given reveals of earlier days, when a grade comes, then reveals older than the days kept are pruned', () => {
  const revealed = applyReveal(applyReveal(answered(), 'old', '2026-11-20'), 'recent', '2026-11-26');
  const { user } = grade(revealed, { day: '2026-11-27' });
  assert.deepEqual(user.revealed, { recent: ['2026-11-26'] });
});

test('given ids graded before grade logs were kept, when a new grade comes, then the log holds only entries it knows (no empty ones)', () => {
  const before = { ...answered(), graded: ['old'], gradeLog: {} };
  const { user } = grade(before, { day: '2026-11-27' });
  assert.deepEqual(user.graded, ['old', 'a1']);
  assert.deepEqual(Object.keys(user.gradeLog), ['a1']);
});
