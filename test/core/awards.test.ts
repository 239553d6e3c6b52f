import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AWARD_KEEP_DAYS,
  noPointsReason,
  POINTS_WINDOW_DAYS,
  pruneByDay,
  REVEAL_KEEP_DAYS,
} from '../../src/core/awards.ts';
import { addDays } from '../../src/core/time.ts';

const base = { revealedDays: undefined, today: '2026-11-28', timeZone: 'UTC' };

test('given an award with only a day label (stored before v2), then only an answer of that label is blocked', () => {
  const awards = [{ day: '2026-11-27' }];
  const answer = (day: string, at: string) => noPointsReason({ ...base, awards, answer: { day, at } });
  assert.equal(answer('2026-11-27', '2026-11-28T05:00:00Z'), 'earned', 'same label, even at another instant');
  assert.equal(answer('2026-11-28', '2026-11-27T12:00:00Z'), undefined, 'another label earns');
});

test("given an award's instant, then an answer whose day (in today's zone) holds that instant is blocked, whatever the labels", () => {
  const awards = [{ day: 'old-label', at: '2026-11-27T23:30:00Z' }];
  assert.equal(
    noPointsReason({ ...base, awards, answer: { day: '2026-11-27', at: '2026-11-27T01:00:00Z' } }),
    'earned',
  );
  assert.equal(
    noPointsReason({ ...base, awards, answer: { day: '2026-11-28', at: '2026-11-28T01:00:00Z' } }),
    undefined,
  );
});

test("given an award's zone, then an answer that falls on the award's day in that zone is blocked", () => {
  // 2026-11-27 23:30 in Berlin is 22:30 UTC; the new answer at 22:45 UTC is still Berlin's 27th.
  const awards = [{ day: '2026-11-27', tz: 'Europe/Berlin' }];
  const at = '2026-11-27T22:45:00Z';
  assert.equal(
    noPointsReason({ ...base, timeZone: 'Asia/Tokyo', awards, answer: { day: '2026-11-28', at } }),
    'earned',
  );
  assert.equal(
    noPointsReason({
      ...base,
      timeZone: 'Asia/Tokyo',
      awards,
      answer: { day: '2026-11-28', at: '2026-11-27T23:15:00Z' },
    }),
    undefined,
    "Berlin's 28th has begun",
  );
});

test('given no award, a reveal of another day, or no data, then the answer earns', () => {
  const answer = { day: '2026-11-28', at: '2026-11-28T10:00:00Z' };
  assert.equal(noPointsReason({ ...base, awards: undefined, answer }), undefined);
  assert.equal(noPointsReason({ ...base, awards: [], revealedDays: ['2026-11-27'], answer }), undefined);
  assert.equal(noPointsReason({ ...base, awards: [], revealedDays: ['2026-11-28'], answer }), 'revealed');
});

test('given the points window, then the edge day earns and the day before is late; awards outlive the window', () => {
  const at = (day: string) => `${day}T12:00:00Z`;
  const edge = addDays(base.today, -POINTS_WINDOW_DAYS);
  const late = addDays(edge, -1);
  assert.equal(noPointsReason({ ...base, awards: [], answer: { day: edge, at: at(edge) } }), undefined);
  assert.equal(noPointsReason({ ...base, awards: [], answer: { day: late, at: at(late) } }), 'late');
  assert.ok(AWARD_KEEP_DAYS > POINTS_WINDOW_DAYS, 'every answer that can earn still sees its awards');
  const kept = pruneByDay({ q: [{ day: edge }] }, (a) => a.day, base.today, AWARD_KEEP_DAYS);
  assert.deepEqual(kept, { q: [{ day: edge }] });
  assert.ok(REVEAL_KEEP_DAYS >= 1);
});

test('given entries of many days, when pruned, then those on or after today - keep stay, older go, and empty keys are dropped', () => {
  const map = { a: ['2026-11-20', '2026-11-25', '2026-11-26'], b: ['2026-11-01'], '0x': ['2026-11-28'] };
  assert.deepEqual(
    pruneByDay(map, (d) => d, '2026-11-28', 3),
    { a: ['2026-11-25', '2026-11-26'], '0x': ['2026-11-28'] },
  );
});
