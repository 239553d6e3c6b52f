// Two processes on one PostgreSQL answering for the same member at the same moment (a rolling
// restart, a shard moved to another machine): every read-modify-write holds the key's lock across
// processes (advisory locks) and reads uncached records, so nothing is lost or counted twice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bucketOf } from '../../src/app/leaderboard.ts';
import type { DailyPoster } from '../../src/daily/poster.ts';
import { createContext } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { realBank, TestClock } from '../helpers/build.ts';
import { postgres, postgresUnavailable } from '../helpers/postgres.ts';

const noPoster = (): DailyPoster => {
  throw new Error('not used');
};
const QUESTIONS = ['dicom-basics', 'dice-and-iou', 'transfer-learning', 'ct-hounsfield-units'];

describe('two processes on one PostgreSQL', { skip: postgresUnavailable() ?? false }, () => {
  test('given two processes answering and grading for one member at once, then every answer and point is counted exactly once', async (t) => {
    const url = await (await postgres()).createDatabase();
    const clock = new TestClock(new Date('2026-11-27T12:00:00Z'));
    const processes = await Promise.all(
      [0, 1].map(async () => {
        const kv = await openStore(url, { poolSize: 4 });
        t.after(() => kv.close());
        return createContext({
          bank: await realBank(),
          store: createStore(kv),
          logger: createLogger('silent'),
          clock,
          poster: noPoster,
        });
      }),
    );
    const member = { guildId: '100000000000000001', userId: '200000000000000001', displayName: 'Ada' };
    // 16 answers, each submitted and graded by alternating processes, all in flight together.
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const { answer } = await processes[i % 2]!.practice.submitAnswer({
          ...member,
          questionId: QUESTIONS[i % QUESTIONS.length]!,
          text: `Answer number ${i}, long enough to be stored by the bot.`,
        });
        await processes[(i + 1) % 2]!.practice.grade({ ...member, answerId: answer.id, grade: 'nailed' });
      }),
    );
    const kv = await openStore(url, { poolSize: 1 });
    t.after(() => kv.close());
    const user = await createStore(kv).users.get(member.guildId, member.userId);
    assert.equal(user?.answers, 16, 'every answer counted');
    assert.equal(user?.graded.length, 16, 'every grade applied once');
    // Points: once per question per day (4 questions), 3 each for Nailed it.
    assert.equal(user?.points, 12);
  });

  test('given two processes that both served one server for a while (an overlap), when a process shows its leaderboard, then every member is on it with their points: from its first load, and in a process that served during the overlap once its board is an hour old', async (t) => {
    const url = await (await postgres()).createDatabase();
    const clock = new TestClock(new Date('2026-11-27T12:00:00Z'));
    const start = async () => {
      const kv = await openStore(url, { poolSize: 4 });
      t.after(() => kv.close());
      return createContext({
        bank: await realBank(),
        store: createStore(kv),
        logger: createLogger('silent'),
        clock,
        poster: noPoster,
      });
    };
    const [first, second] = [await start(), await start()];
    const guildId = '100000000000000001';
    // Four members whose index entries share one bucket: each process rewrites that bucket from
    // what it knows.
    const ids: string[] = [];
    for (let n = 200000000000000001n; ids.length < 4; n++) {
      if (bucketOf(String(n)) === bucketOf('200000000000000001')) ids.push(String(n));
    }
    for (const [i, userId] of ids.entries()) {
      const served = i % 2 === 0 ? first : second;
      const member = { guildId, userId, displayName: `member${i}` };
      for (const questionId of QUESTIONS.slice(0, i + 1)) {
        const { answer } = await served.practice.submitAnswer({
          ...member,
          questionId,
          text: `An answer to ${questionId}, long enough to be stored by the bot.`,
        });
        await served.practice.grade({ ...member, answerId: answer.id, grade: 'nailed' });
      }
    }
    const expected = ids.map((userId, i) => [userId, 3 * (i + 1)]).reverse();
    const board = async (ctx: typeof first) =>
      (
        await ctx.leaderboard.page({ guildId, metric: 'points', period: 'all', page: 0, callerId: ids[0]! })
      ).rows.map((r) => [r.userId, r.value]);

    assert.deepEqual(await board(await start()), expected, 'a process loading the board after the overlap');
    clock.advance(61 * 60_000);
    assert.deepEqual(await board(first), expected, 'a process that served during the overlap, an hour on');
    assert.deepEqual(await board(second), expected);
  });
});
