// Checks the raw store against what users were told (the acknowledged events), per the write
// protocol of src/app/practice.ts: an answer (answer record + user totals + leaderboard bucket) and a
// grade (user totals + the answer's copy of the grade + bucket) are each one SQLite statement, so
// they land whole or not at all. Older versions wrote them one by one; the audit still tolerates
// their leftovers (an orphan answer record, a grade awaiting repair), but the tests of this version
// expect none.
// So: every acknowledged event must be applied exactly once; an unacknowledged one may be applied
// (the crash came after the write, before the reply) or not at all, but never half-counted.
import { entryFromUser } from '../../src/app/leaderboard.ts';
import { KEEP_ANSWER_IDS } from '../../src/core/progress.ts';
import { referenceStreak } from '../../src/core/streak.ts';
import { keys } from '../../src/store/keys.ts';
import {
  type AnswerRecord,
  answerRecordSchema,
  boardBucketSchema,
  type UserRecord,
  userRecordSchema,
} from '../../src/store/records.ts';
import { type GradeCode, POINTS, type RawRow } from './helpers.ts';

const GRADE_OF: Record<GradeCode, AnswerRecord['grade']> = { n: 'nailed', p: 'partly', m: 'missed' };

export interface Ledger {
  userId: string;
  /** Every answer submission: its text carries `[nonce]`; acked = the user saw "Saved.". */
  attempts: { nonce: string; acked: boolean }[];
  /** Every grade press; acked = the message was edited to "Graded ..." or "already graded". */
  presses: { answerId: string; code: GradeCode; acked: boolean }[];
}

export interface AuditResult {
  /** Broken promises: acknowledged work lost or double-counted, totals that are not a replay. */
  problems: string[];
  /** Secondary indexes and per-answer bookkeeping (see the report's bug list). */
  bookkeeping: string[];
  stats: {
    users: number;
    ackedAnswers: number;
    ackedGrades: number;
    appliedUnackedAnswers: number;
    orphanAnswers: number;
    appliedUnackedGrades: number;
    gradesAwaitingRepair: number;
    /** Answer records whose `points` differ from what the user's total counted for them (BUG-3). */
    answerPointsMismatches: number;
    /** Users whose leaderboard entry differs from their user record (BUG-1). */
    leaderboardMismatches: number;
  };
}

/** The daily-question bonus (src/core/points.ts), restated so the audit checks the rule. */
const DAILY_BONUS = 2;

/**
 * `questionsOfTheDay`: `<questionId>@<local date>` of the server's questions of the day, as read
 * from its channel; an answer to one on that day earns the bonus.
 */
