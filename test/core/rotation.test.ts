import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  BY_DATE_KEEP,
  pastQuestionsOfDay,
  pickDailyQuestion,
  type Rotation,
} from '../../src/core/rotation.ts';
import { addDays } from '../../src/core/time.ts';

const ids = (n: number, prefix = 'q') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);

function dateAt(i: number, start = '2026-01-01'): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
}

/** Picks one question a day for `days` days; `bankFor(i)` may change the bank along the way. */
function run(
  days: number,
  bankFor: (i: number) => readonly string[],
  guildId = 'guild-1',
  start?: Rotation,
): { picks: string[]; cycles: number[]; rotation: Rotation | undefined } {
  let rot = start;
  const picks: string[] = [];
  const cycles: number[] = [];
  for (let i = 0; i < days; i++) {
    const r = pickDailyQuestion(rot, bankFor(i), dateAt(i), guildId);
    rot = r.rotation;
    picks.push(r.questionId);
    cycles.push(r.rotation.cycle);
  }
  return { picks, cycles, rotation: rot };
}

describe('pickDailyQuestion', () => {
  it('given 12 questions over 30 days when picking daily then each cycle of 12 has no repeats', () => {
    const bank = ids(12);
    const { picks } = run(30, () => bank);
    const chunks = [picks.slice(0, 12), picks.slice(12, 24), picks.slice(24)];
    assert.deepEqual([...new Set(chunks[0])].sort(), bank);
    assert.deepEqual([...new Set(chunks[1])].sort(), bank);
    assert.equal(new Set(chunks[2]).size, 6);
    for (let i = 1; i < picks.length; i++)
      assert.notEqual(picks[i], picks[i - 1], `same question on days ${i - 1} and ${i}`);
  });

  it('given the same date twice when picking then the same question and an unchanged rotation', () => {
    const bank = ids(12);
    const first = pickDailyQuestion(undefined, bank, '2026-06-10', 'g');
    const again = pickDailyQuestion(first.rotation, bank, '2026-06-10', 'g');
    assert.equal(again.questionId, first.questionId);
    assert.deepEqual(again.rotation, first.rotation);
  });

  it('given the rotation was already advanced to the next day when the earlier day is asked again then its question is unchanged', () => {
    const bank = ids(12);
    const d1 = pickDailyQuestion(undefined, bank, '2026-06-10', 'g');
    const d2 = pickDailyQuestion(d1.rotation, bank, '2026-06-11', 'g');
    const restart = pickDailyQuestion(d2.rotation, bank, '2026-06-10', 'g');
    assert.equal(restart.questionId, d1.questionId);
    assert.deepEqual(restart.rotation, d2.rotation);
  });

  it('given the bank listed in another order when picking then the same question', () => {
    const bank = ids(12);
    const a = run(20, () => bank, 'g');
    const b = run(20, () => [...bank].reverse(), 'g');
    assert.deepEqual(a.picks, b.picks);
  });

  it('given two servers when picking over a cycle then their orders differ', () => {
    const bank = ids(12);
    assert.notDeepEqual(run(12, () => bank, 'guild-a').picks, run(12, () => bank, 'guild-b').picks);
  });

  it('given a question added mid-cycle when picking on then it appears before the cycle ends', () => {
    const base = ids(12);
    const bankFor = (i: number) => (i < 5 ? base : [...base, 'new-1']);
    const { picks, cycles } = run(13, bankFor);
    assert.ok(picks.includes('new-1'), 'the added question was not picked in the first cycle');
    assert.deepEqual(new Set(cycles), new Set([0]));
    assert.equal(new Set(picks).size, 13);
  });

  it('given questions removed from the bank when picking on then they are never returned', () => {
    const base = ids(12);
    const removed = new Set(['q02', 'q05', 'q11']);
    const bankFor = (i: number) => (i < 4 ? base : base.filter((id) => !removed.has(id)));
    const { picks } = run(44, bankFor);
    for (const p of picks.slice(4)) assert.ok(!removed.has(p), `removed ${p} was picked`);
  });

  it('given the day’s question was removed from the bank when asked again then another question is picked', () => {
    const bank = ids(5);
    const d1 = pickDailyQuestion(undefined, bank, '2026-06-10', 'g');
    const smaller = bank.filter((id) => id !== d1.questionId);
    const again = pickDailyQuestion(d1.rotation, smaller, '2026-06-10', 'g');
    assert.ok(smaller.includes(again.questionId));
    assert.equal(again.rotation.byDate['2026-06-10'], again.questionId);
  });

  it('given a one-question bank when picking daily then that question every day', () => {
    assert.deepEqual(run(3, () => ['only']).picks, ['only', 'only', 'only']);
  });

  it('given an empty bank when picking then it throws', () => {
    assert.throws(() => pickDailyQuestion(undefined, [], '2026-06-10', 'g'), RangeError);
  });

  it('given 200 days when picking then byDate keeps only the latest dates', () => {
    const { rotation } = run(200, () => ids(12));
    const dates = Object.keys(rotation?.byDate ?? {}).sort();
    assert.equal(dates.length, BY_DATE_KEEP);
    assert.equal(dates.at(-1), dateAt(199));
  });

  it('given a rotation when picking then the input is not mutated and the result is JSON-safe', () => {
    const first = pickDailyQuestion(undefined, ids(4), '2026-06-10', 'g');
    const frozen = JSON.parse(JSON.stringify(first.rotation)) as Rotation;
    const second = pickDailyQuestion(first.rotation, ids(4), '2026-06-11', 'g');
    assert.deepEqual(first.rotation, frozen);
    assert.deepEqual(JSON.parse(JSON.stringify(second.rotation)), second.rotation);
  });

  it('given any bank and number of days when picking daily then no question repeats within a cycle and cycles cover the bank (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 70 }),
        fc.string(),
        (bank, days, guildId) => {
          const { picks } = run(days, () => bank, guildId);
          for (let start = 0; start < picks.length; start += bank.length) {
            const chunk = picks.slice(start, start + bank.length);
            if (new Set(chunk).size !== chunk.length) return false;
          }
          return true;
        },
      ),
    );
  });

  it('given a bank that changes along the way when picking daily then picks are in the bank and never repeat within a cycle (property)', () => {
    const universe = ids(15);
    fc.assert(
      fc.property(
        fc.array(fc.subarray(universe, { minLength: 1 }), { minLength: 1, maxLength: 40 }),
        fc.string(),
        (banks, guildId) => {
          const { picks, cycles } = run(banks.length, (i) => banks[i] ?? [], guildId);
          const seen = new Map<number, Set<string>>();
          for (const [i, p] of picks.entries()) {
            if (!(banks[i] ?? []).includes(p)) return false;
            const cycle = cycles[i] ?? -1;
            const set = seen.get(cycle) ?? new Set<string>();
            if (set.has(p)) return false;
            set.add(p);
            seen.set(cycle, set);
          }
          return true;
        },
      ),
    );
  });
});

