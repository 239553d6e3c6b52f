// Streak reminders (/settings remind): a DM with a question when a member with a streak of 2+ has
// not practised by their time; once a day, across restarts; never to members who closed their DMs.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { EmuUser } from '../../tools/emulator/index.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { answer, channelSends, finalResponses } from '../helpers/flows.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function settings(h: Harness, user: EmuUser, options: Record<string, string>) {
  return (await finalResponses(h.emu.slash({ user, name: 'settings', dm: true, options }))).at(-1)!;
}

/** Practises once in the DM on each of `days` consecutive days, at the clock's time of day. */
async function practiseDays(h: Harness, clock: TestClock, user: EmuUser, days: number) {
  for (let i = 0; i < days; i++) {
    await answer(h, user, 'dicom-basics', undefined, { dm: true });
    clock.advance(DAY);
  }
}

const dmSends = (h: Harness, user: EmuUser) => channelSends(h, h.emu.dmChannel(user.id));
const dmAttempts = (h: Harness, user: EmuUser) =>
  h.emu.requests.filter(
    (r) => r.method === 'POST' && r.path === `/channels/${h.emu.dmChannel(user.id)}/messages`,
  ).length;

/**
 * Erin, Frank and Gina have a reminder at 20:00 New York time; on the 27th at 10:00 there, Erin has a
 * streak of 2 and has not practised today, Frank has practised today, Gina has a streak of 1.
 */
async function givenStreaksOnTheMorningOfThe27th(t: TestContext) {
  // 2026-11-25 10:00 in New York.
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z'));
  const h = await build(t, { clock });
  const erin = h.user('erin');
  const frank = h.user('frank');
  const gina = h.user('gina');
  for (const u of [erin, frank, gina]) {
    const reply = await settings(h, u, { timezone: 'America/New_York', remind: '20:00' });
    assert.match(reply.data.content, /Streak reminder: \*\*20:00\*\* \(America\/New_York\)/);
  }
  // Erin and Frank practise on the 25th and 26th (streak 2); Gina only on the 26th (streak 1).
  await answer(h, erin, 'dicom-basics', undefined, { dm: true });
  await answer(h, frank, 'dicom-basics', undefined, { dm: true });
  clock.advance(DAY);
  for (const u of [erin, frank, gina]) await answer(h, u, 'dicom-basics', undefined, { dm: true });
  clock.advance(DAY);
  // The 27th, 10:00: Frank practises again today.
  await answer(h, frank, 'dicom-basics', undefined, { dm: true });
  return { h, clock, erin, frank, gina };
}

/** The same, after the 20:00 sweep reminded Erin. */
async function givenErinReminded(t: TestContext) {
  const given = await givenStreaksOnTheMorningOfThe27th(t);
  given.clock.advance(10 * HOUR);
  assert.equal((await given.h.bot.ctx.reminders.runDue()).sent, 1);
  return given;
}

test('given streaks and reminders at 20:00 New York time, when the sweep runs at 19:59 their time, then nobody is reminded yet', async (t) => {
  const { h, clock, erin, frank, gina } = await givenStreaksOnTheMorningOfThe27th(t);
  clock.advance(9 * HOUR + 59 * 60_000);
  const counts = await h.bot.ctx.reminders.runDue();
  assert.equal(counts.sent, 0);
  for (const u of [erin, frank, gina]) assert.equal(dmAttempts(h, u), 0);
  assert.deepEqual(h.emu.violations, []);
});

test('given streaks and reminders at 20:00 New York time, when the sweep runs at 20:00, then only Erin (streak 2, not practised today) gets one DM with a question', async (t) => {
  const { h, clock, erin, frank, gina } = await givenStreaksOnTheMorningOfThe27th(t);
  clock.advance(10 * HOUR);
  // Two sweeps asked for at once (the minute timer and another caller) run one after the other.
  const [counts, again] = await Promise.all([h.bot.ctx.reminders.runDue(), h.bot.ctx.reminders.runDue()]);
  assert.deepEqual(counts, { sent: 1, skipped: 2, closed: 0, failed: 0, retry: 0 });
  assert.deepEqual(again, { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 });
  assert.equal(dmSends(h, erin), 1);
  assert.equal(dmSends(h, frank), 0, 'Frank practised today');
  assert.equal(dmSends(h, gina), 0, 'a streak of 1 is not reminded');
  const dm = h.emu.messages(h.emu.dmChannel(erin.id)).at(-1)!;
  assert.match(dm.content, /Your 2-day streak ends at midnight/);
  assert.ok(dm.components.length > 0, 'the question comes with its Answer button');
  assert.deepEqual(h.emu.violations, []);
});

