// ReminderService on a real store (in-memory SQLite), with a recording sender standing in for
// Discord's DMs (the e2e suite sends them through the emulator): claims, outcomes and settings.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { Reminder, ReminderResult } from '../../src/app/reminder-sender.ts';
import { reminderNonce } from '../../src/core/reminders.ts';
import { personalScope } from '../../src/core/scope.ts';
import { GOOD_ANSWER } from '../helpers/flows.ts';
import { services } from '../helpers/services.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/Berlin';

/**
 * Services on a fresh store; the sender answers with `results` in turn (then 'sent') and records
 * every reminder. The clock starts on 2026-11-25 at 10:00 in Berlin.
 */
async function given(t: TestContext, results: (ReminderResult | Error)[] = []) {
  const sent: Reminder[] = [];
  /** Runs once, inside the next send: what another process does while this one waits on Discord. */
  const during: { send?: (reminder: Reminder) => Promise<void> } = {};
  const { ctx, clock, restart } = await services(t, {
    now: '2026-11-25T09:00:00Z',
    random: () => 0,
    reminderSender: {
      async send(reminder) {
        sent.push(reminder);
        const hook = during.send;
        during.send = undefined;
        await hook?.(reminder);
        const result = results.shift() ?? 'sent';
        if (result instanceof Error) throw result;
        return result;
      },
    },
  });
  /** One answer in the member's personal practice, now. */
  const practise = (userId: string) =>
    ctx.practice.submitAnswer({
      guildId: personalScope(userId),
      userId,
      displayName: userId,
      questionId: 'dicom-basics',
      text: GOOD_ANSWER,
    });
  return { ctx, clock, sent, practise, during, restart };
}

type Given = Awaited<ReturnType<typeof given>>;

/** `userId` practised yesterday and the day before (a streak of 2), with a reminder at 20:00. */
async function withStreakOfTwo(g: Given, userId: string) {
  await g.ctx.guilds.setTimeZone(personalScope(userId), ZONE);
  await g.ctx.reminders.set(userId, '20:00', ZONE);
  g.clock.advance(-2 * DAY);
  await g.practise(userId);
  g.clock.advance(DAY);
  await g.practise(userId);
  g.clock.advance(DAY);
}

test('given no reminder, when it is turned off, then nothing is stored; when turned on, then it is stored enabled with its time and zone', async (t) => {
  const g = await given(t);
  assert.equal(await g.ctx.reminders.set('u1', undefined, ZONE), undefined);
  assert.equal(await g.ctx.reminders.get('u1'), undefined);
  const on = await g.ctx.reminders.set('u1', '07:30', ZONE);
  assert.deepEqual(on, {
    v: 1,
    userId: 'u1',
    time: '07:30',
    timeZone: ZONE,
    enabled: true,
    disabledReason: undefined,
  });
  assert.deepEqual(await g.ctx.reminders.get('u1'), {
    v: 1,
    userId: 'u1',
    time: '07:30',
    timeZone: ZONE,
    enabled: true,
  });
});

test('given a reminder, when it is turned off, then it stays stored but disabled, keeping its time', async (t) => {
  const g = await given(t);
  await g.ctx.reminders.set('u1', '07:30', ZONE);
  await g.ctx.reminders.set('u1', undefined, ZONE);
  const off = await g.ctx.reminders.get('u1');
  assert.equal(off?.enabled, false);
  assert.equal(off?.time, '07:30');
});

test('given a reminder, when the personal zone changes, then the reminder follows it; without one, nothing is created', async (t) => {
  const g = await given(t);
  await g.ctx.reminders.followTimeZone('u2', 'Asia/Tokyo');
  assert.equal(await g.ctx.reminders.get('u2'), undefined);
  await g.ctx.reminders.set('u1', '07:30', ZONE);
  await g.ctx.reminders.followTimeZone('u1', 'America/New_York');
  assert.equal((await g.ctx.reminders.get('u1'))?.timeZone, 'America/New_York');
});

