import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { DateTime } from 'luxon';
import { addDays, daysBetween, isValidDay, isValidTimeZone, localDay } from '../../src/core/time.js';

/** The instant at which the wall clock in `zone` reads `local` ('yyyy-MM-ddTHH:mm'). */
const at = (local: string, zone: string): Date => {
  const dt = DateTime.fromISO(local, { zone });
  assert.ok(dt.isValid, local);
  return dt.toJSDate();
};

const DST_DAYS = [
  ['Europe/Berlin', '2026-03-29'],
  ['Europe/Berlin', '2026-10-25'],
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
] as const;

describe('localDay', () => {
  for (const [zone, day] of DST_DAYS) {
    it(`given 23:30 and 00:30 local on the DST day ${day} in ${zone} when computed then it is that day`, () => {
      assert.equal(localDay(at(`${day}T23:30`, zone), zone), day);
      assert.equal(localDay(at(`${day}T00:30`, zone), zone), day);
      assert.equal(localDay(at(`${addDays(day, 1)}T00:30`, zone), zone), addDays(day, 1));
    });
  }

  it('given an instant late in New York when computed then the zone decides the day, not UTC', () => {
    const now = new Date('2026-03-09T03:30:00Z'); // 23:30 EDT on 2026-03-08
    assert.equal(localDay(now, 'America/New_York'), '2026-03-08');
    assert.equal(localDay(now, 'UTC'), '2026-03-09');
    assert.equal(localDay(now, 'Asia/Kolkata'), '2026-03-09');
    assert.equal(localDay(new Date('2026-03-08T18:29:59Z'), 'Asia/Kolkata'), '2026-03-08');
    assert.equal(localDay(new Date('2026-03-08T18:30:00Z'), 'Asia/Kolkata'), '2026-03-09');
    assert.equal(localDay(new Date('2026-04-04T11:30:00Z'), 'Pacific/Auckland'), '2026-04-05');
  });

  it('given the repeated hour of a fall-back night when computed then both instants are the same day', () => {
    // 01:30 happens twice in New York on 2026-11-01: at 05:30Z (EDT) and 06:30Z (EST).
    assert.equal(localDay(new Date('2026-11-01T05:30:00Z'), 'America/New_York'), '2026-11-01');
    assert.equal(localDay(new Date('2026-11-01T06:30:00Z'), 'America/New_York'), '2026-11-01');
  });

  it('given an unknown zone or an invalid date when computed then it throws', () => {
    assert.throws(() => localDay(new Date(), 'Mars/Olympus_Mons'), RangeError);
    assert.throws(() => localDay(new Date(Number.NaN), 'UTC'), RangeError);
  });
});

describe('daysBetween and addDays', () => {
  for (const [zone, day] of DST_DAYS) {
    it(`given 23:30 local on consecutive days around ${day} in ${zone} when compared then each step is 1 day`, () => {
      for (let i = -2; i < 2; i++) {
        const a = localDay(at(`${addDays(day, i)}T23:30`, zone), zone);
        const b = localDay(at(`${addDays(day, i + 1)}T23:30`, zone), zone);
        assert.equal(daysBetween(a, b), 1, `${a} -> ${b}`);
      }
      assert.equal(daysBetween(addDays(day, -3), addDays(day, 3)), 6);
    });
  }

  it('given days across month, year and leap-day boundaries when computed then counts are calendar days', () => {
    assert.equal(addDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addDays('2026-03-29', 1), '2026-03-30');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(addDays('2026-10-25', 0), '2026-10-25');
    assert.equal(daysBetween('2026-01-01', '2027-01-01'), 365);
    assert.equal(daysBetween('2026-03-30', '2026-03-28'), -2);
    assert.equal(daysBetween('2026-11-01', '2026-11-01'), 0);
  });

  it('given something that is not a yyyy-MM-dd day when used then it throws', () => {
    assert.throws(() => addDays('2026-3-1', 1), RangeError);
    assert.throws(() => daysBetween('2026-02-30', '2026-03-01'), RangeError);
    assert.throws(() => addDays('2026-03-01T00:00', 1), RangeError);
    assert.throws(() => addDays('2026-03-01', 0.5), RangeError);
    assert.equal(isValidDay('2026-02-28'), true);
    assert.equal(isValidDay('2026-02-29'), false);
  });
});

