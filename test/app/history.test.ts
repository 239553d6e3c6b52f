// HistoryService on a real store: a member's own answers, newest first, paged and filtered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GOOD_ANSWER } from '../helpers/flows.ts';
import { services } from '../helpers/services.ts';

test('given seven answers of one member and one of another, when her history is read, then only hers come, newest first, five a page, filterable by question and grade', async (t) => {
  const { ctx, clock } = await services(t, { now: '2026-11-20T10:00:00Z' });
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const questionId = i % 2 === 0 ? 'dicom-basics' : 'dice-and-iou';
    const { answer } = await ctx.practice.submitAnswer({
      guildId: 'g1',
      userId: 'u1',
      displayName: 'carol',
      questionId,
      text: `${GOOD_ANSWER} (${i})`,
    });
    if (i < 2)
      await ctx.practice.grade({ guildId: 'g1', userId: 'u1', answerId: answer.id, grade: 'nailed' });
    ids.push(answer.id);
    clock.advance(3_600_000);
  }
  await ctx.practice.submitAnswer({
    guildId: 'g1',
    userId: 'u2',
    displayName: 'dan',
    questionId: 'dicom-basics',
    text: GOOD_ANSWER,
  });
  const first = await ctx.history.page('g1', 'u1', {}, 0);
  assert.deepEqual(
    first.entries.map((a) => a.id),
    ids.slice(2).reverse(),
  );
  assert.equal(first.total, 7);
  assert.equal(first.pages, 2);
  assert.deepEqual(
    (await ctx.history.page('g1', 'u1', {}, 1)).entries.map((a) => a.id),
    [ids[1], ids[0]],
  );
  assert.equal((await ctx.history.page('g1', 'u1', { questionId: 'dice-and-iou' }, 0)).total, 3);
  assert.equal((await ctx.history.all('g1', 'u1')).length, 7);
  assert.equal((await ctx.history.all('g1', 'u1'))[0]?.id, ids[6]);
  assert.equal((await ctx.history.answer('g1', 'u1', ids[3]!))?.id, ids[3]);
  assert.equal(
    await ctx.history.answer('g1', 'u2', ids[3]!),
    undefined,
    "another member's id selects nothing",
  );
});
