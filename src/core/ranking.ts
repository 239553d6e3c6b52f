// Leaderboard ranking and period keys. PURE: `now` and the IANA zone are arguments.

import { DateTime } from 'luxon';
import { localTimeToInstant } from './daily-schedule.ts';
import { isValidTimeZone, localDay, parseLocalDay } from './time.ts';
import { compareUserIds } from './user-ids.ts';

export interface RankRow {
  userId: string;
  value: number;
}

export type Ranked<T extends RankRow = RankRow> = T & { rank: number };

export const PERIODS = ['all', 'month', 'week'] as const;
export type Period = (typeof PERIODS)[number];

function compareRows(a: RankRow, b: RankRow): number {
  return b.value - a.value || compareUserIds(a.userId, b.userId);
}

/** Rows with a finite value, sorted by value desc then userId asc, with competition ranks (1,1,3). */
function rankAll<T extends RankRow>(rows: readonly T[]): Ranked<T>[] {
  const sorted = rows.filter((r) => Number.isFinite(r.value)).sort(compareRows);
  const out: Ranked<T>[] = [];
  let prev: Ranked<T> | undefined;
  for (const [i, row] of sorted.entries()) {
    const rank = prev !== undefined && prev.value === row.value ? prev.rank : i + 1;
    prev = { ...row, rank };
    out.push(prev);
  }
  return out;
}

function nonNegativeInt(n: number | undefined, fallback: number): number {
  if (n === undefined || !Number.isFinite(n)) return fallback;
  return Math.max(0, Math.floor(n));
}

/**
 * One page of the leaderboard: sorted by value desc, then userId asc; ties share a rank
 * (competition ranking: 1, 1, 3). Rows with a non-finite value are left out; one row per user is
 * expected. `offset` defaults to 0, `limit` to all rows. Extra fields of the rows are kept.
 */
export function rankRows<T extends RankRow>(
  rows: readonly T[],
  opts: { limit?: number; offset?: number } = {},
): Ranked<T>[] {
  const all = rankAll(rows);
  const offset = nonNegativeInt(opts.offset, 0);
  const limit = nonNegativeInt(opts.limit, all.length);
  return all.slice(offset, offset + limit);
}

/**
 * The rank of one user among all rows (whatever page it is on), with its 0-based `index` in the
 * sorted order (page = Math.floor(index / pageSize)); undefined when the user has no row.
 */
export function rankOf<T extends RankRow>(
  rows: readonly T[],
  userId: string,
): (Ranked<T> & { index: number }) | undefined {
  const all = rankAll(rows);
  const index = all.findIndex((r) => r.userId === userId);
  const row = all[index];
  return row === undefined ? undefined : { ...row, index };
}

function localNow(now: Date, timeZone: string): DateTime {
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new RangeError('invalid Date');
  if (!isValidTimeZone(timeZone)) throw new RangeError(`invalid IANA time zone: ${JSON.stringify(timeZone)}`);
  return DateTime.fromJSDate(now, { zone: timeZone });
}

function dateOnly(localDate: string): DateTime {
  return DateTime.fromObject(parseLocalDay(localDate), { zone: 'utc' });
}

/**
 * Period key of a local date: 'all', 'yyyy-MM' for month, ISO week 'kkkk-Www' for week (weeks
 * start on Monday; the week-year can differ from the calendar year: 2027-01-01 → '2026-W53').
 */
// A date's period never changes and interactions ask for today's again and again.
const periodKeyMemo = new Map<string, string>();

export function periodKeyOfDate(localDate: string, period: Period): string {
  if (period === 'all') return 'all';
  const memoKey = `${period}|${localDate}`;
  let key = periodKeyMemo.get(memoKey);
  if (key === undefined) {
    const d = dateOnly(localDate);
    key = period === 'month' ? d.toFormat('yyyy-MM') : d.toFormat("kkkk-'W'WW");
    if (periodKeyMemo.size >= 4096) periodKeyMemo.clear();
    periodKeyMemo.set(memoKey, key);
  }
  return key;
}

/** Period key of the local date of `now` in `timeZone`: 'all', '2026-11', '2026-W48'. */
export function periodKey(now: Date, timeZone: string, period: Period): string {
  return periodKeyOfDate(localDay(now, timeZone), period);
}

export interface PeriodBounds {
  key: string;
  /** First and last local dates of the period, inclusive ('yyyy-MM-dd'); null for 'all'. */
  firstDay: string | null;
  lastDay: string | null;
  /** First instant of `firstDay` and first instant after `lastDay` (exclusive); null for 'all'. */
  start: Date | null;
  end: Date | null;
}

/** The period containing `now` (local to `timeZone`), as local dates and as instants. */
export function periodBounds(now: Date, timeZone: string, period: Period): PeriodBounds {
  const today = dateOnly(localNow(now, timeZone).toFormat('yyyy-MM-dd'));
  const key = periodKeyOfDate(today.toFormat('yyyy-MM-dd'), period);
  if (period === 'all') return { key, firstDay: null, lastDay: null, start: null, end: null };
  const first = period === 'month' ? today.startOf('month') : today.minus({ days: today.weekday - 1 });
  const after = period === 'month' ? first.plus({ months: 1 }) : first.plus({ days: 7 });
  const fmt = (d: DateTime) => d.toFormat('yyyy-MM-dd');
  return {
    key,
    firstDay: fmt(first),
    lastDay: fmt(after.minus({ days: 1 })),
    // Midnight can fall in a DST gap (e.g. America/Santiago): then the day starts at the gap's end.
    start: localTimeToInstant(fmt(first), 0, 0, timeZone),
    end: localTimeToInstant(fmt(after), 0, 0, timeZone),
  };
}
