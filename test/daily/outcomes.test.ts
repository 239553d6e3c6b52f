// DailyService on a real store (in-memory SQLite) with a recording poster standing in for Discord
// (the e2e suites post through the emulator): schedules, the write-ahead record, every outcome of a
// send, the question of the day, and what /daily status, preview and archive read.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { isServerQuestionId } from '../../src/core/bank.ts';
import { nonceFor } from '../../src/core/daily-schedule.ts';
import type { DailyPost, DailyPoster, PostResult } from '../../src/daily/poster.ts';
import { bankWhere, services } from '../helpers/services.ts';

const G = 'g1';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Services at 2026-11-27 07:00 UTC (08:00 in Berlin); the poster answers with `results` in turn (then 'posted'),
 * records every post, and finds `recent` when asked for a day's post.
 */
async function given(t: TestContext, results: (PostResult | Error)[] = []) {
  const posts: DailyPost[] = [];
  const threads: string[] = [];
  let changes = 0;
  const state: { recent: PostResult | undefined; threadError: Error | undefined } = {
    recent: undefined,
    threadError: undefined,
  };
  const poster: DailyPoster = {
    async post(p) {
      posts.push(p);
      const result = results.shift() ?? { status: 'posted', messageId: `m${posts.length}` };
      if (result instanceof Error) throw result;
      return result;
    },
    findRecent: async () => state.recent,
    startThread: async (_channel, _message, name) => {
      if (state.threadError) throw state.threadError;
      threads.push(name);
    },
  };
  const { ctx, clock, restart } = await services(t, {
    now: '2026-11-27T07:00:00Z',
    poster,
    onSchedulesChanged: () => {
      changes++;
    },
  });
  const schedule = (channelId = 'c1', extra: { thread?: boolean } = {}) =>
    ctx.daily.setSchedule({
      guildId: G,
      channelId,
      time: '09:00',
      timeZone: 'Europe/Berlin',
      enabled: true,
      ...extra,
    });
  return { ctx, clock, restart, posts, threads, state, schedule, changes: () => changes };
}

test('given a schedule at 09:00 Berlin, when it runs before its time, then it waits; at its time it posts once with the day nonce and records it sent', async (t) => {
  const g = await given(t);
  const s = await g.schedule();
  assert.equal(await g.ctx.daily.runSchedule(s), 'waiting');
  assert.equal(await g.ctx.daily.isDueNow(s), false);
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.isDueNow(s), true);
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(g.posts.length, 1);
  assert.equal(g.posts[0]?.nonce, nonceFor(G, 'c1', '2026-11-27'));
  assert.equal(g.posts[0]?.localDate, '2026-11-27');
  const record = await g.ctx.daily.lastPost(s);
  assert.equal(record?.state, 'sent');
  assert.equal(record?.messageId, 'm1');
  assert.equal(record?.questionId, g.posts[0]?.question.id);
  assert.equal(await g.ctx.daily.runSchedule(s), 'waiting', 'once a day');
  assert.equal(g.posts.length, 1);
});

test('given two channels of one server, when both post, then they post the same question of the day, stored in the rotation', async (t) => {
  const g = await given(t);
  await g.schedule('c1');
  await g.schedule('c2');
  g.clock.advance(HOUR);
  assert.deepEqual(await g.ctx.daily.runDue(), {
    posted: 2,
    already: 0,
    disabled: 0,
    failed: 0,
    retry: 0,
    waiting: 0,
  });
  assert.equal(g.posts[0]?.question.id, g.posts[1]?.question.id);
  assert.deepEqual(
    (await g.ctx.daily.archive(G)).map((d) => [d.localDate, d.questionId]),
    [['2026-11-27', g.posts[0]?.question.id]],
  );
  assert.equal((await g.ctx.daily.questionOfDay(G, '2026-11-27')).id, g.posts[0]?.question.id);
});

