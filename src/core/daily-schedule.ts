// Scheduling core of the "question of the day". PURE: every function takes the current instant
// and IANA time zones as arguments; nothing here reads the clock or the environment, and nothing
// imports discord.js, keyv or node-cron. State is plain JSON ('yyyy-MM-dd' local dates, ISO strings).
//
// How the caller is expected to drive it:
//   - node-cron fires `cronExpression(schedule)` with `{ timezone: schedule.timeZone }`, AND a
//     once-a-minute sweep plus a start-up pass call `decide` for every schedule. node-cron has no
//     catch-up after downtime and skips a 02:30 job on the spring-forward day, so the sweep is what
//     guarantees "never skipped"; `decide` + the stored PostRecord is what guarantees "never doubled".
//   - On { action: 'post' }: write { state: 'sending', nonce } (or reuse `resume`) BEFORE sending,
//     send with that nonce and `enforceNonce: true`, then write { state: 'sent', messageId }.

import { createHash } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import { isValidTimeZone, parseLocalDay } from './time.ts';

export interface DailySchedule {
  guildId: string;
  channelId: string;
  /** 'HH:MM', 24 h, local to `timeZone`. */
  time: string;
  /** IANA name, e.g. 'Europe/Berlin' or 'UTC'. */
  timeZone: string;
  roleId?: string;
  thread?: boolean;
  enabled: boolean;
}

/** The per-channel record of the latest post attempt. */
export interface PostRecord {
  /** Local date ('yyyy-MM-dd', in the schedule's zone) the post is for. */
  localDate: string;
  questionId: string;
  /**
   * 'sending': written before the Discord call; if it is still there the process died (or the call
   *   failed transiently) between sending and recording, so the post is resumed with the same nonce.
   * 'sent': done for that local date.
   * 'failed': the attempt failed permanently for that day (e.g. 50001/50013 missing access); the
   *   schedule waits for the next day instead of retrying every minute. (Addition to the original
   *   'sending' | 'sent' states; callers that never write it are unaffected.)
   */
  state: 'sending' | 'sent' | 'failed';
  /** Discord nonce (≤ 25 chars) used for the send; see `nonceFor`. */
  nonce: string;
  messageId?: string;
  /** ISO instant of the attempt / of recording it. */
  at: string;
}

export type Decision =
  | { action: 'post'; localDate: string; resume?: PostRecord }
  | { action: 'wait'; until: Date }
  | { action: 'skip'; reason: string };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Strict 'HH:MM' (two digits each), 00:00–23:59. */
