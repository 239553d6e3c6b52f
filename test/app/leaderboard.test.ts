import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOARD_BUCKETS } from '../../src/app/leaderboard.ts';
import type { DailyPoster } from '../../src/daily/poster.ts';
import { createContext } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { keys } from '../../src/store/keys.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { realBank, TestClock } from '../helpers/build.ts';

const noPoster = (): DailyPoster => {
  throw new Error('not used');
};

async function context(t: { after: (fn: () => Promise<void>) => void }) {
  const store = await openStore('sqlite://:memory:');
  t.after(() => store.close());
  const make = async () =>
    createContext({
      bank: await realBank(),
      store: createStore(store),
      logger: createLogger('silent'),
      clock: new TestClock(new Date('2026-11-27T12:00:00Z')),
      poster: noPoster,
    });
  return { store, make };
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