describe('pickDailyQuestion across cycle boundaries', () => {
  it('given a used-up cycle of two, when a new cycle starts, then it avoids the question of the latest earlier date (not an older or a later one)', () => {
    const rot = {
      used: ['a', 'b'],
      byDate: { '2026-11-01': 'b', '2026-11-05': 'a', '2026-11-20': 'b' },
      cycle: 0,
    };
    for (const guild of ['g1', 'g2', 'g3', 'g4', 'g5', 'g6']) {
      assert.equal(pickDailyQuestion(rot, ['a', 'b'], '2026-11-10', guild).questionId, 'b');
      assert.equal(pickDailyQuestion(rot, ['a', 'b'], '2026-11-03', guild).questionId, 'a');
      const next = pickDailyQuestion(rot, ['a', 'b'], '2026-11-10', guild).rotation;
      assert.equal(next.cycle, 1);
      assert.deepEqual(next.used, ['b']);
    }
  });

  it('given any bank of two or more and many days in a row, then two consecutive days never share a question (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.string({ minLength: 1, maxLength: 8 }), (n, guild) => {
        const bank = Array.from({ length: n }, (_, i) => `q${i}`);
        let rot: Rotation | undefined;
        let previous: string | undefined;
        for (let day = 0; day < 4 * n; day++) {
          const date = addDays('2026-01-01', day);
          const picked = pickDailyQuestion(rot, bank, date, guild);
          assert.notEqual(picked.questionId, previous, `day ${date}`);
          previous = picked.questionId;
          rot = picked.rotation;
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('given a stored cycle that is not a whole number, then counting restarts at 0', () => {
    const { rotation } = pickDailyQuestion(
      { used: [], byDate: {}, cycle: Number.NaN },
      ['a'],
      '2026-11-10',
      'g',
    );
    assert.equal(rotation.cycle, 0);
  });
});

describe('the archive and the edges of the rotation', () => {
  it('given past, today’s and future questions of the day, when the archive is read, then it holds up to today, newest first', () => {
    const rot: Rotation = {
      used: [],
      cycle: 0,
      byDate: { '2026-11-03': 'c', '2026-11-01': 'a', '2026-11-05': 'future', '2026-11-04': 'today' },
    };
    assert.deepEqual(pastQuestionsOfDay(rot, '2026-11-04'), [
      { localDate: '2026-11-04', questionId: 'today' },
      { localDate: '2026-11-03', questionId: 'c' },
      { localDate: '2026-11-01', questionId: 'a' },
    ]);
    assert.deepEqual(pastQuestionsOfDay(undefined, '2026-11-04'), []);
  });

  it('given more dates than are kept, stored out of order, when a day is picked, then the newest dates are kept', () => {
    const dates = Array.from({ length: BY_DATE_KEEP + 5 }, (_, i) => addDays('2026-01-01', i)).reverse();
    const byDate = Object.fromEntries(dates.map((d) => [d, 'q1']));
    const today = addDays('2026-01-01', BY_DATE_KEEP + 5);
    const { rotation } = pickDailyQuestion({ used: ['q1'], byDate, cycle: 0 }, ['q1', 'q2'], today, 'g');
    const kept = Object.keys(rotation.byDate).sort();
    assert.equal(kept.length, BY_DATE_KEEP);
    assert.equal(kept.at(-1), today);
    assert.equal(kept[0], addDays('2026-01-01', 6), 'the oldest went');
  });

  it('given a first pick, when it is stored, then the rotation holds exactly that question as used', () => {
    const { questionId, rotation } = pickDailyQuestion(undefined, ['q1', 'q2', 'q3'], '2026-11-01', 'g');
    assert.deepEqual(rotation.used, [questionId]);
    assert.equal(rotation.cycle, 0);
    assert.deepEqual(rotation.byDate, { '2026-11-01': questionId });
  });

  it('given today’s question already stored, when it is asked again, then it is the same and the rotation is kept as it was', () => {
    const rot: Rotation = { used: ['q2'], byDate: { '2026-11-01': 'q2' }, cycle: 3 };
    const again = pickDailyQuestion(rot, ['q1', 'q2', 'q3'], '2026-11-01', 'g');
    assert.equal(again.questionId, 'q2');
    assert.deepEqual(again.rotation, rot);
    const noUsed = pickDailyQuestion(
      { byDate: { '2026-11-01': 'q2' }, cycle: 0 } as unknown as Rotation,
      ['q2'],
      '2026-11-01',
      'g',
    );
    assert.deepEqual(noUsed.rotation.used, []);
  });

  it('given today’s stored question has left the bank, when today is asked again, then a question still in the bank is picked', () => {
    const rot: Rotation = { used: ['gone'], byDate: { '2026-11-01': 'gone' }, cycle: 0 };
    const { questionId } = pickDailyQuestion(rot, ['q1', 'q2'], '2026-11-01', 'g');
    assert.ok(['q1', 'q2'].includes(questionId));
  });

  it('given a bank of one question, when a new cycle starts, then that question is picked again (there is no other)', () => {
    const first = pickDailyQuestion(undefined, ['only'], '2026-11-01', 'g');
    const second = pickDailyQuestion(first.rotation, ['only'], '2026-11-02', 'g');
    assert.equal(second.questionId, 'only');
    assert.equal(second.rotation.cycle, 1);
  });

  it('given an empty bank, when a question is picked, then it says the bank is empty', () => {
    assert.throws(() => pickDailyQuestion(undefined, [], '2026-11-01', 'g'), /the question bank is empty/);
  });
});
