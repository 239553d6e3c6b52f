import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import { periodBounds, periodKey, periodKeyOfDate, rankOf, rankRows } from '../../src/core/ranking.ts';

const BERLIN = 'Europe/Berlin';

describe('rankRows / rankOf', () => {
  const rows = [
    { userId: '300', value: 7 },
    { userId: '10', value: 10 },
    { userId: '9', value: 10 },
    { userId: '200', value: 7 },
    { userId: '100', value: 7 },
    { userId: '50', value: 3 },
  ];

  it('given tied values when ranking then ties share a rank (1,1,3) and are ordered by userId', () => {
    assert.deepEqual(
      rankRows(rows).map((r) => [r.userId, r.rank]),
      [
        ['9', 1],
        ['10', 1],
        ['100', 3],
        ['200', 3],
        ['300', 3],
        ['50', 6],
      ],
    );
  });

  it('given a limit and an offset when ranking then that page, with ranks from the whole board', () => {
    assert.deepEqual(
      rankRows(rows, { offset: 3, limit: 2 }).map((r) => [r.userId, r.rank]),
      [
        ['200', 3],
        ['300', 3],
      ],
    );
    assert.deepEqual(rankRows(rows, { offset: 10, limit: 10 }), []);
    assert.equal(rankRows(rows, { limit: 0 }).length, 0);
    assert.equal(rankRows(rows, { offset: -5, limit: 2 })[0]?.userId, '9');
  });

  it('given 25 users when paging by 10 then pages are contiguous and cover everyone once', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ userId: String(1000 + i), value: i % 7 }));
    const pages = [0, 10, 20].flatMap((offset) => rankRows(many, { offset, limit: 10 }));
    assert.deepEqual(pages, rankRows(many));
    assert.equal(new Set(pages.map((r) => r.userId)).size, 25);
  });

  it('given a user outside the first page when asking their rank then rank and index are given', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      userId: `u${String(i).padStart(2, '0')}`,
      value: 100 - i,
    }));
    assert.equal(
      rankRows(many, { limit: 10 }).some((r) => r.userId === 'u17'),
      false,
    );
    assert.deepEqual(rankOf(many, 'u17'), { userId: 'u17', value: 83, rank: 18, index: 17 });
    assert.equal(rankOf(many, 'nobody'), undefined);
    assert.equal(rankOf(rows, '300')?.rank, 3);
  });

  it('given rows with extra fields or non-finite values when ranking then fields are kept and NaN rows left out', () => {
    const r = rankRows([
      { userId: 'a', value: Number.NaN, name: 'x' },
      { userId: 'b', value: 1, name: 'y' },
    ]);
    assert.deepEqual(r, [{ userId: 'b', value: 1, name: 'y', rank: 1 }]);
  });

  it('given any rows when ranking then ranks are competition ranks of the sorted order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ userId: fc.string(), value: fc.integer({ min: 0, max: 5 }) }), {
          selector: (r) => r.userId,
          maxLength: 30,
        }),
        (rs) => {
          const ranked = rankRows(rs);
          return ranked.every(
            (r, i) =>
              r.rank === 1 + rs.filter((o) => o.value > r.value).length &&
              (i === 0 || (ranked[i - 1]?.value ?? Number.POSITIVE_INFINITY) >= r.value) &&
              rankOf(rs, r.userId)?.index === i,
          );
        },
      ),
    );
  });
});

