import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOARD_BUCKETS } from '../../src/app/leaderboard.ts';
import { personalScope } from '../../src/core/scope.ts';
import { keys } from '../../src/store/keys.ts';
import { failWrites } from '../helpers/fail-writes.ts';
import { services } from '../helpers/services.ts';

/** A store and a way to start services on it, as a new process would (each with empty caches). */
async function context(t: { after: (fn: () => Promise<void>) => void }) {
  const { kv, restart } = await services(t);
  return { store: kv, make: restart };
}

async function grade(
  ctx: Awaited<ReturnType<Awaited<ReturnType<typeof context>>['make']>>,
  userId: string,
  n: number,
) {
  for (let i = 0; i < n; i++) {
    const { answer } = await ctx.practice.submitAnswer({
      guildId: 'g1',
      userId,
      displayName: `user ${userId}`,
      questionId: ['dicom-basics', 'dice-and-iou', 'transfer-learning'][i]!,
      text: 'An answer long enough to be stored.',
    });
    await ctx.practice.grade({ guildId: 'g1', userId, answerId: answer.id, grade: 'nailed' });
  }
}

test('given the index was lost, when a new process reads the board, then it is rebuilt from the user records', async (t) => {
  const { store, make } = await context(t);
  const first = await make();
  await grade(first, '11', 3);
  await grade(first, '12', 1);
  await store.keyv.delete(keys.boardMeta('g1'));
  for (let b = 0; b < BOARD_BUCKETS; b++) await store.keyv.delete(keys.boardBucket('g1', b));
  const second = await make();
  const page = await second.leaderboard.page({
    guildId: 'g1',
    metric: 'points',
    period: 'all',
    page: 0,
    callerId: '12',
  });
  assert.deepEqual(
    page.rows.map((r) => [r.userId, r.value, r.rank]),
    [
      ['11', 9, 1],
      ['12', 3, 2],
    ],
  );
  assert.deepEqual(page.caller, { rank: 2, value: 3 });
  assert.ok(await store.keyv.get(keys.boardMeta('g1')), 'the rebuilt index is persisted');
});

test('given 260 members (more than one commit of buckets) and the index lost, when a new process reads the board, then every member is ranked and the rebuilt index serves the next process', async (t) => {
  const { store, make } = await context(t);
  const first = await make();
  for (let i = 0; i < 260; i++) await grade(first, `m${i}`, 1 + (i % 2));
  await store.keyv.delete(keys.boardMeta('g1'));
  const page = async (ctx: Awaited<ReturnType<typeof make>>) =>
    ctx.leaderboard.page({ guildId: 'g1', metric: 'points', period: 'all', page: 0, callerId: 'm259' });
  const rebuilt = await page(await make());
  assert.equal(rebuilt.total, 260);
  assert.deepEqual(rebuilt.caller, { rank: 1, value: 6 });
  const buckets = (await store.scan('g:g1:board:')).length;
  assert.ok(buckets > 200, `${buckets} buckets written`);
  const next = await page(await make());
  assert.equal(next.total, 260, 'read from the rebuilt buckets');
});

test('given a persisted index, when a new process reads the board, then it loads it and forget-me removes the user', async (t) => {
  const { make } = await context(t);
  const first = await make();
  await grade(first, '21', 2);
  await grade(first, '22', 1);
  const second = await make();
  await second.practice.forget('g1', '21');
  const page = await second.leaderboard.page({
    guildId: 'g1',
    metric: 'answers',
    period: 'week',
    page: 0,
    callerId: '21',
  });
  assert.deepEqual(
    page.rows.map((r) => r.userId),
    ['22'],
  );
  assert.equal(page.caller, undefined);
  const third = await make();
  const reloaded = await third.leaderboard.page({
    guildId: 'g1',
    metric: 'points',
    period: 'all',
    page: 0,
    callerId: '22',
  });
  assert.deepEqual(
    reloaded.rows.map((r) => r.userId),
    ['22'],
  );
});

/** Services on a fresh store with a clock the test moves (2026-11-27 is a Friday). */
const withClock = (t: { after: (fn: () => Promise<void>) => void }) => services(t);

const board = (
  ctx: Awaited<ReturnType<typeof withClock>>['ctx'],
  metric: 'points' | 'streak' | 'answers',
  period: 'all' | 'week' | 'month',
  page = 0,
  callerId = 'nobody',
) => ctx.leaderboard.page({ guildId: 'g1', metric, period, page, callerId });

