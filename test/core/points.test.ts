import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAILY_BONUS_POINTS, POINTS_BY_GRADE, pointsFor } from '../../src/core/points.js';

describe('pointsFor', () => {
  it('given each grade without the daily bonus when priced then it is 3 / 2 / 1', () => {
    assert.equal(pointsFor('nailed', { dailyBonus: false }), 3);
    assert.equal(pointsFor('partly', { dailyBonus: false }), 2);
    assert.equal(pointsFor('missed', { dailyBonus: false }), 1);
  });

  it('given the daily question answered that day when priced then 2 more are added', () => {
    assert.equal(pointsFor('nailed', { dailyBonus: true }), 5);
    assert.equal(pointsFor('partly', { dailyBonus: true }), 4);
    assert.equal(pointsFor('missed', { dailyBonus: true }), 3);
  });

  it('given the exported constants when read then they match the product rules', () => {
    assert.deepEqual(POINTS_BY_GRADE, { nailed: 3, partly: 2, missed: 1 });
    assert.equal(DAILY_BONUS_POINTS, 2);
  });
});
