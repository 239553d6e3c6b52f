// The one order of user ids (leaderboard ties): Discord snowflakes by their number, anything else
// as text. Checked against BigInt, an independent reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareUserIds } from '../../src/core/user-ids.ts';

const sign = (n: number) => Math.sign(n);

test('given two snowflakes of any length (leading zeros too), when they are compared, then the order is their numbers’, ties by text', () => {
  const digits = fc.stringMatching(/^\d{1,22}$/);
  fc.assert(
    fc.property(digits, digits, (a, b) => {
      const byNumber = BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
      const expected = byNumber !== 0 ? byNumber : a < b ? -1 : a > b ? 1 : 0;
      assert.equal(sign(compareUserIds(a, b)), expected, `${a} vs ${b}`);
    }),
  );
});

test('given examples a reader can check, then 9 < 10 < 0011 (numbers), "007" before "7" (equal numbers, by text), and text ids by text', () => {
  assert.ok(compareUserIds('9', '10') < 0);
  assert.ok(compareUserIds('10', '0011') < 0);
  assert.ok(compareUserIds('0011', '10') > 0);
  assert.ok(compareUserIds('007', '7') < 0);
  assert.equal(compareUserIds('42', '42'), 0);
  assert.ok(compareUserIds('10a', '9') < 0, 'not all digits: as text');
  assert.ok(compareUserIds('9', 'a10') < 0, 'not all digits: as text');
  assert.ok(compareUserIds('b', 'a') > 0);
  assert.equal(compareUserIds('a', 'a'), 0);
});
