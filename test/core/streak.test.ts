import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  emptyStreak,
  recordPracticeDay,
  referenceStreak,
  type StreakState,
  settleStreak,
} from '../../src/core/streak.js';
import { addDays, localDay } from '../../src/core/time.js';

const START = '2026-03-01';
/** Practise on each of the given day offsets from START. */
const practise = (offsets: readonly number[], from: StreakState = emptyStreak()): StreakState =>
  offsets.reduce((s, i) => recordPracticeDay(s, addDays(START, i)), from);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('streak unit cases', () => {
  it('given no practice when settled then the streak is empty', () => {
    assert.deepEqual(settleStreak(emptyStreak(), '2026-03-05'), emptyStreak());
  });

  it('given a first practice day when recorded then current and longest are 1', () => {
    assert.deepEqual(practise([0]), { current: 1, longest: 1, freezes: 0, lastDay: START });
  });

  it('given 6 consecutive days when recorded then no freeze yet', () => {
    assert.equal(practise(range(0, 6)).freezes, 0);
  });

  it('given 7 consecutive days when recorded then 1 freeze is earned', () => {
    assert.deepEqual(practise(range(0, 7)), {
      current: 7,
      longest: 7,
      freezes: 1,
      lastDay: addDays(START, 6),
    });
  });

  it('given 14 consecutive days when recorded then 2 freezes are held', () => {
    assert.equal(practise(range(0, 14)).freezes, 2);
  });

  it('given 21 consecutive days when recorded then still only 2 freezes are held', () => {
    const s = practise(range(0, 21));
    assert.equal(s.current, 21);
    assert.equal(s.freezes, 2);
  });

  it('given the same day twice when recorded then nothing changes', () => {
    const s = practise([0, 1]);
    assert.equal(recordPracticeDay(s, addDays(START, 1)), s);
  });

  it('given a day earlier than lastDay when recorded then the state is returned unchanged', () => {
    const s = practise([0, 1, 2]);
    assert.equal(recordPracticeDay(s, START), s);
  });

  it('given one missed day and a freeze when practising again then the streak survives without the frozen day', () => {
    const s = practise([...range(0, 7), 8]);
    assert.deepEqual(s, { current: 8, longest: 8, freezes: 0, lastDay: addDays(START, 8) });
  });

  it('given two missed days and one freeze when practising again then the streak restarts', () => {
    const s = practise([...range(0, 7), 9]);
    assert.deepEqual(s, { current: 1, longest: 7, freezes: 0, lastDay: addDays(START, 9) });
  });

  it('given two missed days and two freezes when practising again then the streak survives', () => {
    const s = practise([...range(0, 14), 16]);
    assert.deepEqual(s, { current: 15, longest: 15, freezes: 0, lastDay: addDays(START, 16) });
  });

  it('given a missed day without a freeze when practising again then the streak restarts and longest is kept', () => {
    const s = practise([0, 1, 2, 3, 5, 6]);
    assert.deepEqual(s, { current: 2, longest: 4, freezes: 0, lastDay: addDays(START, 6) });
  });

  it('given a frozen streak when it reaches 14 practised days then another freeze is earned', () => {
    const s = practise([...range(0, 7), ...range(8, 15)]);
    assert.equal(s.current, 14);
    assert.equal(s.freezes, 1);
  });

  it('given today not practised yet when settled then today is not counted as missed', () => {
    const s = practise([0, 1, 2]);
    assert.equal(settleStreak(s, addDays(START, 3)), s);
    assert.equal(settleStreak(s, addDays(START, 2)), s);
  });

  it('given yesterday missed without a freeze when settled then the streak shows 0 and longest stays', () => {
    const s = settleStreak(practise([0, 1, 2]), addDays(START, 4));
    assert.deepEqual(s, { current: 0, longest: 3, freezes: 0, lastDay: addDays(START, 2) });
  });

  it('given yesterday missed with a freeze when settled twice then the freeze is spent only once', () => {
    const today = addDays(START, 8);
    const once = settleStreak(practise(range(0, 7)), today);
    assert.deepEqual(once, { current: 7, longest: 7, freezes: 0, lastDay: addDays(START, 7) });
    assert.deepEqual(settleStreak(once, today), once);
    assert.deepEqual(recordPracticeDay(once, today), {
      current: 8,
      longest: 8,
      freezes: 0,
      lastDay: today,
    });
  });

  it('given the unit cases when compared with the reference walk then they agree', () => {
    const cases = [[0], range(0, 7), [...range(0, 7), 8], [...range(0, 7), 9], [...range(0, 14), 16]];
    for (const offsets of cases) {
      const today = addDays(START, 20);
      assert.deepEqual(
        settleStreak(practise(offsets), today),
        referenceStreak(
          offsets.map((i) => addDays(START, i)),
          today,
        ),
      );
    }
  });
});

