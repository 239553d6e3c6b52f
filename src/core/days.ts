// Calendar-day helpers. A "day" is a 'yyyy-MM-dd' string: JSON-safe, sortable as text, and free of
// any time of day, so DST transitions cannot shift it once it has been computed.
import { DateTime, IANAZone } from 'luxon';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

/** The calendar day that `now` falls on for someone living in `timeZone`. */
export function localDay(now: Date, timeZone: string): string {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid date: ${String(now)}`);
  return local.toFormat('yyyy-MM-dd');
}

export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return parseDay(day).plus({ days: n }).toFormat('yyyy-MM-dd');
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round(parseDay(b).diff(parseDay(a), 'days').days);
}

export function isValidDay(day: string): boolean {
  return DAY_PATTERN.test(day) && DateTime.fromISO(day, { zone: 'utc' }).isValid;
}

// Day strings carry no zone; doing the arithmetic in UTC, which has no DST, keeps every day exactly
// 24 hours long, so the result is the same whichever zone the day was computed in.
function parseDay(day: string): DateTime {
  const parsed = DAY_PATTERN.test(day) ? DateTime.fromISO(day, { zone: 'utc' }) : null;
  if (!parsed?.isValid) throw new RangeError(`Not a yyyy-MM-dd day: ${day}`);
  return parsed;
}