describe('periodKey / periodBounds', () => {
  it('given Sunday 23:30 and Monday 00:30 in Berlin when keying by week then different ISO weeks', () => {
    // 2026-11-29 is a Sunday. Monday 00:30 CET is still Sunday 23:30 in UTC.
    assert.equal(periodKey(new Date('2026-11-29T22:30:00Z'), BERLIN, 'week'), '2026-W48');
    assert.equal(periodKey(new Date('2026-11-29T23:30:00Z'), BERLIN, 'week'), '2026-W49');
    assert.equal(periodKey(new Date('2026-11-29T23:30:00Z'), 'UTC', 'week'), '2026-W48');
  });

  it('given the last evening and first hour of a month in Berlin when keying by month then the local month', () => {
    assert.equal(periodKey(new Date('2026-11-30T22:59:00Z'), BERLIN, 'month'), '2026-11');
    assert.equal(periodKey(new Date('2026-11-30T23:30:00Z'), BERLIN, 'month'), '2026-12');
    assert.equal(periodKey(new Date('2026-11-30T23:30:00Z'), 'UTC', 'month'), '2026-11');
    assert.equal(periodKey(new Date('2026-11-30T23:30:00Z'), BERLIN, 'all'), 'all');
  });

  it('given dates around new year when keying by week then the ISO week-year is used', () => {
    assert.equal(periodKeyOfDate('2025-12-29', 'week'), '2026-W01');
    assert.equal(periodKeyOfDate('2026-01-01', 'week'), '2026-W01');
    assert.equal(periodKeyOfDate('2026-12-31', 'week'), '2026-W53');
    assert.equal(periodKeyOfDate('2027-01-03', 'week'), '2026-W53');
    assert.equal(periodKeyOfDate('2027-01-04', 'week'), '2027-W01');
    assert.equal(periodKeyOfDate('2026-02-28', 'month'), '2026-02');
  });

  it('given a Berlin week when asking its bounds then Monday to Sunday, as local midnights', () => {
    assert.deepEqual(periodBounds(new Date('2026-11-26T12:00:00Z'), BERLIN, 'week'), {
      key: '2026-W48',
      firstDay: '2026-11-23',
      lastDay: '2026-11-29',
      start: new Date('2026-11-22T23:00:00Z'),
      end: new Date('2026-11-29T23:00:00Z'),
    });
    // Monday 00:30 local belongs to the new week.
    assert.equal(periodBounds(new Date('2026-11-29T23:30:00Z'), BERLIN, 'week').firstDay, '2026-11-30');
  });

  it('given a month with a DST change when asking its bounds then start and end use each day’s offset', () => {
    assert.deepEqual(periodBounds(new Date('2026-10-31T22:30:00Z'), BERLIN, 'month'), {
      key: '2026-10',
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
      start: new Date('2026-09-30T22:00:00Z'),
      end: new Date('2026-10-31T23:00:00Z'),
    });
    assert.equal(periodBounds(new Date('2026-02-10T12:00:00Z'), BERLIN, 'month').lastDay, '2026-02-28');
  });

  it('given period all when asking its bounds then no bounds', () => {
    assert.deepEqual(periodBounds(new Date('2026-10-31T22:30:00Z'), BERLIN, 'all'), {
      key: 'all',
      firstDay: null,
      lastDay: null,
      start: null,
      end: null,
    });
  });

  it('given a bad zone or date when keying then RangeError', () => {
    assert.throws(() => periodKey(new Date('2026-01-01T00:00:00Z'), '+01:00', 'week'), RangeError);
    assert.throws(() => periodKey(new Date(Number.NaN), BERLIN, 'week'), RangeError);
    assert.throws(() => periodKeyOfDate('2026-13-01', 'month'), RangeError);
  });
});

describe('rankRows tie order and bad input', () => {
  it('given equal values, then all-digit ids order numerically (leading zeros ignored) and other ids as text', () => {
    const rows = [
      '100000000000000000',
      '99999999999999999',
      '200000000000000000',
      '0099',
      '100',
      'b',
      'a',
    ].map((userId) => ({ userId, value: 5 }));
    assert.deepEqual(
      rankRows(rows).map((r) => r.userId),
      ['0099', '100', '99999999999999999', '100000000000000000', '200000000000000000', 'a', 'b'],
    );
    assert.ok(rankRows(rows).every((r) => r.rank === 1));
    assert.deepEqual(
      rankRows([
        { userId: '7', value: 1 },
        { userId: '007', value: 1 },
      ]).map((r) => r.userId),
      ['007', '7'],
      'numerically equal: text order decides',
    );
  });

  it('given a limit or offset that is not a finite number, then the defaults apply', () => {
    const rows = [1, 2, 3].map((n) => ({ userId: String(n), value: n }));
    assert.equal(rankRows(rows, { limit: Number.NaN }).length, 3);
    assert.equal(rankRows(rows, { offset: Number.POSITIVE_INFINITY }).length, 3);
    assert.equal(rankRows(rows, { limit: 1.9 }).length, 1);
  });

  it('given malformed local dates or instants, then period keys throw a RangeError naming the input', () => {
    for (const bad of ['2026-02-30', ' 2026-01-01', '2026-01-01x', '26-01-01']) {
      assert.throws(
        () => periodKeyOfDate(bad, 'week'),
        new RegExp(`invalid local date \\(want yyyy-MM-dd\\): "${bad}"`),
      );
    }
    assert.throws(() => periodBounds(new Date(Number.NaN), 'UTC', 'week'), /invalid Date/);
    assert.throws(() => periodBounds('2026-01-01' as unknown as Date, 'UTC', 'week'), /invalid Date/);
    assert.throws(
      () => periodBounds(new Date(), 'Mars/Olympus', 'week'),
      /invalid IANA time zone: "Mars\/Olympus"/,
    );
    assert.equal(periodKeyOfDate('2026-01-01', 'all'), 'all');
  });
});

test('given a limit or offset that is not a finite number, then the defaults apply: all rows from the first', () => {
  const rows = [
    { userId: 'a', value: 3 },
    { userId: 'b', value: 2 },
    { userId: 'c', value: 1 },
  ];
  assert.equal(rankRows(rows, { limit: Number.NaN }).length, 3);
  assert.equal(rankRows(rows, { limit: Number.POSITIVE_INFINITY }).length, 3);
  assert.equal(rankRows(rows, { offset: Number.NaN, limit: 1 })[0]?.userId, 'a');
  assert.deepEqual(
    rankRows(rows, { offset: 1.7, limit: 1.2 }).map((r) => r.userId),
    ['b'],
    'fractions round down',
  );
});
