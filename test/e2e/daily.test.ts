import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { channelSends, finalResponses } from '../helpers/flows.ts';

const DAILY_CHANNEL = '100000000000000011';
const ROLE = '100000000000000020';

/** 2026-11-27 10:00 in Berlin (UTC+1). */
const MORNING = new Date('2026-11-27T09:00:00Z');

async function setDaily(h: Harness, time: string, extra: Record<string, string | boolean> = {}) {
  const admin = h.user('admin', { admin: true });
  const reply = await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time, timezone: 'Europe/Berlin', ...extra },
    })
    .firstResponse();
  assert.equal(reply.ephemeral, true);
  assert.match(reply.data.content, /Daily question set/);
  // A schedule set after its time posts right away, after the reply; the sweep waits for it.
  await h.bot.scheduler.runSweep();
  return admin;
}

const posts = (h: Harness) => h.emu.messages(DAILY_CHANNEL);
const sends = (h: Harness) => channelSends(h, DAILY_CHANNEL);

test("given a daily schedule set after its time today, then today's post is made at once, exactly once, also after a restart", async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  await setDaily(h, '09:30', { role: ROLE });
  assert.equal(posts(h).length, 1);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
  const post = posts(h)[0]!;
  assert.match(post.embeds[0]!.author!.name, /Question of the day · 2026-11-27/);
  assert.equal(post.content, `<@&${ROLE}>`);
  assert.deepEqual(
    post.components[0]!.components!.map((c) => (c as { label: string }).label),
    ['Answer', 'Show answer', 'Report a problem'],
  );

  await h.bot.scheduler.runSweep();
  await h.restart();
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1, 'no second post after a second sweep or a restart');
  assert.equal(sends(h), 1, 'not even a second send: the post record stopped it, not the nonce');

  clock.advance(24 * 3600_000);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 2, 'the next day posts again');
  assert.notEqual(posts(h)[1]!.embeds[0]!.title, post.embeds[0]!.title, 'a different question the next day');
  assert.deepEqual(h.emu.violations, []);
});

test('given the process crashed between sending and recording, when it restarts, then the resend is deduplicated by the nonce', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h, '09:00');
  assert.equal(posts(h).length, 1);
  // Rewind the record to "sending", as if the process died right after Discord accepted the post.
  const key: [string, string] = [h.guildId, DAILY_CHANNEL];
  const record = (await h.bot.store.posts.get(...key))!;
  await h.bot.store.posts.set(key, { ...record, state: 'sending', messageId: undefined });
  await h.restart();
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
  assert.equal((await h.bot.store.posts.get(...key))!.state, 'sent');
});

test('given a schedule later today, when the sweep runs before the time, then nothing is posted yet', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  await setDaily(h, '18:00');
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 0);
  clock.advance(8 * 3600_000);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
});

test('given the bot lacks permission in the channel, when the post is due, then the error is recorded, shown in status, and the bot keeps serving', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  const admin = await setDaily(h, '18:00');
  h.emu.setChannelAccess(DAILY_CHANNEL, 'no-permission');
  clock.advance(9 * 3600_000);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 0);
  const status = await h.emu.slash({ user: admin, name: 'daily', subcommand: 'status' }).firstResponse();
  assert.match(status.data.content, /last error/);
  assert.match(status.data.content, /50013/);
  const question = await h.emu
    .slash({ user: admin, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  assert.equal(question.callbackType, 4, 'other commands still work');
  // Not retried the same day; tried again the next day, when the permission is fixed.
  h.emu.setChannelAccess(DAILY_CHANNEL, 'ok');
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 0);
  clock.advance(24 * 3600_000);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
  const after = await h.emu.slash({ user: admin, name: 'daily', subcommand: 'status' }).firstResponse();
  assert.doesNotMatch(after.data.content, /last error/);
});

test('given Discord answers 500 once, when the post is due, then it ends with exactly one post', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  await setDaily(h, '18:00');
  clock.advance(9 * 3600_000);
  h.emu.injectFault({
    method: 'POST',
    path: new RegExp(`/channels/${DAILY_CHANNEL}/messages$`),
    status: 500,
    times: 1,
  });
  await h.bot.scheduler.runSweep();
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
});

test('given Discord fails the post with 500 on every retry, when the fault clears, then the next sweep posts once', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  await setDaily(h, '18:00');
  clock.advance(9 * 3600_000);
  h.emu.injectFault({
    method: 'POST',
    path: new RegExp(`/channels/${DAILY_CHANNEL}/messages$`),
    status: 503,
    times: 4,
  });
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 0);
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
});

test('given the channel was deleted, when the post is due, then the schedule is disabled', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  const admin = await setDaily(h, '18:00');
  clock.advance(9 * 3600_000);
  h.emu.removeChannel(DAILY_CHANNEL);
  await h.bot.scheduler.runSweep();
  const status = await h.emu.slash({ user: admin, name: 'daily', subcommand: 'status' }).firstResponse();
  assert.match(status.data.content, /off \(the channel no longer exists\)/);
  assert.equal(h.bot.scheduler.taskCount, 0);
});