test('given a streak of 2 not kept today, when the sweep runs before 20:00, then nothing is sent; at 20:00 one reminder with the streak and the day nonce, recorded as sent', async (t) => {
  const g = await given(t);
  await withStreakOfTwo(g, 'u1');
  g.clock.advance(9 * HOUR + 59 * 60_000); // 19:59 in Berlin
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 });
  assert.equal(g.sent.length, 0);
  g.clock.advance(60_000);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 1, skipped: 0, closed: 0, failed: 0, retry: 0 });
  assert.equal(g.sent.length, 1);
  assert.equal(g.sent[0]?.userId, 'u1');
  assert.equal(g.sent[0]?.streak, 2);
  assert.equal(g.sent[0]?.nonce, reminderNonce('u1', '2026-11-25'));
  assert.ok(g.sent[0]?.question.id, 'a question goes with it');
  const last = (await g.ctx.reminders.get('u1'))?.last;
  assert.deepEqual(last, { day: '2026-11-25', state: 'sent', at: '2026-11-25T19:00:00.000Z' });
  g.clock.advance(HOUR);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 });
  assert.equal(g.sent.length, 1, 'once a day');
});

test('given a member who practised today or has no streak, when the reminder is due, then it is skipped and recorded for the day', async (t) => {
  const g = await given(t);
  await withStreakOfTwo(g, 'u1');
  await g.practise('u1');
  await g.ctx.reminders.set('u2', '20:00', ZONE);
  g.clock.advance(10 * HOUR);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 2, closed: 0, failed: 0, retry: 0 });
  assert.equal(g.sent.length, 0);
  assert.equal((await g.ctx.reminders.get('u1'))?.last?.state, 'skipped');
  assert.equal((await g.ctx.reminders.get('u2'))?.last?.day, '2026-11-25');
});

test('given a member who closed their DMs, when the reminder is sent, then it turns itself off with the reason', async (t) => {
  const g = await given(t, ['closed']);
  await withStreakOfTwo(g, 'u1');
  g.clock.advance(10 * HOUR);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 0, closed: 1, failed: 0, retry: 0 });
  const record = await g.ctx.reminders.get('u1');
  assert.equal(record?.enabled, false);
  assert.equal(record?.disabledReason, 'dms-closed');
  assert.equal(record?.last?.state, 'failed');
  await g.ctx.reminders.set('u1', '20:00', ZONE);
  assert.equal(
    (await g.ctx.reminders.get('u1'))?.disabledReason,
    undefined,
    'turning it on again clears the reason',
  );
});

test('given a send that failed for now, when the next sweep runs, then the same reminder is sent again with the same nonce, once', async (t) => {
  const g = await given(t, ['transient']);
  await withStreakOfTwo(g, 'u1');
  g.clock.advance(10 * HOUR);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 1 });
  const claimed = (await g.ctx.reminders.get('u1'))?.last;
  assert.equal(claimed?.state, 'sending');
  g.clock.advance(60_000);
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 1, skipped: 0, closed: 0, failed: 0, retry: 0 });
  assert.equal(g.sent.length, 2);
  assert.equal(g.sent[1]?.nonce, g.sent[0]?.nonce);
  assert.equal((await g.ctx.reminders.get('u1'))?.last?.state, 'sent');
});

test('given sends that keep failing for now, when sweeps retry them, then each retry keeps the first claim and its nonce, and past the resend window the day is given up as failed', async (t) => {
  const g = await given(t, ['transient', 'transient', 'transient', 'transient', 'transient', 'transient']);
  await withStreakOfTwo(g, 'u1');
  g.clock.advance(10 * HOUR); // 20:00 in Berlin
  const firstClaim = g.clock.now().toISOString();
  const nonce = reminderNonce('u1', '2026-11-25');
  for (let minute = 0; minute <= 4; minute++) {
    assert.equal((await g.ctx.reminders.runDue()).retry, 1, `retry at minute ${minute}`);
    assert.deepEqual((await g.ctx.reminders.get('u1'))?.last, {
      day: '2026-11-25',
      state: 'sending',
      nonce,
      at: firstClaim,
    });
    g.clock.advance(60_000);
  }
  assert.deepEqual(await g.ctx.reminders.runDue(), { sent: 0, skipped: 0, closed: 0, failed: 1, retry: 0 });
  assert.equal((await g.ctx.reminders.get('u1'))?.last?.state, 'failed');
  assert.equal(g.sent.length, 5);
  assert.ok(g.sent.every((r) => r.nonce === nonce));
  g.clock.advance(HOUR);
  assert.deepEqual(
    await g.ctx.reminders.runDue(),
    { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 },
    'not again today',
  );
});

