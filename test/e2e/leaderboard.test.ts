import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { EmuResponse, EmuUser } from '../../tools/emulator/index.ts';
import { build, TestClock } from '../helpers/build.ts';
import { answerAndGrade, buttonId } from '../helpers/flows.ts';

const lines = (r: EmuResponse) => (r.data.embeds[0].description as string).split('\n');

/**
 * Five members (each test builds its own): ann 3+3 = 6 over two days (streak 2); ben 3; cat 2;
 * dev 1 + 1 = 2 (2 answers); eve nothing.
 */
async function givenFiveMembers(t: TestContext) {
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const h = await build(t, { clock });
  const [ann, ben, cat, dev, eve] = ['ann', 'ben', 'cat', 'dev', 'eve'].map((n) => h.user(n)) as [
    EmuUser,
    EmuUser,
    EmuUser,
    EmuUser,
    EmuUser,
  ];
  await answerAndGrade(h, ann, 'dicom-basics', 'nailed');
  await answerAndGrade(h, ben, 'dicom-basics', 'nailed');
  await answerAndGrade(h, cat, 'dicom-basics', 'partly');
  await answerAndGrade(h, dev, 'dicom-basics', 'missed');
  await answerAndGrade(h, dev, 'dice-and-iou', 'missed');
  clock.advance(24 * 3600_000);
  await answerAndGrade(h, ann, 'dice-and-iou', 'nailed');
  return { h, clock, ann, dev, eve };
}

test('given five members with different grades, when ranked by points, then the order and values are right and ties share a rank', async (t) => {
  const { h, eve } = await givenFiveMembers(t);
  const r = await h.emu.slash({ user: eve, name: 'leaderboard' }).firstResponse();
  assert.equal(r.ephemeral, false);
  assert.deepEqual(lines(r), [
    '**1.** ann: 6 points',
    '**2.** ben: 3 points',
    '**3.** cat: 2 points',
    '**3.** dev: 2 points',
  ]);
  assert.match(r.data.embeds[0].footer.text, /eve: not on this board yet/);
  assert.deepEqual(h.emu.violations, []);
});

test('given five members with different grades, when ranked by answers, then dev and ann lead with 2', async (t) => {
  const { h, dev } = await givenFiveMembers(t);
  const r = await h.emu.slash({ user: dev, name: 'leaderboard', options: { by: 'answers' } }).firstResponse();
  assert.deepEqual(lines(r).slice(0, 2), ['**1.** ann: 2 answers', `**1.** dev: 2 answers ← you`]);
  assert.match(r.data.embeds[0].footer.text, /dev: rank #1 of 4/);
});

test('given five members with different grades, when ranked by streak, then ann leads with 2 days and the others are still at 1', async (t) => {
  const { h, ann } = await givenFiveMembers(t);
  const r = await h.emu.slash({ user: ann, name: 'leaderboard', options: { by: 'streak' } }).firstResponse();
  assert.equal(lines(r)[0], '**1.** ann: 2 days ← you');
  assert.equal(lines(r).length, 4);
});

test('given five members with different grades, when a week passes, then the weekly board is empty but all time keeps the totals', async (t) => {
  const { h, clock, ann } = await givenFiveMembers(t);
  clock.advance(7 * 24 * 3600_000);
  const week = await h.emu
    .slash({ user: ann, name: 'leaderboard', options: { period: 'week' } })
    .firstResponse();
  assert.match(week.data.embeds[0].description, /Nobody is on this board yet/);
  const all = await h.emu.slash({ user: ann, name: 'leaderboard' }).firstResponse();
  assert.equal(lines(all)[0], '**1.** ann: 6 points ← you');
  const streak = await h.emu
    .slash({ user: ann, name: 'leaderboard', options: { by: 'streak' } })
    .firstResponse();
  assert.match(streak.data.embeds[0].description, /Nobody/, 'streaks broken by a week without practice');
  assert.deepEqual(h.emu.violations, []);
});

test('given 25 users on the board, when the caller is outside the top 10 and pages, then rank and pages are right, even after a restart', async (t) => {
  const h = await build(t, { clock: new TestClock(new Date('2026-11-25T12:00:00Z')) });
  const users = Array.from({ length: 25 }, (_, i) => h.user(`u${String(i).padStart(2, '0')}`));
  // Feed the index through the service (the same path a grade takes) to keep the test fast.
  const { practice } = h.bot.ctx;
  for (const [i, user] of users.entries()) {
    for (let k = 0; k <= i % 5; k++) {
      const { answer } = await practice.submitAnswer({
        guildId: h.guildId,
        userId: user.id,
        displayName: user.username,
        questionId: [
          'dicom-basics',
          'dice-and-iou',
          'transfer-learning',
          'class-imbalance',
          'precision-recall-f1',
        ][k]!,
        text: 'A long enough answer for the leaderboard test.',
      });
      await practice.grade({ guildId: h.guildId, userId: user.id, answerId: answer.id, grade: 'nailed' });
    }
  }
  const last = users[0]!; // 3 points: near the bottom
  const first = await h.emu.slash({ user: last, name: 'leaderboard' }).firstResponse();
  assert.equal(lines(first).length, 10);
  assert.match(first.data.embeds[0].footer.text, /u00: rank #21 of 25 with 3 points · page 1 of 3/);
  await h.restart();
  const next = await h.emu
    .click({ user: last, message: first.message!, customId: buttonId(first, 'Next') })
    .firstResponse();
  assert.equal(next.callbackType, 7, 'the message is updated in place');
  assert.match(next.data.embeds[0].footer.text, /page 2 of 3/);
  const third = await h.emu
    .click({ user: last, message: next.message!, customId: buttonId(next, 'Next') })
    .firstResponse();
  assert.match(third.data.embeds[0].footer.text, /page 3 of 3/);
  assert.match(third.data.embeds[0].description, /u00: 3 points ← you/);
  assert.deepEqual(h.emu.violations, []);
});
