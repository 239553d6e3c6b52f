// The daily service's fan-out over its poster port: a recording poster (a small object standing in
// for Discord) on the real store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DailyPoster } from '../../src/daily/poster.ts';
import { services } from '../helpers/services.ts';

test('given 40 schedules whose cron tasks fire at the same moment, when they post, then at most 8 posts are in flight at once (requests are paced per process: a post queued behind hundreds would outlive its request timeout) and every channel gets its post', async (t) => {
  let inFlight = 0;
  let most = 0;
  const posted: string[] = [];
  const poster: DailyPoster = {
    async post(p) {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      posted.push(p.schedule.channelId);
      return { status: 'posted', messageId: `m${posted.length}` };
    },
    findRecent: async () => undefined,
    startThread: async () => {},
  };
  const { ctx } = await services(t, { poster });
  const schedules = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      ctx.daily.setSchedule({
        guildId: String(100000000000000001n + BigInt(i)),
        channelId: String(300000000000000001n + BigInt(i)),
        time: '11:00',
        timeZone: 'UTC',
        enabled: true,
      }),
    ),
  );

  const outcomes = await Promise.all(schedules.map((s) => ctx.daily.runSchedule(s)));

  assert.deepEqual(new Set(outcomes), new Set(['posted']));
  assert.equal(new Set(posted).size, 40);
  assert.ok(most <= 8, `${most} posts in flight at once`);
  assert.ok(most >= 2, 'posts do run side by side');
});