describe('streak property', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
  // ~60-day windows that contain the Berlin/New York spring (03-08, 03-29) and autumn (10-25, 11-01)
  // changes, and Auckland's (04-05, 09-27).
  const WINDOWS = ['2026-02-20T00:00:00Z', '2026-09-10T00:00:00Z'].map(Date.parse);
  const DAY_MS = 86_400_000;
  const WINDOW_DAYS = 60;

  // Mostly dense practice so that 7- and 14-day runs (freezes) are common, with gaps and
  // several answers a day mixed in.
  const practiceInstants = fc
    .record({
      start: fc.constantFrom(...WINDOWS),
      density: fc.integer({ min: 50, max: 100 }),
      slots: fc.array(
        fc.record({
          roll: fc.integer({ min: 0, max: 99 }),
          offsets: fc.array(fc.integer({ min: 0, max: DAY_MS - 1 }), { minLength: 1, maxLength: 3 }),
        }),
        { minLength: 0, maxLength: WINDOW_DAYS },
      ),
      todayAfterMs: fc.integer({ min: 0, max: 5 * DAY_MS }),
    })
    .map(({ start, density, slots, todayAfterMs }) => {
      const instants = slots.flatMap((slot, i) =>
        slot.roll < density ? slot.offsets.map((o) => start + i * DAY_MS + o) : [],
      );
      const last = instants.length > 0 ? Math.max(...instants) : start;
      return { instants, now: last + todayAfterMs };
    });

  it('given arbitrary practice instants in arbitrary zones when folded and settled then it equals the reference walk', () => {
    fc.assert(
      fc.property(practiceInstants, fc.constantFrom(...ZONES), ({ instants, now }, zone) => {
        const days = [...instants].sort((a, b) => a - b).map((t) => localDay(new Date(t), zone));
        const today = localDay(new Date(now), zone);
        const folded = settleStreak(days.reduce(recordPracticeDay, emptyStreak()), today);
        assert.deepEqual(folded, referenceStreak(days, today));
        assert.ok(folded.freezes >= 0 && folded.freezes <= 2);
        assert.ok(folded.current <= folded.longest);
      }),
      { numRuns: 300 },
    );
  });

  it('given any state when settled twice on the same day then the second settle changes nothing', () => {
    fc.assert(
      fc.property(practiceInstants, fc.constantFrom(...ZONES), ({ instants, now }, zone) => {
        const days = [...instants].sort((a, b) => a - b).map((t) => localDay(new Date(t), zone));
        const today = localDay(new Date(now), zone);
        const once = settleStreak(days.reduce(recordPracticeDay, emptyStreak()), today);
        assert.deepEqual(settleStreak(once, today), once);
      }),
      { numRuns: 100 },
    );
  });

  it('given settled states stored between practice days when folded then the result is the same as without', () => {
    fc.assert(
      fc.property(practiceInstants, fc.constantFrom(...ZONES), ({ instants, now }, zone) => {
        const days = [...instants].sort((a, b) => a - b).map((t) => localDay(new Date(t), zone));
        const today = localDay(new Date(now), zone);
        // A display (settle) before each answer, stored as the bot might, must not spend freezes twice.
        const withSettles = days.reduce((s, d) => recordPracticeDay(settleStreak(s, d), d), emptyStreak());
        assert.deepEqual(settleStreak(withSettles, today), referenceStreak(days, today));
      }),
      { numRuns: 100 },
    );
  });
});