test('given a channel that is gone, when the post fails, then the schedule is disabled with the reason and the day recorded failed', async (t) => {
  const g = await given(t, [{ status: 'gone', code: 10003, message: 'Unknown Channel' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  const before = g.changes();
  assert.equal(await g.ctx.daily.runSchedule(s), 'disabled');
  const [status] = await g.ctx.daily.status(G);
  assert.equal(status?.schedule.enabled, false);
  assert.equal(status?.schedule.disabledReason, 'the channel no longer exists');
  assert.equal(status?.schedule.lastError?.code, 10003);
  assert.equal(status?.last?.state, 'failed');
  assert.equal(status?.next, undefined, 'a disabled schedule has no next post');
  assert.ok(g.changes() > before, 'the scheduler is told to drop its task');
  g.clock.advance(24 * HOUR);
  assert.equal(await g.ctx.daily.runSchedule(status!.schedule), 'disabled');
  assert.equal(g.posts.length, 1);
});

test('given missing permissions, when the post is refused, then the error is kept for /daily status and the day is over; tomorrow it posts and clears the error', async (t) => {
  const g = await given(t, [{ status: 'forbidden', code: 50013, message: 'Missing Permissions' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'failed');
  let [status] = await g.ctx.daily.status(G);
  assert.equal(status?.schedule.enabled, true);
  assert.equal(status?.schedule.lastError?.message, 'Missing Permissions');
  assert.equal(status?.last?.state, 'failed');
  assert.equal(await g.ctx.daily.runSchedule(status!.schedule), 'waiting');
  g.clock.advance(24 * HOUR);
  assert.equal(await g.ctx.daily.runSchedule(status!.schedule), 'posted');
  [status] = await g.ctx.daily.status(G);
  assert.equal(status?.schedule.lastError, undefined);
});

test('given a transient failure, when the next sweep runs, then the same question is resent with the same nonce and recorded once', async (t) => {
  const g = await given(t, [
    { status: 'transient', message: 'Internal Server Error', code: 500 },
    new Error('socket hang up'),
  ]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'retry');
  assert.equal((await g.ctx.daily.lastPost(s))?.state, 'sending', 'the write-ahead record stays');
  g.clock.advance(MINUTE);
  const [status] = await g.ctx.daily.status(G);
  assert.equal(status?.schedule.lastError?.code, 500);
  assert.equal(await g.ctx.daily.runSchedule(status!.schedule), 'retry', 'a thrown send is retried too');
  g.clock.advance(MINUTE);
  assert.equal(await g.ctx.daily.runSchedule(status!.schedule), 'posted');
  assert.equal(g.posts.length, 3);
  assert.deepEqual(new Set(g.posts.map((p) => p.nonce)).size, 1);
  assert.deepEqual(new Set(g.posts.map((p) => p.question.id)).size, 1);
  assert.equal((await g.ctx.daily.lastPost(s))?.state, 'sent');
});

test('given a send interrupted longer ago than the nonce window, when it resumes, then the channel is searched first and an existing post is recorded instead of a second one', async (t) => {
  const g = await given(t, [{ status: 'transient', message: 'timeout' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  await g.ctx.daily.runSchedule(s);
  g.clock.advance(2 * MINUTE + 1);
  g.state.recent = { status: 'posted', messageId: 'found' };
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(g.posts.length, 1, 'not sent again');
  assert.equal((await g.ctx.daily.lastPost(s))?.messageId, 'found');
});

test('given a send interrupted within the nonce window, when it resumes, then it is resent with its nonce without searching', async (t) => {
  const g = await given(t, [{ status: 'transient', message: 'timeout' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  await g.ctx.daily.runSchedule(s);
  g.clock.advance(2 * MINUTE);
  g.state.recent = { status: 'posted', messageId: 'found' };
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(g.posts.length, 2);
  assert.equal((await g.ctx.daily.lastPost(s))?.messageId, 'm2');
});

test('given a schedule with a discussion thread, when it posts, then the thread is named for the day; a refused thread leaves the post posted', async (t) => {
  const g = await given(t);
  const s = await g.schedule('c1', { thread: true });
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.deepEqual(g.threads, [`Discussion 2026-11-27: ${g.posts[0]?.question.id}`.slice(0, 100)]);
  g.state.threadError = new Error('Missing Permissions');
  g.clock.advance(24 * HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(g.threads.length, 1);
});

test('given a running post, when the same schedule is run again meanwhile, then the second waits for the first and reports already', async (t) => {
  const g = await given(t);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  const [first, second] = await Promise.all([g.ctx.daily.runSchedule(s), g.ctx.daily.runSchedule(s)]);
  assert.equal(first, 'posted');
  assert.equal(second, 'already');
  assert.equal(g.posts.length, 1);
});

test('given schedules in two channels, when one or all are removed, then the removed channels are returned and no longer run', async (t) => {
  const g = await given(t);
  await g.schedule('c1');
  await g.schedule('c2');
  await g.schedule('c3');
  assert.deepEqual(await g.ctx.daily.removeSchedules(G, 'c2'), ['c2']);
  assert.deepEqual(await g.ctx.daily.removeSchedules(G, 'nope'), []);
  assert.deepEqual((await g.ctx.daily.removeSchedules(G)).sort(), ['c1', 'c3']);
  assert.equal(g.ctx.daily.schedules.size, 0);
  assert.deepEqual(await g.ctx.daily.status(G), []);
});

test('given stored schedules, when a new process loads the server, then its schedules run; unloading forgets them', async (t) => {
  const g = await given(t);
  await g.schedule('c1');
  g.ctx.daily.unloadGuild(G);
  assert.equal(g.ctx.daily.schedules.size, 0);
  await g.ctx.daily.loadGuilds([G, 'g-without-schedules']);
  assert.deepEqual([...g.ctx.daily.schedules.keys()], [`${G}:c1`]);
});

test('given a schedule, when tomorrow is previewed, then the question is the one tomorrow posts and nothing is stored', async (t) => {
  const g = await given(t);
  const s = await g.schedule();
  const preview = await g.ctx.daily.preview(G);
  assert.equal(preview.localDate, '2026-11-28');
  assert.equal(preview.schedule?.channelId, 'c1');
  assert.deepEqual(await g.ctx.daily.archive(G), [], 'a preview stores nothing');
  g.clock.advance(25 * HOUR);
  await g.ctx.daily.runSchedule(s);
  assert.equal(g.posts[0]?.question.id, preview.question.id);
  assert.equal(g.ctx.daily.nextPostTime(s)?.toISOString(), '2026-11-29T08:00:00.000Z');
});

test('given schedules in two servers, when one server asks for its status or preview, then it sees only its own schedules', async (t) => {
  const g = await given(t);
  await g.ctx.daily.setSchedule({
    guildId: 'g2',
    channelId: 'other',
    time: '07:00',
    timeZone: 'Asia/Tokyo',
    enabled: true,
  });
  await g.schedule('c1');
  assert.deepEqual(
    (await g.ctx.daily.status(G)).map((s) => s.schedule.channelId),
    ['c1'],
  );
  assert.equal((await g.ctx.daily.preview(G)).schedule?.channelId, 'c1');
  assert.equal((await g.ctx.daily.preview('g3')).schedule, undefined, 'a server without schedules');
});

test('given a server without schedules and without a stored record, when its schedules are removed, then nothing is stored for it', async (t) => {
  const g = await given(t);
  assert.deepEqual(await g.ctx.daily.removeSchedules('g2'), []);
  assert.equal(await (await g.restart()).guilds.get('g2'), undefined);
});

test('given a schedule removed while its post was being sent, when Discord refuses the post, then the schedule stays removed', async (t) => {
  const g = await given(t, [{ status: 'forbidden', code: 50013, message: 'Missing Permissions' }]);
  const s = await g.schedule('c1');
  await g.schedule('c2');
  await g.ctx.daily.removeSchedules(G, 'c1');
  g.clock.advance(HOUR);
  await g.ctx.daily.runSchedule(s);
  const stored = await (await g.restart()).guilds.get(G);
  assert.deepEqual(Object.keys(stored?.schedules ?? {}), ['c2']);
  assert.deepEqual([...g.ctx.daily.schedules.keys()], [`${G}:c2`], 'and in this process');
});

test('given a server that posts its own questions but has none, when the day comes, then a question from the shared bank is posted', async (t) => {
  const g = await given(t);
  const s = await g.ctx.daily.setSchedule(
    { guildId: G, channelId: 'c1', time: '09:00', timeZone: 'Europe/Berlin', enabled: true },
    'server',
  );
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(isServerQuestionId(g.posts[0]?.question.id ?? ''), false);
});

test('given schedules loaded or unloaded, then the scheduler is told each time', async (t) => {
  const g = await given(t);
  await g.schedule('c1');
  const before = g.changes();
  await g.ctx.daily.loadGuilds([G]);
  assert.equal(g.changes(), before + 1, 'after a load');
  g.ctx.daily.unloadGuild(G);
  assert.equal(g.changes(), before + 2, 'after an unload');
});

test('given a send interrupted before Discord answered, when a restart has removed its question from the bank, then the day is posted once with another question under the same nonce', async (t) => {
  const g = await given(t, [{ status: 'transient', message: 'timeout' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'retry');
  const interrupted = (await g.ctx.daily.lastPost(s))!;
  const after = await g.restart({ bank: bankWhere(g.ctx.bank(), (q) => q.id !== interrupted.questionId) });
  g.clock.advance(MINUTE);
  assert.equal(await after.daily.runSchedule(s), 'posted');
  assert.equal(g.posts.length, 2);
  const resent = g.posts[1]!;
  assert.notEqual(resent.question.id, interrupted.questionId);
  assert.ok(after.bank().byId.has(resent.question.id));
  assert.equal(resent.nonce, interrupted.nonce);
  const last = await after.daily.lastPost(s);
  assert.deepEqual([last?.state, last?.questionId], ['sent', resent.question.id]);
});

test('given a server that posts its own questions and has one, when the day comes, then its own question is posted', async (t) => {
  const g = await given(t);
  const own = await g.ctx.serverBank.add(G, 'editor', {
    title: 'How would you validate a chest X-ray triage model before it goes live at our hospital?',
    topic: 'evaluation',
    difficulty: 'medium',
    keyPoints:
      '- Test on a consecutive cohort from our own hospital\n- Report sensitivity with confidence intervals\n- Run a silent trial before go-live',
    answer:
      'Take a consecutive cohort of recent studies from our own scanners, label them with a reference standard the model never saw, report sensitivity with confidence intervals, then run the model silently for some weeks before clinicians see its output.',
  });
  const s = await g.ctx.daily.setSchedule(
    { guildId: G, channelId: 'c1', time: '09:00', timeZone: 'Europe/Berlin', enabled: true },
    'server',
  );
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'posted');
  assert.equal(g.posts[0]?.question.id, own.id);
});

test('given schedules of two servers, when one server is unloaded, then only its schedules are forgotten', async (t) => {
  const g = await given(t);
  await g.schedule('c1');
  await g.ctx.daily.setSchedule({
    guildId: 'g2',
    channelId: 'c2',
    time: '09:00',
    timeZone: 'UTC',
    enabled: true,
  });
  g.ctx.daily.unloadGuild(G);
  assert.deepEqual([...g.ctx.daily.schedules.keys()], ['g2:c2']);
});

test('given a channel that no longer exists, when the post disables its schedule, then a new process reads it disabled with the reason', async (t) => {
  const g = await given(t, [{ status: 'gone', code: 10003, message: 'Unknown Channel' }]);
  const s = await g.schedule();
  g.clock.advance(HOUR);
  assert.equal(await g.ctx.daily.runSchedule(s), 'disabled');
  const after = await g.restart();
  await after.daily.loadGuilds([G]);
  const [status] = await after.daily.status(G);
  assert.equal(status?.schedule.enabled, false);
  assert.equal(status?.schedule.disabledReason, 'the channel no longer exists');
});
