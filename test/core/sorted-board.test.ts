// SortedBoard is the leaderboard's incremental index; rankRows (a plain sort) is its reference model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rankOf, rankRows } from '../../src/core/ranking.ts';
import { SortedBoard } from '../../src/core/sorted-board.ts';

const userId = fc.integer({ min: 1, max: 60 }).map((n) => String(100_000_000_000_000_000n + BigInt(n)));
const ops = fc.array(fc.tuple(userId, fc.integer({ min: -2, max: 8 })), { maxLength: 120 });

describe('SortedBoard', () => {
  it('given any sequence of updates, then pages and ranks equal a full sort of the latest values (property)', () => {
    fc.assert(
      fc.property(ops, (updates) => {
        const board = new SortedBoard();
        const latest = new Map<string, number>();
        for (const [id, value] of updates) {
          board.set(id, value);
          latest.set(id, value);
        }
        const rows = [...latest].filter(([, v]) => v > 0).map(([id, value]) => ({ userId: id, value }));
        const expected = rankRows(rows).map((r) => ({ userId: r.userId, value: r.value, rank: r.rank }));
        assert.deepEqual(board.page(0, 1000), expected);
        assert.deepEqual(SortedBoard.from(rows).page(0, 1000), expected, 'one-sort build agrees');
        for (const row of rows) {
          assert.equal(board.rankOf(row.userId)?.rank, rankOf(rows, row.userId)?.rank);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('given members set, changed and deleted, then valueOf follows them and a zero row is never listed', () => {
    const board = SortedBoard.from([
      { userId: 'a', value: 3 },
      { userId: 'zero', value: 0 },
      { userId: 'b', value: 5 },
    ]);
    assert.equal(board.size, 2);
    assert.equal(board.valueOf('zero'), undefined);
    assert.equal(board.valueOf('a'), 3);
    board.set('a', 3);
    assert.equal(board.size, 2, 'the same value again changes nothing');
    board.delete('b');
    assert.equal(board.valueOf('b'), undefined);
    assert.deepEqual(board.page(0, 10), [{ userId: 'a', value: 3, rank: 1 }]);
    board.set('c', 3);
    assert.deepEqual(
      board.page(0, 10).map((r) => [r.userId, r.rank]),
      [
        ['a', 1],
        ['c', 1],
      ],
      'a tie shares the rank, ordered by id',
    );
    assert.deepEqual(board.page(1, 1), [{ userId: 'c', value: 3, rank: 1 }]);
  });

  it('given a value of zero or less, then the member leaves the board', () => {
    const board = new SortedBoard();
    board.set('100000000000000001', 3);
    board.set('100000000000000001', 0);
    assert.equal(board.size, 0);
    assert.equal(board.rankOf('100000000000000001'), undefined);
  });
});