test('given a member reminded today, when the sweep runs again, also after a restart, then nobody gets a second one that day', async (t) => {
  const { h, clock, erin } = await givenErinReminded(t);
  await h.bot.ctx.reminders.runDue();
  await h.restart();
  clock.advance(2 * HOUR);
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmAttempts(h, erin), 1);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member reminded today who keeps her streak, when she turns it off, then the next day brings no reminder', async (t) => {
  const { h, clock, erin } = await givenErinReminded(t);
  // She practises after the reminder: her streak of 3 would be reminded again tomorrow.
  await answer(h, erin, 'dicom-basics', undefined, { dm: true });
  const reply = await settings(h, erin, { remind: 'off' });
  assert.match(reply.data.content, /Streak reminder: \*\*off\*\*/);
  clock.advance(DAY);
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmAttempts(h, erin), 1);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member who closed their DMs to the bot, when the reminder is due, then it turns itself off and /settings says why', async (t) => {
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const h = await build(t, { clock });
  const hana = h.user('hana', { dmsClosed: true });
  await settings(h, hana, { remind: '18:00' });
  await practiseDays(h, clock, hana, 2);
  clock.advance(6 * HOUR);
  const counts = await h.bot.ctx.reminders.runDue();
  assert.equal(counts.closed, 1);
  assert.equal(dmAttempts(h, hana), 1);
  const reply = await settings(h, hana, {});
  assert.match(reply.data.content, /off\*\*, because your DMs are closed/);
  clock.advance(DAY);
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmAttempts(h, hana), 1, 'no further attempts');
});

test('given a reminder whose send fails, when the next sweep runs within minutes, then it is sent once with the same nonce', async (t) => {
  const clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  const h = await build(t, { clock });
  const ivan = h.user('ivan');
  await settings(h, ivan, { remind: '18:00' });
  await practiseDays(h, clock, ivan, 2);
  clock.advance(6 * HOUR);
  h.emu.injectFault({
    method: 'POST',
    path: new RegExp(`^/channels/${h.emu.dmChannel(ivan.id)}/messages$`),
    status: 500,
    times: 4,
  });
  const first = await h.bot.ctx.reminders.runDue();
  assert.equal(first.retry, 1);
  clock.advance(60_000);
  const second = await h.bot.ctx.reminders.runDue();
  assert.equal(second.sent, 1);
  assert.equal(dmSends(h, ivan), 1);
  const nonces = new Set(
    h.emu.requests
      .filter((r) => r.path === `/channels/${h.emu.dmChannel(ivan.id)}/messages`)
      .map((r) => (r.body as { nonce?: string }).nonce),
  );
  assert.equal(nonces.size, 1, 'every attempt carried the one nonce of that day');
});

test('given a reminder at 02:30 in Berlin, on the spring-forward day (2026-03-29) it comes at 03:00 CEST, once', async (t) => {
  const clock = new TestClock(new Date('2026-03-27T10:00:00Z'));
  const h = await build(t, { clock });
  const jana = h.user('jana');
  await settings(h, jana, { timezone: 'Europe/Berlin', remind: '02:30' });
  await practiseDays(h, clock, jana, 2); // the 27th and the 28th
  clock.current = new Date('2026-03-29T00:59:00Z'); // 01:59 CET
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmSends(h, jana), 0);
  clock.current = new Date('2026-03-29T01:00:00Z'); // 03:00 CEST: 02:30 never happens that day
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmSends(h, jana), 1);
  clock.current = new Date('2026-03-29T02:00:00Z');
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmSends(h, jana), 1);
});

test('given a reminder at 01:30 in New York, on the fall-back day (2026-11-01) 01:30 happens twice, and it comes once', async (t) => {
  const clock = new TestClock(new Date('2026-10-30T16:00:00Z'));
  const h = await build(t, { clock });
  const kai = h.user('kai');
  await settings(h, kai, { timezone: 'America/New_York', remind: '01:30' });
  await practiseDays(h, clock, kai, 2); // the 30th and the 31st
  clock.current = new Date('2026-11-01T05:30:00Z'); // 01:30 EDT, the first one
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmSends(h, kai), 1);
  clock.current = new Date('2026-11-01T06:30:00Z'); // 01:30 EST, the second one
  await h.bot.ctx.reminders.runDue();
  assert.equal(dmSends(h, kai), 1);
});
