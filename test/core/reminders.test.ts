import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReminderRecord, UserRecord } from '../../src/core/model.ts';
import { decideReminder, REMINDER_RESEND_WINDOW_MS, reminderNonce } from '../../src/core/reminders.ts';

const reminder = (extra: Partial<ReminderRecord> = {}): ReminderRecord => ({
  v: 1,
  userId: '42',
  time: '20:00',
  timeZone: 'Europe/Berlin',
  enabled: true,
  ...extra,
});

const user = (current: number, lastDay: string | null, freezes = 0) =>
  ({ streak: { current, longest: current, freezes, lastDay } }) as UserRecord;

// 2026-12-06 20:00 in Berlin is 19:00 UTC.
const AT_TIME = new Date('2026-12-06T19:00:00Z');
const BEFORE = new Date('2026-12-06T18:59:00Z');

describe('decideReminder', () => {
  test('given the time has not come in its zone, then it waits', () => {
    assert.deepEqual(decideReminder(reminder(), user(5, '2026-12-05'), BEFORE), { action: 'wait' });
  });

  test('given a streak of 2 practised up to yesterday, at the time, then it sends with the day and nonce', () => {
    assert.deepEqual(decideReminder(reminder(), user(2, '2026-12-05'), AT_TIME), {
      action: 'send',
      day: '2026-12-06',
      streak: 2,
      nonce: reminderNonce('42', '2026-12-06'),
    });
  });

  test('given practice today, or a streak under 2, or a streak already broken, then it skips', () => {
    assert.equal(decideReminder(reminder(), user(3, '2026-12-06'), AT_TIME).action, 'skip');
    assert.equal(decideReminder(reminder(), user(1, '2026-12-05'), AT_TIME).action, 'skip');
    assert.equal(decideReminder(reminder(), user(9, '2026-12-03'), AT_TIME).action, 'skip');
    assert.equal(decideReminder(reminder(), undefined, AT_TIME).action, 'skip');
  });

  test('given a freeze covering yesterday, then the streak still counts and it sends', () => {
    assert.equal(decideReminder(reminder(), user(4, '2026-12-04', 1), AT_TIME).action, 'send');
  });

  test('given today is already handled, or the reminder is off, then it waits', () => {
    const at = AT_TIME.toISOString();
    for (const state of ['sent', 'skipped', 'failed'] as const) {
      assert.deepEqual(
        decideReminder(reminder({ last: { day: '2026-12-06', state, at } }), user(5, '2026-12-05'), AT_TIME),
        { action: 'wait' },
      );
    }
    assert.deepEqual(decideReminder(reminder({ enabled: false }), user(5, '2026-12-05'), AT_TIME), {
      action: 'wait',
    });
  });

  test('given a claim still sending, then it is re-sent with its nonce within the window, and given up after', () => {
    const claim = reminder({
      last: { day: '2026-12-06', state: 'sending', nonce: 'rabc', at: AT_TIME.toISOString() },
    });
    const soon = new Date(AT_TIME.getTime() + REMINDER_RESEND_WINDOW_MS - 1);
    const late = new Date(AT_TIME.getTime() + REMINDER_RESEND_WINDOW_MS + 1);
    assert.deepEqual(decideReminder(claim, user(2, '2026-12-05'), soon), {
      action: 'send',
      day: '2026-12-06',
      streak: 2,
      nonce: 'rabc',
    });
    assert.deepEqual(decideReminder(claim, user(2, '2026-12-05'), late), {
      action: 'give-up',
      day: '2026-12-06',
    });
  });

  test('then a nonce is 25 characters and not all digits', () => {
    const n = reminderNonce('123', '2026-12-06');
    assert.equal(n.length, 25);
    assert.match(n, /^r[0-9a-f]{24}$/);
  });
});

describe('decideReminder at its edges', () => {
  test('given yesterday’s reminder sent, at today’s time, then today is decided afresh (it sends)', () => {
    const sentYesterday = reminder({
      last: { day: '2026-12-05', state: 'sent', at: '2026-12-05T19:00:00.000Z' },
    });
    assert.equal(decideReminder(sentYesterday, user(2, '2026-12-05'), AT_TIME).action, 'send');
  });

  test('given a send claimed exactly the resend window ago, then it is sent again; a moment later it is given up', () => {
    const claimed = reminder({
      last: { day: '2026-12-06', state: 'sending', nonce: 'n', at: AT_TIME.toISOString() },
    });
    const at = (ms: number) => new Date(AT_TIME.getTime() + ms);
    assert.equal(REMINDER_RESEND_WINDOW_MS, 4 * 60_000);
    assert.equal(
      decideReminder(claimed, user(2, '2026-12-05'), at(REMINDER_RESEND_WINDOW_MS)).action,
      'send',
    );
    assert.deepEqual(decideReminder(claimed, user(2, '2026-12-05'), at(REMINDER_RESEND_WINDOW_MS + 1)), {
      action: 'give-up',
      day: '2026-12-06',
    });
  });

  test('given a skip, then it says why: practised today, or no streak to keep', () => {
    assert.deepEqual(decideReminder(reminder(), user(3, '2026-12-06'), AT_TIME), {
      action: 'skip',
      day: '2026-12-06',
      reason: 'practised',
    });
    assert.deepEqual(decideReminder(reminder(), user(1, '2026-12-05'), AT_TIME), {
      action: 'skip',
      day: '2026-12-06',
      reason: 'no-streak',
    });
  });

  test('given a member and a day, then the nonce is "r" and 24 hex digits, different for another member or day', () => {
    const nonce = reminderNonce('42', '2026-12-06');
    assert.match(nonce, /^r[0-9a-f]{24}$/);
    assert.notEqual(reminderNonce('43', '2026-12-06'), nonce);
    assert.notEqual(reminderNonce('42', '2026-12-07'), nonce);
    assert.notEqual(
      reminderNonce('4', '22026-12-06'),
      reminderNonce('42', '2026-12-06'),
      'parts are kept apart',
    );
  });
});