test('given a member without Manage Server, when they run /daily set, then it is refused and nothing is stored', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  const member = h.user('member');
  const reply = await h.emu
    .slash({
      user: member,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time: '09:00', timezone: 'UTC' },
    })
    .firstResponse();
  assert.equal(reply.ephemeral, true);
  assert.match(reply.data.content, /Manage Server/);
  assert.equal(await h.store.keyv.get(keys.guild(h.guildId)), undefined);
});

test('given bad values, when an admin runs /daily set, then the error says what is valid', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  const admin = h.user('admin', { admin: true });
  const badTime = await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time: '25:00', timezone: 'UTC' },
    })
    .firstResponse();
  assert.match(badTime.data.content, /HH:MM/);
  const badZone = await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time: '09:00', timezone: 'Mars/Olympus' },
    })
    .firstResponse();
  assert.match(badZone.data.content, /IANA timezone/);
  const zones = await h.emu
    .autocomplete({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { timezone: 'berl' },
      focused: 'timezone',
    })
    .firstResponse();
  assert.deepEqual(
    zones.data.choices.map((c: { value: string }) => c.value),
    ['Europe/Berlin'],
  );
});

test("given today's daily question, when a user answers it the same day, then the grade earns the +2 bonus", async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h, '09:00');
  await h.bot.scheduler.runSweep();
  const post = posts(h)[0]!;
  const answerButton = (post.components[0]!.components as { custom_id: string }[])[0]!.custom_id;
  const user = h.user('gina');
  const modal = await h.emu.click({ user, message: post, customId: answerButton }).firstResponse();
  const feedback = (
    await finalResponses(
      h.emu.submitModal({
        user,
        customId: modal.data.custom_id,
        fields: { text: 'A long enough answer about this question of the day.' },
      }),
    )
  ).at(-1)!;
  const nailed = (feedback.data.components[0].components as { custom_id: string; label: string }[]).find(
    (c) => c.label === 'Nailed it',
  )!;
  const graded = (
    await finalResponses(h.emu.click({ user, message: feedback.message!, customId: nailed.custom_id }))
  ).at(-1)!;
  assert.match(graded.data.content, /\+5 points/);
});

test('given /daily preview, then the admin privately sees the post for tomorrow', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  const admin = await setDaily(h, '18:00');
  const preview = await h.emu.slash({ user: admin, name: 'daily', subcommand: 'preview' }).firstResponse();
  assert.equal(preview.ephemeral, true);
  assert.match(preview.data.content, /2026-11-28/);
  assert.equal(posts(h).length, 0);
});

test('given the process crashed between sending and recording and stayed down past the nonce window, when it restarts, then it finds its post instead of posting again', async (t) => {
  const clock = new TestClock(MORNING);
  let emuOffset = 0;
  const h = await build(t, { clock, emulator: { now: () => Date.now() + emuOffset } });
  await setDaily(h, '09:00');
  assert.equal(posts(h).length, 1);
  const key: [string, string] = [h.guildId, DAILY_CHANNEL];
  const record = (await h.bot.store.posts.get(...key))!;
  await h.bot.store.posts.set(key, { ...record, state: 'sending', messageId: undefined });
  clock.advance(30 * 60_000);
  emuOffset = 30 * 60_000; // Discord has forgotten the nonce by now
  await h.restart();
  await h.bot.scheduler.runSweep();
  assert.equal(posts(h).length, 1);
  const after = (await h.bot.store.posts.get(...key))!;
  assert.equal(after.state, 'sent');
  assert.equal(after.messageId, posts(h)[0]!.id);
});

test('given thread:true, when the daily question is posted, then a discussion thread is opened on it', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h, '09:00', { thread: true });
  assert.equal(posts(h).length, 1);
  const threadCalls = h.emu.requests.filter(
    (r) => r.method === 'POST' && /\/messages\/\d+\/threads$/.test(r.path),
  );
  assert.equal(threadCalls.length, 1);
  assert.equal(threadCalls[0]!.status, 201);
});

test('given two channels scheduled in one server, then both get the same question of the day', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h, '09:00');
  const admin = h.user('admin2', { admin: true });
  await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: h.channelId, time: '08:00', timezone: 'Europe/Berlin' },
    })
    .firstResponse();
  await h.bot.scheduler.runSweep();
  const daily = (channelId: string) =>
    h.emu.messages(channelId).filter((m) => m.embeds[0]?.author?.name?.startsWith('Question of the day'));
  const [a] = daily(DAILY_CHANNEL);
  const [b] = daily(h.channelId);
  assert.ok(a && b);
  assert.equal(a.embeds[0]!.title, b.embeds[0]!.title);
  const off = await h.emu
    .slash({ user: admin, name: 'daily', subcommand: 'off', options: { channel: h.channelId } })
    .firstResponse();
  assert.match(off.data.content, /Stopped the daily question in <#100000000000000010>/);
  assert.equal(h.bot.scheduler.taskCount, 1);
});