test("given one member's send throws, when the sweep runs, then it is counted as failed and the others are still reminded", async (t) => {
  const g = await given(t, [new Error('boom')]);
  await withStreakOfTwo(g, 'u1');
  await g.ctx.guilds.setTimeZone(personalScope('u2'), ZONE);
  await g.ctx.reminders.set('u2', '20:00', ZONE);
  g.clock.advance(-2 * DAY);
  await g.practise('u2');
  g.clock.advance(DAY);
  await g.practise('u2');
  g.clock.advance(DAY + 10 * HOUR);
  const counts = await g.ctx.reminders.runDue();
  assert.equal(counts.failed, 1);
  assert.equal(counts.sent, 1);
  assert.equal(g.sent.length, 2);
});

test('given two sweeps asked for while one runs, when they finish, then they ran one after the other and the calls in between shared one', async (t) => {
  const g = await given(t);
  await withStreakOfTwo(g, 'u1');
  g.clock.advance(10 * HOUR);
  const [first, second, third] = await Promise.all([
    g.ctx.reminders.runDue(),
    g.ctx.reminders.runDue(),
    g.ctx.reminders.runDue(),
  ]);
  assert.equal(first.sent, 1);
  assert.equal(second, third, 'the calls made while one ran share the next sweep');
  assert.equal(second.sent, 0);
  assert.equal(g.sent.length, 1);
});

const NONE = { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 };

test('given another process that sweeps while this one sends to u1, when this sweep reaches u2, then u2, already reminded, is not reminded again nor counted', async (t) => {
  const g = await given(t);
  await withStreakOfTwo(g, 'u1');
  await withStreakOfTwo(g, 'u2');
  g.clock.advance(10 * HOUR); // 20:00 in Berlin
  const other = await g.restart();
  let theirs: typeof NONE | undefined;
  g.during.send = async () => {
    theirs = await other.reminders.runDue();
  };
  assert.deepEqual(await g.ctx.reminders.runDue(), { ...NONE, sent: 1 });
  // The other process resent u1's claimed reminder with its nonce (Discord keeps one) and sent u2's.
  assert.deepEqual(theirs, { ...NONE, sent: 2 });
  assert.deepEqual(
    g.sent.map((r) => [r.userId, r.nonce]),
    [
      ['u1', reminderNonce('u1', '2026-11-25')],
      ['u1', reminderNonce('u1', '2026-11-25')],
      ['u2', reminderNonce('u2', '2026-11-25')],
    ],
  );
  for (const user of ['u1', 'u2']) assert.equal((await g.ctx.reminders.get(user))?.last?.state, 'sent');
});

test('given members who forget themselves in another process while a sweep runs, when the sweep goes on, then neither reminder comes back', async (t) => {
  const g = await given(t);
  await withStreakOfTwo(g, 'u1');
  await withStreakOfTwo(g, 'u2');
  g.clock.advance(10 * HOUR);
  const other = await g.restart();
  g.during.send = async () => {
    // u1 while their reminder is on its way, u2 before the sweep reaches them.
    await other.practice.forget(personalScope('u1'), 'u1');
    await other.practice.forget(personalScope('u2'), 'u2');
  };
  assert.deepEqual(await g.ctx.reminders.runDue(), { ...NONE, sent: 1 });
  assert.deepEqual(
    g.sent.map((r) => r.userId),
    ['u1'],
  );
  const again = await g.restart();
  assert.equal(await again.reminders.get('u1'), undefined);
  assert.equal(await again.reminders.get('u2'), undefined);
});
