import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, TestClock } from '../helpers/build.ts';
import { answerAndGrade } from '../helpers/flows.ts';

test('given 200 users answering and grading at once, then no answer, point or streak day is lost', {
  timeout: 120_000,
}, async (t) => {
  const h = await build(t, { clock: new TestClock(new Date('2026-11-27T12:00:00Z')) });
  const users = Array.from({ length: 200 }, (_, i) => h.user(`user${i}`));
  await Promise.all(
    users.map(async (user, i) => {
      await answerAndGrade(h, user, 'dicom-basics', i % 2 ? 'nailed' : 'partly');
      await answerAndGrade(h, user, 'dice-and-iou', 'missed');
    }),
  );
  for (const [i, user] of users.entries()) {
    const record = await h.bot.store.users.get(h.guildId, user.id);
    assert.ok(record, `record of ${user.username}`);
    assert.equal(record.answers, 2);
    assert.equal(record.answerIds.length, 2);
    assert.equal(record.graded.length, 2);
    assert.equal(record.points, (i % 2 ? 3 : 2) + 1);
    assert.equal(record.streak.current, 1);
  }
  const board = await h.bot.ctx.leaderboard.page({
    guildId: h.guildId,
    metric: 'answers',
    period: 'all',
    page: 0,
    callerId: users[0]!.id,
  });
  assert.equal(board.total, 200);
  assert.deepEqual(h.emu.violations, [], 'every first response within 3 s and every payload valid');
});