describe('isValidTimeZone', () => {
  it('given IANA names and junk when checked then only real zones pass', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland']) {
      assert.equal(isValidTimeZone(tz), true, tz);
    }
    for (const tz of ['', 'Mars/Olympus_Mons', 'Europe/Berlinn', 'not a zone']) {
      assert.equal(isValidTimeZone(tz), false, tz);
    }
  });
});

test('given day strings that roll over or are malformed, then they are not valid days and arithmetic on them throws', () => {
  for (const bad of [
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2025-02-29',
    'x2026-01-01',
    '2026-01-011',
    '2026-1-01',
  ]) {
    assert.equal(isValidDay(bad), false, bad);
    assert.throws(() => addDays(bad, 1), new RegExp(`Not a yyyy-MM-dd day: ${bad}`));
  }
  assert.equal(isValidDay('2024-02-29'), true);
  assert.equal(isValidDay('0001-01-01'), true);
  assert.throws(() => addDays('2026-01-01', 1.5), /Not a whole number of days: 1.5/);
});

test('given days at the edge of four-digit years, then adding across the edge throws and within it works', () => {
  assert.equal(addDays('9999-12-30', 1), '9999-12-31');
  assert.throws(() => addDays('9999-12-31', 1), /Day out of range/);
  assert.equal(addDays('0001-01-01', 0), '0001-01-01');
  assert.throws(() => addDays('0000-01-01', -1), /Day out of range/);
});

test('given the same zone asked minute after minute across midnight, then every answer is that minute’s day (the per-minute memo is exact)', () => {
  const zone = 'Pacific/Chatham'; // +13:45 in November: midnight falls at 10:15 UTC
  const start = Date.parse('2026-11-27T10:13:00Z');
  const days = [0, 1, 2, 3].map((m) => localDay(new Date(start + m * 60_000), zone));
  assert.deepEqual(days, ['2026-11-27', '2026-11-27', '2026-11-28', '2026-11-28']);
  // Within a minute, every second agrees; the seconds do not move the day.
  assert.equal(localDay(new Date(start + 2 * 60_000 + 59_000), zone), '2026-11-28');
  // Dates before 1980 (offsets in seconds) are computed, never served from the memo.
  assert.equal(localDay(new Date('1900-01-01T00:00:00Z'), 'Europe/Amsterdam'), '1900-01-01');
  assert.throws(() => localDay(new Date(Number.NaN), 'UTC'), /Invalid date/);
  assert.throws(() => localDay(new Date(), '+01:00'), /Unknown time zone: \+01:00/);
});

describe('the edges of zone names and day strings', () => {
  it('given names at and past 64 characters, empty, or not strings, then only real zones up to 64 characters pass', () => {
    assert.equal(isValidTimeZone(''), false);
    assert.equal(isValidTimeZone(undefined as unknown as string), false);
    assert.equal(isValidTimeZone(42 as unknown as string), false);
    assert.equal(isValidTimeZone(`Europe/${'B'.repeat(58)}`), false, '65 characters');
    assert.equal(isValidTimeZone(`Europe/${'B'.repeat(57)}`), false, '64 characters, but not a zone');
    assert.equal(isValidTimeZone('America/Argentina/Buenos_Aires'), true);
  });

  it('given a zone name with text before or after it, then it is refused', () => {
    assert.equal(isValidTimeZone(' Europe/Berlin'), false);
    assert.equal(isValidTimeZone('Europe/Berlin '), false);
    assert.equal(isValidTimeZone('x:Europe/Berlin'), false);
    assert.equal(isValidTimeZone('Europe/Berlin/'), false);
  });

  it('given a day with text before it, a day that rolls over in any part, or not a string, then it is not a day', () => {
    assert.equal(isValidDay('x2026-03-29'), false);
    assert.equal(isValidDay('2026-13-01'), false, 'month 13');
    assert.equal(isValidDay('2026-02-30'), false, 'day 30 of February');
    assert.equal(isValidDay('2026-00-10'), false, 'month 0');
    assert.equal(isValidDay(20260329 as unknown as string), false);
    assert.equal(isValidDay('0000-01-01'), true, 'year 0 is a day');
    assert.equal(addDays('0000-01-02', -1), '0000-01-01');
    assert.throws(() => addDays('0000-01-01', -1), /Day out of range/);
    assert.throws(() => addDays('9999-12-31', 1), /Day out of range/);
  });
});
