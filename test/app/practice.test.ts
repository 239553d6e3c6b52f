// PracticeService on a real store (in-memory SQLite through the store port), without Discord: the
// rules of the answer loop at the service's boundary, fast enough to run under mutation testing.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { ANSWERS_PER_MINUTE, MAX_ANSWER_LENGTH, MIN_ANSWER_LENGTH } from '../../src/app/practice.ts';
import { personalScope } from '../../src/core/scope.ts';
import { realBank } from '../helpers/build.ts';
import { GOOD_ANSWER } from '../helpers/flows.ts';
import { type Services, services } from '../helpers/services.ts';

const GUILD = 'g1';
const ANSWER = GOOD_ANSWER;

type Given = Services;

/** Services on a fresh in-memory store at 2026-11-27 12:00 UTC (each test builds its own). */
const given = (t: TestContext, now = '2026-11-27T12:00:00Z') => services(t, { now, random: () => 0 });

const submit = (
  g: Given,
  p: { userId?: string; questionId?: string; text?: string; guildId?: string } = {},
) =>
  g.ctx.practice.submitAnswer({
    guildId: p.guildId ?? GUILD,
    userId: p.userId ?? 'u1',
    displayName: 'carol',
    questionId: p.questionId ?? 'dicom-basics',
    text: p.text ?? ANSWER,
  });

test('given an answer of 19 characters (after trimming), when it is submitted, then it is refused and nothing is stored', async (t) => {
  const g = await given(t);
  const text = `  ${'x'.repeat(MIN_ANSWER_LENGTH - 1)}  `;
  await assert.rejects(submit(g, { text }), /only 19 characters\. Write at least 20/);
  assert.equal(await g.ctx.practice.getUser(GUILD, 'u1'), undefined);
});

test('given answers of exactly 20 and 4,000 characters, when they are submitted, then both are stored; 4,001 is refused', async (t) => {
  const g = await given(t);
  await submit(g, { text: 'y'.repeat(MIN_ANSWER_LENGTH) });
  await submit(g, { text: 'z'.repeat(MAX_ANSWER_LENGTH), questionId: 'dice-and-iou' });
  await assert.rejects(submit(g, { text: 'z'.repeat(MAX_ANSWER_LENGTH + 1) }), /limited to 4000 characters/);
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u1'))?.answers, 2);
});

test('given an unknown question id, when an answer is submitted, then it is refused by name', async (t) => {
  const g = await given(t);
  await assert.rejects(submit(g, { questionId: 'no-such-question' }), /no question `no-such-question`/);
});

test('given a member practising on New York time, when they answer at 02:00 UTC, then the answer is stored on their day before, with its text, zone and key points', async (t) => {
  const g = await given(t, '2026-11-28T02:00:00Z');
  const scope = personalScope('u1');
  await g.ctx.guilds.setTimeZone(scope, 'America/New_York');
  const { answer, evidence } = await submit(g, { guildId: scope });
  const stored = await g.store.answers.get(scope, 'u1', answer.id);
  assert.equal(stored?.day, '2026-11-27');
  assert.equal(stored?.tz, 'America/New_York');
  assert.equal(stored?.text, ANSWER);
  assert.equal(stored?.at, '2026-11-28T02:00:00.000Z');
  assert.equal(stored?.daily, false);
  assert.equal(stored?.questionId, 'dicom-basics');
  assert.ok(stored!.covered.length > 0, 'the answer covers some key points');
  assert.deepEqual(
    stored!.covered,
    evidence.map((e) => e.point),
  );
  assert.equal(
    stored!.covered.length + stored!.missed.length,
    (await realBank()).questions.find((q) => q.id === 'dicom-basics')!.keyPoints.length,
  );
  const user = await g.ctx.practice.getUser(scope, 'u1');
  assert.equal(user?.answers, 1);
  assert.equal(user?.points, 0, 'points come with the grade');
  assert.equal(await g.ctx.practice.getUser(GUILD, 'u1'), undefined, 'nothing in any server');
});