test('given 23 members with different points, when pages are asked for, then there are 3 pages of 10, equal values share a rank (1, then 13), and pages out of range are clamped', async (t) => {
  const { ctx } = await withClock(t);
  // Member i answers and grades: nailed (3) for even i, missed (1) for odd; i+1 answers for more spread.
  for (let i = 0; i < 23; i++) {
    const id = String(100 + i);
    const { answer } = await ctx.practice.submitAnswer({
      guildId: 'g1',
      userId: id,
      displayName: `member ${i}`,
      questionId: 'dicom-basics',
      text: 'An answer long enough to be stored.',
    });
    await ctx.practice.grade({
      guildId: 'g1',
      userId: id,
      answerId: answer.id,
      grade: i < 12 ? 'nailed' : 'missed',
    });
  }
  const first = await board(ctx, 'points', 'all', 0, '122');
  assert.equal(first.total, 23);
  assert.equal(first.pages, 3);
  assert.equal(first.page, 0);
  assert.equal(first.rows.length, 10);
  assert.deepEqual(
    first.rows.map((r) => r.rank),
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  );
  assert.ok(first.rows.every((r) => r.value === 3));
  assert.match(first.rows[0]!.name, /^member \d+$/);
  assert.deepEqual(first.caller, { rank: 13, value: 1 });
  assert.deepEqual(
    (await board(ctx, 'points', 'all', 1)).rows.map((r) => [r.rank, r.value]),
    [[1, 3], [1, 3], ...Array.from({ length: 8 }, () => [13, 1])],
  );
  const last = await board(ctx, 'points', 'all', 99);
  assert.equal(last.page, 2);
  assert.deepEqual(
    last.rows.map((r) => [r.rank, r.value]),
    [
      [13, 1],
      [13, 1],
      [13, 1],
    ],
  );
  assert.equal(last.caller, undefined, 'a caller who is not on the board gets no rank');
  assert.equal((await board(ctx, 'points', 'all', -5)).page, 0);
  const answers = await board(ctx, 'answers', 'all');
  assert.ok(answers.rows.every((r) => r.value === 1));
});

test('given points earned last week, when this week’s board is read, then they count for all time and the month (still November) but not the week (a member with 0 is not listed)', async (t) => {
  const { ctx, clock } = await withClock(t);
  await grade(ctx, '11', 1);
  clock.advance(3 * 24 * 3_600_000); // Monday 2026-11-30: a new week, the same month
  await grade(ctx, '12', 1);
  const week = await board(ctx, 'points', 'week');
  assert.deepEqual(
    week.rows.map((r) => [r.userId, r.value]),
    [['12', 3]],
  );
  assert.deepEqual(
    (await board(ctx, 'points', 'all')).rows.map((r) => [r.userId, r.value]),
    [
      ['11', 3],
      ['12', 3],
    ],
  );
  assert.deepEqual(
    (await board(ctx, 'answers', 'month')).rows.map((r) => r.userId),
    ['11', '12'],
  );
  clock.advance(24 * 3_600_000); // Tuesday: the week board, already built, follows the day
  assert.equal((await board(ctx, 'points', 'week')).rows[0]?.value, 3);
});

test('given this week’s board already read, when the next week begins, then the board read again starts empty (it is not the cached last week)', async (t) => {
  const { ctx, clock } = await withClock(t);
  await grade(ctx, '11', 1);
  assert.deepEqual(
    (await board(ctx, 'points', 'week')).rows.map((r) => [r.userId, r.value]),
    [['11', 3]],
  );
  assert.equal((await board(ctx, 'points', 'month')).rows[0]?.value, 3);
  clock.advance(3 * 24 * 3_600_000); // Monday 2026-11-30: a new week
  assert.deepEqual((await board(ctx, 'points', 'week')).rows, []);
  assert.equal((await board(ctx, 'points', 'month')).rows[0]?.value, 3, 'still November');
  clock.advance(24 * 3_600_000); // Tuesday 2026-12-01: a new month
  assert.deepEqual((await board(ctx, 'points', 'month')).rows, []);
  await grade(ctx, '11', 1);
  assert.equal((await board(ctx, 'points', 'month')).rows[0]?.value, 3, 'December only');
  assert.equal((await board(ctx, 'points', 'all')).rows[0]?.value, 6, 'November and December');
});

test('given boards already read, when members grade answers, then the boards read again show the new points and the new member at once', async (t) => {
  const { ctx } = await withClock(t);
  await grade(ctx, '11', 1);
  for (const metric of ['points', 'answers'] as const) await board(ctx, metric, 'week');
  await board(ctx, 'points', 'all');
  await grade(ctx, '12', 2);
  assert.deepEqual(
    (await board(ctx, 'points', 'all')).rows.map((r) => [r.userId, r.value]),
    [
      ['12', 6],
      ['11', 3],
    ],
  );
  assert.deepEqual(
    (await board(ctx, 'answers', 'week')).rows.map((r) => [r.userId, r.value]),
    [
      ['12', 2],
      ['11', 1],
    ],
  );
  await ctx.practice.forget('g1', '12');
  assert.deepEqual(
    (await board(ctx, 'points', 'week')).rows.map((r) => r.userId),
    ['11'],
    'forget-me takes the row off a board already built',
  );
});

test('given a member with a 2-day streak, when a day passes without practice, then the streak board shows it broken; period is ignored for streaks', async (t) => {
  const { ctx, clock } = await withClock(t);
  await grade(ctx, '11', 1);
  clock.advance(24 * 3_600_000);
  await grade(ctx, '11', 1);
  const today = await board(ctx, 'streak', 'week', 0, '11');
  assert.deepEqual(today.caller, { rank: 1, value: 2 });
  clock.advance(24 * 3_600_000);
  assert.equal(
    (await board(ctx, 'streak', 'month', 0, '11')).caller?.value,
    2,
    'still alive until the day ends',
  );
  clock.advance(24 * 3_600_000);
  const broken = await board(ctx, 'streak', 'all', 0, '11');
  assert.equal(broken.caller, undefined);
  assert.equal(broken.total, 0);
});

