// The node-cron adapter: one real cron task per enabled schedule, kept in step with the schedules;
// a sweep shared by overlapping callers. (Cron firing at a minute is e2e/daily-cron.test.ts.)
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { DailyScheduler } from '../../src/daily/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { services } from '../helpers/services.ts';

async function given(t: TestContext) {
  let posts = 0;
  const { ctx } = await services(t, {
    poster: {
      post: async () => ({ status: 'posted', messageId: `m${++posts}` }),
      findRecent: async () => undefined,
      startThread: async () => {},
    },
  });
  const scheduler = new DailyScheduler(ctx.daily, createLogger('silent'));
  t.after(() => scheduler.stop());
  const set = (channelId: string, time = '09:00', timeZone = 'UTC') =>
    ctx.daily.setSchedule({ guildId: 'g1', channelId, time, timeZone, enabled: true });
  return { ctx, scheduler, set, posts: () => posts };
}

test('given schedules, when the scheduler syncs, then there is one task per enabled schedule; removed ones lose theirs', async (t) => {
  const { ctx, scheduler, set } = await given(t);
  await set('c1');
  await set('c2');
  scheduler.sync();
  assert.equal(scheduler.taskCount, 2);
  scheduler.sync();
  assert.equal(scheduler.taskCount, 2, 'syncing twice changes nothing');
  await ctx.daily.removeSchedules('g1', 'c1');
  scheduler.sync();
  assert.equal(scheduler.taskCount, 1);
  ctx.daily.schedules.set('g1:c2', { ...ctx.daily.schedules.get('g1:c2')!, enabled: false });
  scheduler.sync();
  assert.equal(scheduler.taskCount, 0, 'a disabled schedule has no task');
});

test('given a schedule whose time or zone changes, when the scheduler syncs, then its task is replaced, not doubled', async (t) => {
  const { scheduler, set } = await given(t);
  await set('c1', '09:00', 'UTC');
  scheduler.sync();
  await set('c1', '10:30', 'UTC');
  scheduler.sync();
  assert.equal(scheduler.taskCount, 1);
  const utcTime = (d: Date | undefined) => d?.toISOString().slice(11, 16);
  assert.equal(utcTime(scheduler.nextRun('g1:c1')), '10:30');
  await set('c1', '10:30', 'Asia/Tokyo');
  scheduler.sync();
  assert.equal(scheduler.taskCount, 1);
  assert.equal(utcTime(scheduler.nextRun('g1:c1')), '01:30', "10:30 in Tokyo, the task's own zone");
  const next = scheduler.nextRun('g1:c1')?.getTime() ?? 0;
  assert.ok(next > Date.now() && next <= Date.now() + 24 * 3_600_000, 'within the next day');
});

test('given a stored schedule whose time cron cannot read, when the scheduler syncs, then that schedule gets no task and the others keep theirs', async (t) => {
  const { ctx, scheduler, set } = await given(t);
  await set('c1');
  ctx.daily.schedules.set('g1:bad', {
    ...ctx.daily.schedules.get('g1:c1')!,
    channelId: 'bad',
    time: '25:99',
  });
  assert.doesNotThrow(() => scheduler.sync());
  assert.equal(scheduler.taskCount, 1);
  assert.equal(scheduler.nextRun('g1:bad'), undefined);
  ctx.daily.schedules.set('g1:c1', { ...ctx.daily.schedules.get('g1:c1')!, time: '9h' });
  assert.doesNotThrow(() => scheduler.sync(), 'a schedule with a task turning unreadable');
  assert.equal(scheduler.taskCount, 0);
});

test('given a sweep that fails (the store is gone), when it runs, then the failure is logged, not thrown, and the last good sweep time is not moved', async (t) => {
  const { ctx, scheduler, set } = await given(t);
  await set('c1');
  ctx.daily.runDue = async () => {
    throw new Error('database is closed');
  };
  await scheduler.runSweep();
  assert.equal(scheduler.lastSweepAt, undefined);
});

test('given due schedules, when sweeps are asked for while one runs, then they share it, every channel is posted once, and the sweep time is kept', async (t) => {
  const { scheduler, set, posts } = await given(t);
  await set('c1');
  await set('c2');
  assert.equal(scheduler.lastSweepAt, undefined);
  const a = scheduler.runSweep();
  const b = scheduler.runSweep();
  assert.equal(a, b);
  await a;
  assert.equal(posts(), 2);
  assert.ok((scheduler.lastSweepAt as Date | undefined)?.getTime(), 'the sweep time is kept');
  await scheduler.runSweep();
  assert.equal(posts(), 2, 'a later sweep finds nothing due');
});

test('given a started scheduler, when it stops, then every task is gone', async (t) => {
  const { scheduler, set } = await given(t);
  await set('c1');
  scheduler.start();
  assert.equal(scheduler.taskCount, 1);
  await scheduler.stop();
  assert.equal(scheduler.taskCount, 0);
});