test(`given ${ANSWERS_PER_MINUTE} answers in one minute, when one more comes, then it is refused with the seconds to wait and not stored`, async (t) => {
  const g = await given(t);
  for (let i = 0; i < ANSWERS_PER_MINUTE; i++) await submit(g);
  await assert.rejects(submit(g), /20 answers in the last minute.*again in 60 seconds/s);
  g.clock.advance(59_500);
  await assert.rejects(submit(g), /again in 1 second\. /);
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u1'))?.answers, ANSWERS_PER_MINUTE);
  g.clock.advance(500);
  await submit(g);
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u1'))?.answers, ANSWERS_PER_MINUTE + 1);
});

test('given the limit reached by one member, when another member answers, then the other is not limited', async (t) => {
  const g = await given(t);
  for (let i = 0; i < ANSWERS_PER_MINUTE; i++) await submit(g);
  await submit(g, { userId: 'u2' });
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u2'))?.answers, 1);
});

for (const [grade, points] of [
  ['nailed', 3],
  ['partly', 2],
  ['missed', 1],
] as const) {
  test(`given an answer, when it is graded ${grade}, then it earns ${points} points, stored on the user and the answer`, async (t) => {
    const g = await given(t);
    const { answer } = await submit(g);
    const result = await g.ctx.practice.grade({ guildId: GUILD, userId: 'u1', answerId: answer.id, grade });
    assert.equal(result.status, 'applied');
    assert.equal(result.points, points);
    assert.equal(result.noPoints, undefined);
    const user = await g.ctx.practice.getUser(GUILD, 'u1');
    assert.equal(user?.points, points);
    assert.equal(user?.week.points, points);
    assert.equal(user?.month.points, points);
    assert.deepEqual(user?.graded, [answer.id]);
    assert.deepEqual(user?.gradeLog[answer.id], { grade, points });
    const stored = await g.store.answers.get(GUILD, 'u1', answer.id);
    assert.equal(stored?.grade, grade);
    assert.equal(stored?.points, points);
    assert.equal(stored?.gradedAt, '2026-11-27T12:00:00.000Z');
  });
}

test('given a graded answer, when it is graded again, then nothing changes and it says already', async (t) => {
  const g = await given(t);
  const { answer } = await submit(g);
  await g.ctx.practice.grade({ guildId: GUILD, userId: 'u1', answerId: answer.id, grade: 'nailed' });
  const before = await g.ctx.practice.getUser(GUILD, 'u1');
  g.clock.advance(60_000);
  const again = await g.ctx.practice.grade({
    guildId: GUILD,
    userId: 'u1',
    answerId: answer.id,
    grade: 'missed',
  });
  assert.equal(again.status, 'already');
  assert.equal(again.points, 0);
  assert.deepEqual(await g.ctx.practice.getUser(GUILD, 'u1'), before);
  assert.equal((await g.store.answers.get(GUILD, 'u1', answer.id))?.grade, 'nailed');
});

test('given an answer id the member does not have, when it is graded, then it is refused and nothing is stored', async (t) => {
  const g = await given(t);
  await submit(g);
  const before = await g.ctx.practice.getUser(GUILD, 'u1');
  await assert.rejects(
    g.ctx.practice.grade({ guildId: GUILD, userId: 'u1', answerId: 'missing0000000000', grade: 'nailed' }),
    /no longer stored/,
  );
  await assert.rejects(
    g.ctx.practice.grade({ guildId: GUILD, userId: 'u2', answerId: 'missing0000000000', grade: 'nailed' }),
    /no longer stored/,
  );
  assert.deepEqual(await g.ctx.practice.getUser(GUILD, 'u1'), before);
});

test('given a member who revealed the model answer today, when they answer and grade it, then it earns no points (revealed); a reveal twice is stored once', async (t) => {
  const g = await given(t);
  await g.ctx.practice.reveal(GUILD, 'u1', 'carol', 'dicom-basics');
  await g.ctx.practice.reveal(GUILD, 'u1', 'carol', 'dicom-basics');
  assert.deepEqual((await g.ctx.practice.getUser(GUILD, 'u1'))?.revealed['dicom-basics'], ['2026-11-27']);
  const { answer } = await submit(g);
  const result = await g.ctx.practice.grade({
    guildId: GUILD,
    userId: 'u1',
    answerId: answer.id,
    grade: 'nailed',
  });
  assert.equal(result.points, 0);
  assert.equal(result.noPoints, 'revealed');
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u1'))?.points, 0);
});

