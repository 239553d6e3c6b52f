import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { historyPage, matchesFilter, newestFirst } from '../../src/core/history.ts';
import type { AnswerRecord } from '../../src/core/model.ts';

function answer(id: string, at: string, extra: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    v: 1,
    id,
    guildId: 'g',
    userId: 'u',
    questionId: 'q1',
    text: `answer ${id}`,
    at,
    day: at.slice(0, 10),
    daily: false,
    covered: [],
    missed: [],
    ...extra,
  };
}

describe('history', () => {
  test('given answers in any order, then they come newest first, ties by id', () => {
    const list = [
      answer('a', '2026-01-02T00:00:00.000Z'),
      answer('c', '2026-01-03T00:00:00.000Z'),
      answer('b', '2026-01-02T00:00:00.000Z'),
    ];
    assert.deepEqual(
      newestFirst(list).map((a) => a.id),
      ['c', 'b', 'a'],
    );
  });

  test('given a question and a grade filter, then only answers matching both are kept', () => {
    const graded = answer('a', '2026-01-01T00:00:00.000Z', { grade: 'partly' });
    const other = answer('b', '2026-01-01T00:00:00.000Z', { questionId: 'q2', grade: 'partly' });
    const ungraded = answer('c', '2026-01-01T00:00:00.000Z');
    assert.equal(matchesFilter(graded, { questionId: 'q1', grade: 'partly' }), true);
    assert.equal(matchesFilter(other, { questionId: 'q1', grade: 'partly' }), false);
    assert.equal(matchesFilter(graded, { grade: 'nailed' }), false);
    assert.equal(matchesFilter(ungraded, { grade: 'ungraded' }), true);
    assert.equal(matchesFilter(graded, { grade: 'ungraded' }), false);
    assert.equal(matchesFilter(ungraded, {}), true);
  });

  test('given 12 answers, then pages of 5 hold 5, 5 and 2, and a page out of range is clamped', () => {
    const list = Array.from({ length: 12 }, (_, i) =>
      answer(`a${String(i).padStart(2, '0')}`, `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`),
    );
    const first = historyPage(list, {}, 0);
    assert.equal(first.pages, 3);
    assert.equal(first.total, 12);
    assert.deepEqual(
      first.entries.map((a) => a.id),
      ['a11', 'a10', 'a09', 'a08', 'a07'],
    );
    assert.deepEqual(
      historyPage(list, {}, 2).entries.map((a) => a.id),
      ['a01', 'a00'],
    );
    assert.equal(historyPage(list, {}, 9).page, 2);
    assert.equal(historyPage(list, {}, -1).page, 0);
    assert.equal(historyPage(list, {}, Number.NaN).page, 0);
  });

  test('given no answers, then there is one empty page', () => {
    assert.deepEqual(historyPage([], {}, 0), { entries: [], page: 0, pages: 1, total: 0 });
  });
});

test('given six answers, two pairs at the same moment, in scrambled order, when sorted, then newest first and ties by id descending; sorting twice changes nothing', () => {
  const list = [
    answer('b2', '2026-01-02T00:00:00.000Z'),
    answer('a1', '2026-01-01T00:00:00.000Z'),
    answer('c1', '2026-01-03T00:00:00.000Z'),
    answer('b1', '2026-01-02T00:00:00.000Z'),
    answer('a3', '2026-01-01T00:00:00.000Z'),
    answer('d1', '2026-01-04T00:00:00.000Z'),
  ];
  const sorted = newestFirst(list).map((a) => a.id);
  assert.deepEqual(sorted, ['d1', 'c1', 'b2', 'b1', 'a3', 'a1']);
  assert.deepEqual(
    newestFirst(newestFirst(list)).map((a) => a.id),
    sorted,
  );
  assert.deepEqual(
    newestFirst([...list].reverse()).map((a) => a.id),
    sorted,
  );
});

test('given a filter by question only, then every grade of that question matches, graded or not', () => {
  const graded = answer('a', '2026-01-01T00:00:00.000Z', { grade: 'missed' });
  const ungraded = answer('b', '2026-01-01T00:00:00.000Z');
  const other = answer('c', '2026-01-01T00:00:00.000Z', { questionId: 'q2' });
  assert.equal(matchesFilter(graded, { questionId: 'q1' }), true);
  assert.equal(matchesFilter(ungraded, { questionId: 'q1' }), true);
  assert.equal(matchesFilter(other, { questionId: 'q1' }), false);
  assert.equal(matchesFilter(graded, {}), true);
  assert.deepEqual(
    historyPage([other, graded, ungraded], { questionId: 'q1' }, 0).entries.map((a) => a.id),
    ['b', 'a'],
  );
});
