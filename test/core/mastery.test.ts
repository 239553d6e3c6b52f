import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { masteryLabel, updateMastery } from '../../src/core/mastery.js';
import { GRADES } from '../../src/core/types.js';

describe('mastery', () => {
  it('given no history when a grade comes in then it sets the score outright', () => {
    assert.deepEqual(updateMastery(undefined, 'nailed'), { attempts: 1, score: 1 });
    assert.deepEqual(updateMastery(undefined, 'partly'), { attempts: 1, score: 0.5 });
    assert.deepEqual(updateMastery(undefined, 'missed'), { attempts: 1, score: 0 });
    assert.deepEqual(updateMastery({ attempts: 0, score: 0 }, 'nailed'), { attempts: 1, score: 1 });
  });

  it('given a history when a grade comes in then the score moves 30% of the way towards it', () => {
    const m = updateMastery({ attempts: 1, score: 0 }, 'nailed');
    assert.equal(m.attempts, 2);
    assert.ok(Math.abs(m.score - 0.3) < 1e-12);
    const n = updateMastery({ attempts: 4, score: 1 }, 'partly');
    assert.ok(Math.abs(n.score - 0.85) < 1e-12);
  });

  it('given any sequence of grades when folded then the score stays within 0..1 and attempts count up', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GRADES), { maxLength: 200 }), (grades) => {
        const m = grades.reduce<ReturnType<typeof updateMastery> | undefined>(updateMastery, undefined);
        if (grades.length === 0) return assert.equal(m, undefined);
        assert.ok(m && m.score >= 0 && m.score <= 1);
        assert.equal(m?.attempts, grades.length);
      }),
    );
  });

  it('given different histories when labelled then new/weak/fair/strong follow score and attempts', () => {
    assert.equal(masteryLabel(undefined), 'new');
    assert.equal(masteryLabel({ attempts: 0, score: 0 }), 'new');
    assert.equal(masteryLabel({ attempts: 5, score: 0.2 }), 'weak');
    assert.equal(masteryLabel({ attempts: 5, score: 0.5 }), 'fair');
    assert.equal(masteryLabel({ attempts: 5, score: 0.9 }), 'strong');
    assert.equal(masteryLabel(updateMastery(undefined, 'nailed')), 'fair', 'one answer is not mastery');
    const three = ['nailed', 'nailed', 'nailed'] as const;
    assert.equal(
      masteryLabel(three.reduce<ReturnType<typeof updateMastery> | undefined>(updateMastery, undefined)),
      'strong',
    );
  });

  it('given a strong topic when missed repeatedly then it falls to weak', () => {
    let m = { attempts: 10, score: 1 };
    for (let i = 0; i < 3; i++) m = updateMastery(m, 'missed');
    assert.equal(masteryLabel(m), 'weak'); // 0.7^3 = 0.343
  });
});

describe('masteryLabel at its thresholds', () => {
  it('given scores exactly at the fair and strong thresholds, then each threshold belongs to the higher label', () => {
    assert.equal(masteryLabel({ attempts: 3, score: 0.4 }), 'fair');
    assert.equal(masteryLabel({ attempts: 3, score: 0.39999 }), 'weak');
    assert.equal(masteryLabel({ attempts: 3, score: 0.75 }), 'strong');
    assert.equal(masteryLabel({ attempts: 3, score: 0.74999 }), 'fair');
    assert.equal(masteryLabel({ attempts: 2, score: 0.9 }), 'fair', 'strong needs 3 grades');
  });
});