export function audit(
  rows: readonly RawRow[],
  guildId: string,
  ledgers: readonly Ledger[],
  questionsOfTheDay: ReadonlySet<string> = new Set(),
): AuditResult {
  const problems: string[] = [];
  const bookkeeping: string[] = [];
  const stats: AuditResult['stats'] = {
    users: ledgers.length,
    ackedAnswers: 0,
    ackedGrades: 0,
    appliedUnackedAnswers: 0,
    orphanAnswers: 0,
    appliedUnackedGrades: 0,
    gradesAwaitingRepair: 0,
    answerPointsMismatches: 0,
    leaderboardMismatches: 0,
  };
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const board = new Map<string, unknown>();
  for (const r of rows) {
    if (!r.key.startsWith(keys.boardPrefix(guildId)) || r.key === keys.boardMeta(guildId)) continue;
    for (const [userId, entry] of Object.entries(boardBucketSchema.parse(r.value).entries))
      board.set(userId, entry);
  }

  for (const ledger of ledgers) {
    const u = ledger.userId;
    const say = (msg: string) => problems.push(`user ${u}: ${msg}`);
    const answerRows = rows.filter((r) => r.key.startsWith(keys.answerPrefix(guildId, u)));
    const answers = new Map<string, AnswerRecord>();
    for (const r of answerRows) {
      const parsed = answerRecordSchema.safeParse(r.value);
      if (!parsed.success) say(`answer record ${r.key} does not parse`);
      else answers.set(parsed.data.id, parsed.data);
    }
    const rawUser = byKey.get(keys.user(guildId, u));
    let user: UserRecord | undefined;
    if (rawUser !== undefined) {
      const parsed = userRecordSchema.safeParse(rawUser);
      if (!parsed.success) say('user record does not parse');
      else user = parsed.data;
    }
    const answerIds = user?.answerIds ?? [];
    // The replay below needs every answer id; the record keeps the most recent KEEP_ANSWER_IDS.
    if (user && user.answers > KEEP_ANSWER_IDS)
      say(`${user.answers} answers: the audit needs histories of at most ${KEEP_ANSWER_IDS}`);
    const graded = user?.graded ?? [];
    const counted = new Set(answerIds);
    if (counted.size !== answerIds.length) say(`answerIds has duplicates: ${answerIds.join(',')}`);
    if (new Set(graded).size !== graded.length) say(`graded has duplicates: ${graded.join(',')}`);
    if (user && user.answers !== answerIds.length)
      say(`answers=${user.answers} but answerIds has ${answerIds.length}`);
    for (const id of answerIds) if (!answers.has(id)) say(`answer ${id} is counted but has no record`);
    for (const id of graded) if (!counted.has(id)) say(`graded answer ${id} is not among answerIds`);

    // Answers: acknowledged ones exactly once and counted; unacknowledged at most once.
    const ackedNonces = new Set<string>();
    for (const attempt of ledger.attempts) {
      const matches = [...answers.values()].filter((a) => a.text.includes(`[${attempt.nonce}]`));
      if (matches.length > 1) say(`submission ${attempt.nonce} is stored ${matches.length} times`);
      const stored = matches[0];
      if (attempt.acked) {
        stats.ackedAnswers++;
        ackedNonces.add(attempt.nonce);
        if (!stored) say(`acknowledged submission ${attempt.nonce} is not stored`);
        else if (!counted.has(stored.id)) say(`acknowledged answer ${stored.id} is not in answerIds`);
      } else if (stored && counted.has(stored.id)) stats.appliedUnackedAnswers++;
    }
    for (const a of answers.values()) {
      if (counted.has(a.id)) continue;
      stats.orphanAnswers++;
      const nonce = /^\[([^\]]+)\]/.exec(a.text)?.[1];
      if (nonce && ackedNonces.has(nonce)) say(`acknowledged answer ${a.id} is an uncounted orphan`);
      if (a.grade !== undefined) say(`orphan answer ${a.id} carries a grade`);
    }

    // Grades: acknowledged ones counted (once, by the uniqueness above), with the grade on the record.
    const intended = new Map<string, GradeCode>();
    for (const press of ledger.presses) {
      const earlier = intended.get(press.answerId);
      if (earlier && earlier !== press.code) say(`driver pressed two grades on ${press.answerId}`);
      intended.set(press.answerId, press.code);
    }
    const ackedGrades = new Set(ledger.presses.filter((p) => p.acked).map((p) => p.answerId));
    stats.ackedGrades += ackedGrades.size;
    for (const id of ackedGrades) {
      const code = intended.get(id)!;
      if (!graded.includes(id)) say(`acknowledged grade of ${id} is not counted`);
      const record = answers.get(id);
      if (record?.grade !== GRADE_OF[code])
        say(`acknowledged grade of ${id} is ${GRADE_OF[code]} but the record says ${record?.grade}`);
    }
    for (const id of graded) {
      if (!intended.has(id)) say(`answer ${id} is graded but no grade was ever pressed`);
      else if (!ackedGrades.has(id)) stats.appliedUnackedGrades++;
      if (answers.get(id)?.grade === undefined) stats.gradesAwaitingRepair++;
    }
    for (const a of answers.values())
      if (a.grade !== undefined && !graded.includes(a.id))
        say(`answer ${a.id} has grade ${a.grade} on its record but is not counted in graded`);

    // Totals are a replay of the counted events: points once per question per day, answers, streak.
    let points = 0;
    const awarded = new Set<string>();
    for (const id of graded) {
      const record = answers.get(id);
      const code = intended.get(id);
      if (!record || !code) continue;
      const slot = `${record.questionId}@${record.day}`;
      const earned = awarded.has(slot) ? 0 : POINTS[code] + (questionsOfTheDay.has(slot) ? DAILY_BONUS : 0);
      awarded.add(slot);
      points += earned;
      if (record.grade !== undefined && record.points !== earned) {
        stats.answerPointsMismatches++;
        bookkeeping.push(
          `user ${u}: answer ${id} records points=${record.points} but ${earned} were counted for it`,
        );
      }
    }
    if (user) {
      if (user.points !== points) say(`points=${user.points}, replay of counted grades gives ${points}`);
      if (user.week.points !== points || user.month.points !== points)
        say(`week/month points ${user.week.points}/${user.month.points} differ from ${points}`);
      if (user.week.answers !== answerIds.length || user.month.answers !== answerIds.length)
        say(`week/month answers ${user.week.answers}/${user.month.answers} differ from ${answerIds.length}`);
      const days = answerIds.map((id) => answers.get(id)?.day).filter((d): d is string => d !== undefined);
      const today = [...days].sort().at(-1);
      if (today) {
        const expected = referenceStreak(days, today);
        if (user.streak.current !== expected.current)
          say(`streak ${user.streak.current}, replay of answer days gives ${expected.current}`);
      }
      const perDay = Object.values(user.days).reduce((a, b) => a + b, 0);
      if (perDay !== answerIds.length) say(`days map sums to ${perDay}, answers ${answerIds.length}`);
      const entry = board.get(u);
      if (JSON.stringify(entry) !== JSON.stringify(entryFromUser(user))) {
        stats.leaderboardMismatches++;
        bookkeeping.push(
          `user ${u}: leaderboard entry ${JSON.stringify(entry && { p: (entry as { p: number }).p, a: (entry as { a: number }).a })} differs from the user record (points ${user.points}, answers ${user.answers})`,
        );
      }
    } else if (board.has(u)) {
      stats.leaderboardMismatches++;
      bookkeeping.push(`user ${u}: on the leaderboard without a user record`);
    }
  }
  return { problems, bookkeeping, stats };
}