test('given stale buckets and no index metadata, when the board is read, then it is rebuilt from the records, the stale rows are gone and the metadata records the build', async (t) => {
  const { store, make } = await context(t);
  const first = await make();
  await grade(first, '11', 1);
  await store.keyv.delete(keys.boardMeta('g1'));
  // A bucket left by an older index, naming a member who has no record.
  await store.keyv.set(keys.boardBucket('g1', 7), {
    v: 1,
    entries: {
      '99': {
        n: 'ghost',
        p: 50,
        a: 5,
        w: { k: 'x', p: 0, a: 0 },
        m: { k: 'x', p: 0, a: 0 },
        s: { current: 0, best: 0 },
      },
    },
  });
  const second = await make();
  const page = await second.leaderboard.page({
    guildId: 'g1',
    metric: 'points',
    period: 'all',
    page: 0,
    callerId: '11',
  });
  assert.deepEqual(
    page.rows.map((r) => r.userId),
    ['11'],
  );
  assert.equal(await store.keyv.get(keys.boardBucket('g1', 7)), undefined);
  const meta = (await store.keyv.get(keys.boardMeta('g1'))) as { buckets: number; builtAt: string };
  assert.equal(meta.buckets, BOARD_BUCKETS);
  assert.equal(meta.builtAt, '2026-11-27T12:00:00.000Z');
});

test('given an index persisted with another bucket count, when a new process reads the board, then it rebuilds instead of trusting it', async (t) => {
  const { store, make } = await context(t);
  const first = await make();
  await grade(first, '11', 2);
  await store.keyv.set(keys.boardMeta('g1'), { v: 1, buckets: 256, builtAt: '2026-01-01T00:00:00.000Z' });
  const second = await make();
  const page = await second.leaderboard.page({
    guildId: 'g1',
    metric: 'points',
    period: 'all',
    page: 0,
    callerId: '11',
  });
  assert.deepEqual(page.caller, { rank: 1, value: 6 });
  assert.equal(((await store.keyv.get(keys.boardMeta('g1'))) as { buckets: number }).buckets, BOARD_BUCKETS);
});

test('given practice in a personal scope, when it is graded, then no leaderboard index is written for it', async (t) => {
  const { store, make } = await context(t);
  const ctx = await make();
  const scope = personalScope('11');
  const { answer } = await ctx.practice.submitAnswer({
    guildId: scope,
    userId: '11',
    displayName: 'user 11',
    questionId: 'dicom-basics',
    text: 'An answer long enough to be stored.',
  });
  await ctx.practice.grade({ guildId: scope, userId: '11', answerId: answer.id, grade: 'nailed' });
  assert.deepEqual(
    (await store.scan(`g:${scope}:board`)).map((r) => r.key),
    [],
  );
});

test('given a board already read, when a grade fails because its bucket cannot be written, then the board does not show the grade that was not counted; once the store heals, the grade counts once', async (t) => {
  const { ctx, kv } = await withClock(t);
  await grade(ctx, '11', 1);
  assert.equal((await board(ctx, 'points', 'all')).rows[0]?.value, 3);
  const { answer } = await ctx.practice.submitAnswer({
    guildId: 'g1',
    userId: '11',
    displayName: 'user 11',
    questionId: 'dice-and-iou',
    text: 'An answer long enough to be stored.',
  });
  const heal = await failWrites(kv, 'g:g1:board:*');
  await assert.rejects(
    ctx.practice.grade({ guildId: 'g1', userId: '11', answerId: answer.id, grade: 'nailed' }),
  );
  assert.equal((await board(ctx, 'points', 'all')).rows[0]?.value, 3, 'not the failed grade');
  await heal();
  await ctx.practice.grade({ guildId: 'g1', userId: '11', answerId: answer.id, grade: 'nailed' });
  assert.equal((await board(ctx, 'points', 'all')).rows[0]?.value, 6);
});

test('given a member whose forget-me fails on the board, when the board is read, then the member is still on it (nothing was deleted); a retry after the store heals removes them', async (t) => {
  const { ctx, kv } = await withClock(t);
  await grade(ctx, '11', 1);
  await grade(ctx, '12', 1);
  await board(ctx, 'points', 'all');
  const heal = await failWrites(kv, 'g:g1:board:*');
  await assert.rejects(ctx.practice.forget('g1', '12'));
  assert.deepEqual((await board(ctx, 'points', 'all')).rows.map((r) => r.userId).sort(), ['11', '12']);
  await heal();
  await ctx.practice.forget('g1', '12');
  assert.deepEqual(
    (await board(ctx, 'points', 'all')).rows.map((r) => r.userId),
    ['11'],
  );
});