test('given the question of the day, when a member answers it that day and grades it, then it earns the daily bonus', async (t) => {
  const g = await given(t);
  await g.store.guilds.set([GUILD], {
    v: 3,
    guildId: GUILD,
    schedules: {},
    rotation: { used: ['dicom-basics'], byDate: { '2026-11-27': 'dicom-basics' }, cycle: 0 },
  });
  const { answer } = await submit(g);
  assert.equal((await g.store.answers.get(GUILD, 'u1', answer.id))?.daily, true);
  const result = await g.ctx.practice.grade({
    guildId: GUILD,
    userId: 'u1',
    answerId: answer.id,
    grade: 'nailed',
  });
  assert.equal(result.points, 5);
  const other = await submit(g, { questionId: 'dice-and-iou' });
  assert.equal((await g.store.answers.get(GUILD, 'u1', other.answer.id))?.daily, false);
});

test('given an answer graded by v0.1 (the grade kept only in the user record), when it is graded again, then the answer copy is repaired with the counted grade and points', async (t) => {
  const g = await given(t);
  const { answer } = await submit(g);
  await g.ctx.practice.grade({ guildId: GUILD, userId: 'u1', answerId: answer.id, grade: 'partly' });
  const stored = (await g.store.answers.get(GUILD, 'u1', answer.id))!;
  const { grade: _g, points: _p, gradedAt: _a, ...ungraded } = stored;
  await g.store.answers.set([GUILD, 'u1', answer.id], ungraded);
  assert.equal((await g.store.answers.get(GUILD, 'u1', answer.id))?.grade, undefined);
  const again = await g.ctx.practice.grade({
    guildId: GUILD,
    userId: 'u1',
    answerId: answer.id,
    grade: 'nailed',
  });
  assert.equal(again.status, 'already');
  const repaired = await g.store.answers.get(GUILD, 'u1', answer.id);
  assert.equal(repaired?.grade, 'partly');
  assert.equal(repaired?.points, 2);
});

test('given an answer graded before grade logs were kept (neither copy says what it counted), when it is graded again, then its copy takes the grade now given and 0 points', async (t) => {
  const g = await given(t);
  const { answer } = await submit(g);
  await g.ctx.practice.grade({ guildId: GUILD, userId: 'u1', answerId: answer.id, grade: 'partly' });
  const stored = (await g.store.answers.get(GUILD, 'u1', answer.id))!;
  const { grade: _g, points: _p, gradedAt: _a, ...ungraded } = stored;
  await g.store.answers.set([GUILD, 'u1', answer.id], ungraded);
  const user = (await g.store.users.get(GUILD, 'u1'))!;
  await g.store.users.set([GUILD, 'u1'], { ...user, gradeLog: {} });
  const again = await g.ctx.practice.grade({
    guildId: GUILD,
    userId: 'u1',
    answerId: answer.id,
    grade: 'missed',
  });
  assert.equal(again.status, 'already');
  const repaired = await g.store.answers.get(GUILD, 'u1', answer.id);
  assert.deepEqual([repaired?.grade, repaired?.points], ['missed', 0]);
  assert.equal((await g.store.users.get(GUILD, 'u1'))?.points, user.points, 'nothing paid again');
});

test('given two new members, when each asks for a question, then each gets the same first pick: one member’s last question does not steer another’s', async (t) => {
  const g = await given(t);
  const a = await g.ctx.practice.nextQuestion(GUILD, 'u1', {});
  const b = await g.ctx.practice.nextQuestion(GUILD, 'u2', {});
  assert.equal(b?.id, a?.id);
  const again = await g.ctx.practice.nextQuestion(GUILD, 'u1', {});
  assert.notEqual(again?.id, a?.id, 'her own last question is avoided');
});

test('given a member who only revealed a model answer, when stats are asked for, then there are none', async (t) => {
  const g = await given(t);
  await g.ctx.practice.reveal(GUILD, 'u1', 'carol', 'dicom-basics');
  assert.ok(await g.store.users.get(GUILD, 'u1'), 'the reveal is stored');
  assert.equal(await g.ctx.practice.stats(GUILD, 'u1'), undefined);
});

