// Guards: each test here fails when the defect its name gives is planted in the code, and was
// seen to fail that way (docs/testing.md lists them). Real bot, emulator and SQLite store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEEP_ANSWER_IDS } from '../../src/core/progress.ts';
import { NAMESPACE, TABLE } from '../../src/store/open.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { answerFlow, answerText, pressGrade } from '../reliability/helpers.ts';

const DAILY_CHANNEL = '100000000000000011';

async function setDaily(h: Harness, time: string, timezone: string) {
  const admin = h.user('admin', { admin: true });
  const reply = await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time, timezone },
    })
    .firstResponse();
  assert.match(String(reply.data.content), /Daily question set/);
}

const submit = (h: Harness, userId: string, questionId: string, n: string) =>
  h.bot.ctx.practice.submitAnswer({
    guildId: h.guildId,
    userId,
    displayName: 'x',
    questionId,
    text: answerText(n),
  });

test('guard (per-user lock in PracticeService): two answers and then two grades of one member at the same moment all count', async (t) => {
  const h = await build(t, { clock: new TestClock(new Date('2026-11-27T12:00:00Z')) });
  const uma = h.user('uma');
  const [a, b] = await Promise.all([
    submit(h, uma.id, 'dicom-basics', 'same-moment-1'),
    submit(h, uma.id, 'ct-hounsfield-units', 'same-moment-2'),
  ]);
  const afterAnswers = await h.bot.ctx.practice.getUser(h.guildId, uma.id);
  assert.equal(afterAnswers?.answers, 2, 'both answers counted');
  assert.deepEqual([...(afterAnswers?.answerIds ?? [])].sort(), [a.answer.id, b.answer.id].sort());
  await Promise.all([
    h.bot.ctx.practice.grade({ guildId: h.guildId, userId: uma.id, answerId: a.answer.id, grade: 'nailed' }),
    h.bot.ctx.practice.grade({ guildId: h.guildId, userId: uma.id, answerId: b.answer.id, grade: 'partly' }),
  ]);
  const user = await h.bot.ctx.practice.getUser(h.guildId, uma.id);
  assert.equal(user?.points, 5, 'both grades counted: 3 + 2');
  assert.deepEqual([...(user?.graded ?? [])].sort(), [a.answer.id, b.answer.id].sort());
});

test("guard (write-ahead 'sending' post record): Discord created the daily post but recording it failed; a sweep after the nonce window finds it instead of posting again", async (t) => {
  const clock = new TestClock(new Date('2026-11-27T08:59:00Z'));
  const h = await build(t, { clock, emulator: { now: () => clock.current.getTime() } });
  await setDaily(h, '10:00', 'Europe/Berlin');
  // Any write that records the post as sent fails inside SQLite (the process "dies" right after
  // Discord accepted the message).
  const trigger = (op: string) =>
    `CREATE TRIGGER fail_sent_${op} BEFORE ${op} ON ${TABLE} WHEN NEW.key GLOB '${NAMESPACE}:g:*:post:*' AND NEW.value LIKE '%"state":"sent"%' BEGIN SELECT RAISE(ABORT, 'injected'); END`;
  for (const op of ['INSERT', 'UPDATE']) await h.store.query(trigger(op));
  clock.advance(2 * 60_000);
  await h.bot.scheduler.runSweep();
  const posts = () => h.emu.messages(DAILY_CHANNEL);
  assert.equal(posts().length, 1, 'Discord has the post');
  for (const op of ['INSERT', 'UPDATE']) await h.store.query(`DROP TRIGGER fail_sent_${op}`);
  await h.restart();
  clock.advance(30 * 60_000);
  await h.bot.scheduler.runSweep();
  assert.equal(posts().length, 1, 'no second post');
  const record = await h.bot.store.posts.get(h.guildId, DAILY_CHANNEL);
  assert.equal(record?.state, 'sent');
  assert.equal(record?.messageId, posts()[0]!.id);
});

test("guard (answer day in the server's timezone): an answer at 22:00 in New York, already the next day in UTC, counts for New York's day", async (t) => {
  // 2026-11-28 03:00 UTC is 2026-11-27 22:00 in New York.
  const clock = new TestClock(new Date('2026-11-27T20:00:00Z'));
  const h = await build(t, { clock });
  await setDaily(h, '09:00', 'America/New_York');
  clock.current = new Date('2026-11-28T03:00:00Z');
  const uma = h.user('uma');
  const { answer } = await submit(h, uma.id, 'dicom-basics', 'late-evening');
  assert.equal(answer.day, '2026-11-27');
  const user = await h.bot.ctx.practice.getUser(h.guildId, uma.id);
  assert.deepEqual(user?.days, { '2026-11-27': 1 });
  assert.equal(user?.streak.lastDay, '2026-11-27');
});

test("guard (repair of a grade kept only in the user record): the answer's copy is repaired with the points that were counted", async (t) => {
  const h = await build(t, { clock: new TestClock(new Date('2026-11-27T12:00:00Z')) });
  const uma = h.user('uma');
  const run = await answerFlow(h.emu, uma, 'dicom-basics', answerText('repair'));
  assert.equal(await pressGrade(h.emu, uma, run.buttons, 'n'), 'applied');
  // As an older release could leave it: the grade counted in the user record, not on the answer.
  const key: [string, string, string] = [h.guildId, uma.id, run.buttons.answerId];
  const answer = (await h.bot.store.answers.get(...key))!;
  const { grade: _g, gradedAt: _at, points: _p, ...ungraded } = answer;
  await h.bot.store.answers.set(key, ungraded);
  assert.equal(await pressGrade(h.emu, uma, run.buttons, 'm'), 'already');
  const repaired = await h.bot.store.answers.get(...key);
  assert.equal(repaired?.grade, 'nailed', 'the grade that counted, not the one pressed now');
  assert.equal(repaired?.points, 3, 'the points that counted');
  assert.equal((await h.bot.ctx.practice.getUser(h.guildId, uma.id))?.points, 3);
});

test(`guard (the answer record's grade): an answer older than the newest ${KEEP_ANSWER_IDS} graded cannot be graded or paid again`, async (t) => {
  const clock = new TestClock(new Date('2026-11-20T00:00:00Z'));
  const h = await build(t, { clock });
  const uma = h.user('uma');
  const questions = h.bot.ctx.bank().questions;
  const first = await submit(h, uma.id, questions[0]!.id, 'first');
  await h.bot.ctx.practice.grade({
    guildId: h.guildId,
    userId: uma.id,
    answerId: first.answer.id,
    grade: 'nailed',
  });
  for (let i = 1; i <= KEEP_ANSWER_IDS; i++) {
    clock.advance(3_100); // within the answer rate limit
    const { answer } = await submit(h, uma.id, questions[i % questions.length]!.id, `n${i}`);
    await h.bot.ctx.practice.grade({
      guildId: h.guildId,
      userId: uma.id,
      answerId: answer.id,
      grade: 'missed',
    });
  }
  const before = await h.bot.ctx.practice.getUser(h.guildId, uma.id);
  assert.ok(!before?.graded.includes(first.answer.id), 'the first answer fell out of the graded ids');
  const again = await h.bot.ctx.practice.grade({
    guildId: h.guildId,
    userId: uma.id,
    answerId: first.answer.id,
    grade: 'nailed',
  });
  assert.equal(again.status, 'already');
  assert.equal((await h.bot.ctx.practice.getUser(h.guildId, uma.id))?.points, before?.points);
});
