// Two processes on one PostgreSQL answering for the same member at the same moment (a rolling
// restart, a shard moved to another machine): every read-modify-write holds the key's lock across
// processes (advisory locks) and reads uncached records, so nothing is lost or counted twice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
});