test('given no answers, when stats are asked for, then there are none; after one answer there are', async (t) => {
  const g = await given(t);
  assert.equal(await g.ctx.practice.stats(GUILD, 'u1'), undefined);
  await submit(g);
  const stats = await g.ctx.practice.stats(GUILD, 'u1');
  assert.equal(stats?.answers, 1);
});

test('given a question just shown, when the member asks for the next one, then it is another question, within the filters and not excluded', async (t) => {
  const g = await given(t);
  const first = await g.ctx.practice.nextQuestion(GUILD, 'u1', { topic: 'formats' });
  assert.ok(first?.topics.includes('formats'));
  const second = await g.ctx.practice.nextQuestion(GUILD, 'u1', { topic: 'formats' });
  assert.ok(second?.topics.includes('formats'));
  assert.notEqual(second?.id, first?.id);
  const third = await g.ctx.practice.nextQuestion(GUILD, 'u1', {
    topic: 'formats',
    exclude: new Set([first!.id, second!.id]),
  });
  assert.ok(third && third.id !== first!.id && third.id !== second!.id);
  assert.equal(await g.ctx.practice.nextQuestion(GUILD, 'u1', { topic: 'no-such-topic' }), undefined);
});

test('given interview points that are not due, when awarded, then nothing but the also-records is written; when due, they are added', async (t) => {
  const g = await given(t);
  const days: string[] = [];
  const also: number[] = [];
  const none = await g.ctx.practice.awardInterview({
    guildId: GUILD,
    userId: 'u1',
    displayName: 'carol',
    points: (day) => {
      days.push(day);
      return 0;
    },
    also: (points) => {
      also.push(points);
      return [];
    },
  });
  assert.equal(none, 0);
  assert.deepEqual(also, [0]);
  assert.deepEqual(days, ['2026-11-27']);
  assert.equal(await g.ctx.practice.getUser(GUILD, 'u1'), undefined);
  const five = await g.ctx.practice.awardInterview({
    guildId: GUILD,
    userId: 'u1',
    displayName: 'carol',
    points: () => 5,
    also: () => [],
  });
  assert.equal(five, 5);
  const user = await g.ctx.practice.getUser(GUILD, 'u1');
  assert.equal(user?.points, 5);
  assert.equal(user?.answers, 0);
});

test('given a member with answers in a server and in their personal scope, when they are forgotten in the personal scope, then its records and settings go and the server keeps its own', async (t) => {
  const g = await given(t);
  const personal = personalScope('u1');
  await g.ctx.guilds.setTimeZone(personal, 'Europe/Berlin');
  await submit(g, { guildId: personal });
  await submit(g, { guildId: personal, questionId: 'dice-and-iou' });
  await submit(g);
  await g.ctx.reminders.set('u1', '20:00', 'Europe/Berlin');
  await g.ctx.interviews.start({ scopeId: personal, userId: 'u1', length: 3 });
  await g.ctx.interviews.start({ scopeId: GUILD, userId: 'u1', length: 3 });
  const question = g.ctx.bank().byId.get('dicom-basics')!;
  await g.ctx.reports.submit('u1', question, 'Key point 2 reads oddly.');
  const result = await g.ctx.practice.forget(personal, 'u1');
  assert.equal(result.answers, 2);
  assert.equal(
    await g.ctx.reminders.get('u1'),
    undefined,
    'the streak reminder goes with the personal scope',
  );
  assert.equal(await g.ctx.interviews.running(personal, 'u1'), undefined, 'the personal mock is gone');
  assert.ok(await g.ctx.interviews.running(GUILD, 'u1'), "the server's mock stays");
  assert.deepEqual(await g.ctx.reports.all(), [], 'problem reports are the member’s words: gone anywhere');
  assert.equal(await g.ctx.practice.getUser(personal, 'u1'), undefined);
  assert.equal(await g.ctx.guilds.get(personal), undefined);
  assert.equal((await g.ctx.practice.getUser(GUILD, 'u1'))?.answers, 1);
  assert.equal((await g.ctx.practice.forget(GUILD, 'u1')).answers, 1);
  assert.deepEqual(
    (await g.kv.scan('')).map((r) => r.key).filter((k) => k.includes('u1')),
    [],
  );
});
