// What /stats shows, computed from a member's record for a moment in the server's zone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyUser } from '../../src/core/progress.ts';
import { newCard } from '../../src/core/srs.ts';
import { statsSummary } from '../../src/core/stats.ts';

const NOW = new Date('2026-11-30T23:30:00Z'); // already 1 December in Berlin

function member() {
  const user = emptyUser('g1', 'u1', 'carol', { week: '2026-W49', month: '2026-12' });
  const card = (due: string) => ({ ...newCard(new Date(due)), due });
  return {
    ...user,
    points: 12,
    answers: 5,
    streak: { current: 2, longest: 4, freezes: 1, lastDay: '2026-11-30' },
    month: { key: '2026-12', points: 3, answers: 1 },
    progress: {
      later: { card: card('2026-12-05T00:00:00.000Z'), lastAnsweredAt: '2026-11-28T10:00:00.000Z' },
      soonest: { card: card('2026-12-02T00:00:00.000Z'), lastAnsweredAt: '2026-11-29T10:00:00.000Z' },
      middle: { card: card('2026-12-03T00:00:00.000Z'), lastAnsweredAt: '2026-11-29T11:00:00.000Z' },
    },
    mastery: {
      formats: { attempts: 4, score: 0.9 },
      evaluation: { attempts: 3, score: 0.2 },
      data: { attempts: 2, score: 0.5 },
    },
    days: { '2026-11-30': 2 },
  };
}

test('given a member, when stats are taken in their server’s zone, then today, totals, this month’s points, the soonest review and topics weakest first are shown', () => {
  const stats = statsSummary(member(), NOW, 'Europe/Berlin');
  assert.equal(stats.timeZone, 'Europe/Berlin');
  assert.equal(stats.today, '2026-12-01');
  assert.deepEqual([stats.answers, stats.points, stats.monthPoints], [5, 12, 3]);
  assert.deepEqual(stats.nextReview, { questionId: 'soonest', due: new Date('2026-12-02T00:00:00.000Z') });
  assert.deepEqual(
    stats.mastery.map((m) => [m.topic, m.label, m.score, m.attempts]),
    [
      ['evaluation', 'weak', 0.2, 3],
      ['data', 'fair', 0.5, 2],
      ['formats', 'strong', 0.9, 4],
    ],
  );
  assert.deepEqual(stats.streak.current, 2, 'practised yesterday: still alive today');
  assert.deepEqual(stats.days, { '2026-11-30': 2 });
});

test('given month points from another month, when stats are taken, then this month shows 0; a member with nothing to review has no next review', () => {
  const stats = statsSummary({ ...member(), progress: {} }, NOW, 'UTC');
  assert.equal(stats.today, '2026-11-30');
  assert.equal(stats.monthPoints, 0, 'the stored month is December; in UTC it is still November');
  assert.equal(stats.nextReview, undefined);
});

test('given a streak whose last day is long past, when stats are taken, then it shows broken', () => {
  const stats = statsSummary(
    { ...member(), streak: { current: 5, longest: 5, freezes: 0, lastDay: '2026-11-20' } },
    NOW,
    'UTC',
  );
  assert.equal(stats.streak.current, 0);
  assert.equal(stats.streak.longest, 5);
});
