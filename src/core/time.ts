// The one date and zone module: IANA zone names, local days and day arithmetic.
// Calendar-day helpers. A "day" is a 'yyyy-MM-dd' string: JSON-safe, sortable as text, and free of
// any time of day, so DST transitions cannot shift it once it has been computed.
import { DateTime, IANAZone } from 'luxon';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

// Checking a zone builds an Intl.DateTimeFormat (tens of microseconds); the answer never changes.
const zoneValidity = new Map<string, boolean>();

/**
 * IANA zone names only: 'UTC' or an Area/Location name ('Europe/Berlin', 'Etc/GMT+2',
 * 'America/Argentina/Buenos_Aires'). Rejects offsets ('+02:00', 'UTC+2': Node 24's Intl accepts
 * them, Node 20's does not) and bare abbreviations or POSIX-style legacy names ('CET', 'EST',
 * 'EST5EDT', 'GMT') even where ICU would accept them. Names are matched case-insensitively, as ICU
 * does; use `canonicalTimeZone` to store one.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  if (tz !== 'UTC' && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(tz)) return false;
  let valid = zoneValidity.get(tz);
  // Stryker disable next-line ConditionalExpression: a cache; computing every time gives the same answer (equivalent mutant)
  if (valid === undefined) {
    valid = IANAZone.isValidZone(tz);
    // Stryker disable next-line all: the cache's bound only changes how much is remembered, not the answer
    if (zoneValidity.size >= 1_000) zoneValidity.clear();
    zoneValidity.set(tz, valid);
  }
  return valid;
}

/** The properly cased name ICU resolves a valid zone to ('europe/berlin' → 'Europe/Berlin'). */
export function canonicalTimeZone(tz: string): string | undefined {
  if (!isValidTimeZone(tz)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
}

// Every interaction asks for today's date, and a zone's date can only change on a whole minute:
// UTC offsets have been whole minutes everywhere since the 1970s. So the last answer per zone is
// reused within its minute (exact, not an approximation); earlier dates are always computed.
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1980, 0, 1);
const lastDayOfZone = new Map<string, { minute: number; day: string }>();

/** The calendar day that `now` falls on for someone living in `timeZone`. */
export function localDay(now: Date, timeZone: string): string {
  const ms = now.getTime();
  // Stryker disable next-line ArithmeticOperator: a different memo key only turns memo hits into misses (equivalent)
  const minute = Math.floor(ms / 60_000);
  const last = lastDayOfZone.get(timeZone);
  // Stryker disable next-line ConditionalExpression: never using the memo computes the same day (equivalent)
  if (last !== undefined && last.minute === minute) return last.day;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid date: ${String(now)}`);
  const day = local.toFormat('yyyy-MM-dd');
  // Stryker disable next-line all: when to remember is a speed choice; results are checked minute by minute in days.test.ts
  if (ms >= WHOLE_MINUTE_OFFSETS_SINCE && (last !== undefined || lastDayOfZone.size < 1000))
    // Stryker disable next-line ObjectLiteral: an empty entry never matches a minute, so it is never used (equivalent)
    lastDayOfZone.set(timeZone, { minute, day });
  return day;
}

export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return formatDay(dayNumber(day) + n);
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function isValidDay(day: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(day));
}

// Day strings carry no zone, so day arithmetic is plain counting of UTC days (UTC has no DST: every
// day is 86,400,000 ms). Hot path (streaks, leaderboard views), hence no date library here.
const DAY_MS = 86_400_000;

function dayNumberOrNaN(day: string): number {
  if (typeof day !== 'string' || !DAY_PATTERN.test(day)) return Number.NaN;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, date);
  // Reject days that roll over, such as 2026-02-30.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== date)
    return Number.NaN;
  return Math.round(d.getTime() / DAY_MS);
}

/** The one parser of 'yyyy-MM-dd' local days: its parts, or a RangeError (2026-02-30 included). */
export function parseLocalDay(day: string): { year: number; month: number; day: number } {
  if (Number.isNaN(dayNumberOrNaN(day))) {
    throw new RangeError(`invalid local date (want yyyy-MM-dd): ${JSON.stringify(day)}`);
  }
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

function dayNumber(day: string): number {
  const n = dayNumberOrNaN(day);
  if (Number.isNaN(n)) throw new RangeError(`Not a yyyy-MM-dd day: ${day}`);
  return n;
}

function formatDay(n: number): string {
  const d = new Date(n * DAY_MS);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Day out of range: ${n}`);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}