export function parseTime(s: string): { hour: number; minute: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const m = TIME_RE.exec(s);
  if (!m) return undefined;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function zoneOf(tz: string): IANAZone {
  if (!isValidTimeZone(tz)) throw new RangeError(`invalid IANA time zone: ${JSON.stringify(tz)}`);
  return IANAZone.create(tz);
}

function checkInstant(now: Date): number {
  const ms = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

function isLocalDate(s: unknown): s is string {
  try {
    parseLocalDay(s as string);
    return true;
  } catch {
    return false;
  }
}

function shiftLocalDate(localDate: string, days: number): string {
  const d = DateTime.fromObject(parseLocalDay(localDate), { zone: 'utc' }).plus({ days });
  return d.toFormat('yyyy-MM-dd');
}

function localDateAt(ms: number, zone: IANAZone): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
}

// localTimeToInstant is called for every schedule on every sweep; its result only depends on its
// arguments (and the tz database), so a bounded memo keeps the sweep cheap.
const INSTANT_CACHE_MAX = 10_000;
const instantCache = new Map<string, number>();

/**
 * The instant at which the local wall-clock time `hour:minute` of `localDate` occurs in `timeZone`.
 * - Fall-back overlap (the time happens twice): the FIRST occurrence.
 * - Spring-forward gap (the time never happens): the first valid instant after the gap
 *   (02:30 on 2026-03-29 in Europe/Berlin → 03:00 CEST).
 * Deterministic, unlike luxon's DateTime.fromObject, whose choice in an overlap depends on the
 * current clock.
 */
export function localTimeToInstant(localDate: string, hour: number, minute: number, timeZone: string): Date {
  const key = `${timeZone}|${localDate}|${hour}|${minute}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return new Date(hit);
  const ms = resolveLocalTime(localDate, hour, minute, timeZone);
  if (instantCache.size >= INSTANT_CACHE_MAX) instantCache.clear();
  instantCache.set(key, ms);
  return new Date(ms);
}

function resolveLocalTime(localDate: string, hour: number, minute: number, timeZone: string): number {
  const zone = zoneOf(timeZone);
  const { year, month, day } = parseLocalDay(localDate);
  if (
    !Number.isInteger(hour) ||
    hour < 0 ||
    hour > 23 ||
    !Number.isInteger(minute) ||
    minute < 0 ||
    minute > 59
  ) {
    throw new RangeError(`invalid wall-clock time ${hour}:${minute}`);
  }
  // The wall-clock reading expressed as if it were UTC; the real instant is wall - offset.
  const wall = DateTime.utc(year, month, day, hour, minute).toMillis();
  const offsetAt = (ms: number) => zone.offset(ms) * MINUTE_MS;
  const offsets = new Set([-DAY_MS, -12 * HOUR_MS, 0, 12 * HOUR_MS, DAY_MS].map((d) => offsetAt(wall + d)));

  let first: number | undefined;
  for (const o of offsets) {
    const t = wall - o;
    if (offsetAt(t) === o && (first === undefined || t < first)) first = t;
  }
  if (first !== undefined) return first;

  // In a gap: the first instant whose local reading is at or after the wanted one is the
  // transition itself. Binary search (ms precision) between the candidate instants.
  const candidates = [...offsets].map((o) => wall - o);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const local = (t: number) => t + offsetAt(t);
  if (!(local(lo) < wall && local(hi) >= wall)) {
    throw new RangeError(`cannot resolve ${localDate} ${hour}:${minute} in ${timeZone}`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (local(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

function timeOf(schedule: DailySchedule): { hour: number; minute: number } {
  const t = parseTime(schedule.time);
  if (!t) throw new RangeError(`invalid time (want HH:MM): ${JSON.stringify(schedule.time)}`);
  return t;
}

/** The instant of `localDate`'s post for this schedule (DST-correct, see `localTimeToInstant`). */
export function slotFor(schedule: DailySchedule, localDate: string): Date {
  const { hour, minute } = timeOf(schedule);
  return localTimeToInstant(localDate, hour, minute, schedule.timeZone);
}

/** The first slot strictly after `afterMs`, looking at `fromDate` and the following days. */
function firstSlotAfter(schedule: DailySchedule, fromDate: string, afterMs: number): Date {
  let date = fromDate;
  for (let i = 0; i < 8; i++) {
    const s = slotFor(schedule, date);
    if (s.getTime() > afterMs) return s;
    date = shiftLocalDate(date, 1);
  }
  throw new RangeError(`no slot found after ${new Date(afterMs).toISOString()}`);
}

/**
 * The next slot strictly after `now`, from the schedule alone (ignores whether today's post was
 * already made: for "what happens next" in /daily status prefer `decide(...)`'s `until`).
 */
export function nextSlot(schedule: DailySchedule, now: Date): Date {
  const ms = checkInstant(now);
  const zone = zoneOf(schedule.timeZone);
  timeOf(schedule);
  return firstSlotAfter(schedule, shiftLocalDate(localDateAt(ms, zone), -1), ms);
}

/**
 * What to do for one channel's schedule at `now`, given the latest post record of that channel.
 * - 'skip' when the schedule is disabled (or its time / zone is invalid).
 * - 'post' when today's slot (today = local date of `now` in the schedule's zone) has been reached
 *   and nothing was recorded for today. A post missed while the bot was down is thus made when it
 *   comes back the same local day (catch-up), never for a previous day.
 * - 'post' with `resume` when the record for today is still 'sending': the process died between
 *   the send and the record (or the send failed transiently). Re-send with `resume.nonce` and
 *   `enforceNonce: true` so Discord dedupes, then record 'sent'. Discord only checks nonce
 *   uniqueness over the past few minutes, so for an old `resume.at` the caller should first look
 *   for the message in the channel.
 * - 'wait' otherwise: until today's slot, or, when today is done ('sent' / 'failed'), until the
 *   next day's slot.
 * A record dated after today (possible after the zone was changed westwards) counts as "already
 * done": no post is ever made for a date earlier than the last one recorded.
 * Note: a schedule created (or re-enabled) after today's slot time posts at once, like a catch-up.
 */
export function decide(schedule: DailySchedule, last: PostRecord | undefined, now: Date): Decision {
  const ms = checkInstant(now);
  if (!schedule.enabled) return { action: 'skip', reason: 'disabled' };
  if (!parseTime(schedule.time))
    return { action: 'skip', reason: `invalid time ${JSON.stringify(schedule.time)}` };
  if (!isValidTimeZone(schedule.timeZone)) {
    return { action: 'skip', reason: `invalid time zone ${JSON.stringify(schedule.timeZone)}` };
  }
  const today = localDateAt(ms, zoneOf(schedule.timeZone));

  if (last && isLocalDate(last.localDate) && last.localDate >= today) {
    if (last.state === 'sending') return { action: 'post', localDate: last.localDate, resume: last };
    // 'sent' or 'failed': this local date is done; wait for the next day's slot.
    return { action: 'wait', until: firstSlotAfter(schedule, shiftLocalDate(last.localDate, 1), ms) };
  }

  const slot = slotFor(schedule, today);
  if (ms >= slot.getTime()) return { action: 'post', localDate: today };
  return { action: 'wait', until: slot };
}

/**
 * node-cron expression 'M H * * *'; schedule it with `{ timezone: schedule.timeZone }`.
 * node-cron (4.3+) fires a 09:00 job exactly once on both DST change days, but a job inside the
 * skipped hour (e.g. 02:30 Europe/Berlin on the spring-forward day) does NOT fire that day, and
 * nothing fires for slots missed while the process was down. The caller therefore also runs
 * `decide` from a once-a-minute sweep and at start-up; `decide` makes the extra triggers harmless.
 */
export function cronExpression(schedule: DailySchedule): string {
  const { hour, minute } = timeOf(schedule);
  return `${minute} ${hour} * * *`;
}

/**
 * Deterministic Discord nonce for one channel's post of one local date: 'q' + 24 hex chars of a
 * SHA-256 (25 chars, Discord's limit). Never all digits, so Discord keeps it a string.
 */
export function nonceFor(guildId: string, channelId: string, localDate: string): string {
  const h = createHash('sha256')
    .update(`daily\u0000${guildId}\u0000${channelId}\u0000${localDate}`)
    .digest('hex');
  return `q${h.slice(0, 24)}`;
}
