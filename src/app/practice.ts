import type { NoPointsReason } from '../core/awards.ts';
import { findQuestion } from '../core/bank.ts';
import { UserError } from '../core/errors.ts';
import { type KeyPointEvidence, matchKeyPoints } from '../core/keypoints.ts';
import type { AnswerRecord, UserRecord } from '../core/model.ts';
import {
  applyAnswer,
  applyGrade,
  applyInterviewPoints,
  applyReveal,
  emptyUser,
  type PeriodKeys,
} from '../core/progress.ts';
import { periodKey } from '../core/ranking.ts';
import { SlidingWindowLimiter } from '../core/rate-limit.ts';
import { isPersonalScope } from '../core/scope.ts';
import { pickNextQuestion } from '../core/selection.ts';
import { type StatsSummary, statsSummary } from '../core/stats.ts';
import { localDay } from '../core/time.ts';
import type { Bank, Difficulty, Grade, Question, QuestionKind } from '../core/types.ts';
import type { Staged, Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import { type GuildService, timeZoneOf } from './guilds.ts';
import { newId } from './ids.ts';

export const MIN_ANSWER_LENGTH = 20;
export const MAX_ANSWER_LENGTH = 4000;
/** Answers a member may submit per minute: far above honest practice, far below a script. */
export const ANSWERS_PER_MINUTE = 20;

/** Index records to write with a user record, in the same statement (see LeaderboardService). */
export interface IndexChange {
  writes: Staged[];
  /** The write failed: forget what was changed in memory. */
  abandon: () => void;
}

export const NO_INDEX_CHANGE: IndexChange = { writes: [], abandon: () => {} };

/**
 * Called under the user's lock with the record before and after a change (undefined after = the
 * user was deleted). It must not throw: an index that cannot follow handles that itself (e.g. by
 * scheduling a rebuild), and the user's record is written regardless.
 */
export type UserIndex = (
  before: UserRecord | undefined,
  after: UserRecord | undefined,
  who?: { guildId: string; userId: string },
) => Promise<IndexChange>;

export class PracticeService {
  /** The question each user was last shown, so "next" does not hand it straight back. */
  private readonly lastShown = new Map<string, string>();
  private readonly answerLimit = new SlidingWindowLimiter(ANSWERS_PER_MINUTE, 60_000);

  constructor(
    private readonly store: Store,
    private readonly deps: {
      /** The bank a scope sees (the shared one, and a server's own questions). */
      bank: (scopeId?: string) => Bank;
      clock: Clock;
      random: () => number;
      guilds: GuildService;
      /** Keeps an index (the leaderboard) in step with user records, in the same commits. */
      userIndex?: UserIndex;
      /** What else /forget-me erases with the member's records, in the same commit (peer interviews). */
      forgetAlso?: (guildId: string, userId: string) => Promise<Staged[]>;
    },
  ) {}

  question(id: string, scopeId?: string): Question {
    const question = findQuestion(this.deps.bank(scopeId), id);
    if (!question) {
      throw new UserError(
        `There is no question \`${id}\` in the bank (it may have been removed). Use \`/question\` to get another one.`,
      );
    }
    return question;
  }

  getUser(guildId: string, userId: string): Promise<UserRecord | undefined> {
    return this.store.users.get(guildId, userId);
  }

  /** What /stats shows; undefined if the member has no answers here. */
  async stats(guildId: string, userId: string): Promise<StatsSummary | undefined> {
    const [user, timeZone] = await Promise.all([
      this.getUser(guildId, userId),
      this.deps.guilds.timeZone(guildId),
    ]);
    if (!user || user.answers === 0) return undefined;
    return statsSummary(user, this.deps.clock.now(), timeZone);
  }

  async nextQuestion(
    guildId: string,
    userId: string,
    filters: {
      topic?: string | undefined;
      difficulty?: Difficulty | undefined;
      kind?: QuestionKind | undefined;
      /** Question ids not to pick (a mock interview's earlier questions). */
      exclude?: ReadonlySet<string>;
    },
  ): Promise<Question | undefined> {
    const user = await this.getUser(guildId, userId);
    const shownKey = `${guildId}:${userId}`;
    const { exclude, ...selection } = filters;
    const questions = this.deps.bank(guildId).questions;
    const picked = pickNextQuestion({
      questions: exclude?.size ? questions.filter((q) => !exclude.has(q.id)) : questions,
      progress: user?.progress ?? {},
      mastery: user?.mastery ?? {},
      lastQuestionId: this.lastShown.get(shownKey) ?? user?.lastQuestionId,
      ...selection,
      now: this.deps.clock.now(),
      random: this.deps.random,
    });
    if (picked) this.rememberShown(shownKey, picked.id);
    return picked;
  }

  private rememberShown(key: string, questionId: string): void {
    this.lastShown.delete(key);
    this.lastShown.set(key, questionId);
    // Bounded: a Map iterates in insertion order, so the first key is the least recently shown.
    if (this.lastShown.size > 50_000) this.lastShown.delete(this.lastShown.keys().next().value as string);
  }

  private async calendar(
    guildId: string,
    now: Date,
  ): Promise<{ day: string; timeZone: string; periods: PeriodKeys; dailyId?: string }> {
    const guild = await this.deps.guilds.get(guildId);
    const timeZone = timeZoneOf(guild);
    const day = localDay(now, timeZone);
    return {
      day,
      timeZone,
      periods: { week: periodKey(now, timeZone, 'week'), month: periodKey(now, timeZone, 'month') },
      dailyId: guild?.rotation?.byDate[day],
    };
  }

  /** Show answer before answering: remembered for the day, so a later answer earns nothing. */
  async reveal(guildId: string, userId: string, displayName: string, questionId: string): Promise<void> {
    const now = this.deps.clock.now();
    const { day, periods } = await this.calendar(guildId, now);
    await this.store.users.update([guildId, userId], async (current) => {
      const base = current ?? emptyUser(guildId, userId, displayName, periods);
      if (current?.revealed[questionId]?.includes(day)) return { next: undefined, result: undefined };
      return { next: applyReveal(base, questionId, day), result: undefined };
    });
  }

  async submitAnswer(p: {
    guildId: string;
    userId: string;
    displayName: string;
    questionId: string;
    text: string;
    /** Records to commit with the answer, in the same statement (a mock interview's step). */
    also?: (answer: AnswerRecord) => Staged[];
  }): Promise<{ answer: AnswerRecord; question: Question; evidence: KeyPointEvidence[] }> {
    const question = this.question(p.questionId, p.guildId);
    const text = p.text.trim();
    if (text.length < MIN_ANSWER_LENGTH) {
      throw new UserError(
        `That answer is only ${text.length} characters. Write at least ${MIN_ANSWER_LENGTH}: a sentence or two in your own words, as you would say it in an interview. Nothing was saved.`,
      );
    }
    if (text.length > MAX_ANSWER_LENGTH)
      throw new UserError(`Answers are limited to ${MAX_ANSWER_LENGTH} characters.`);
    const now = this.deps.clock.now();
    const allowed = this.answerLimit.take(`${p.guildId}:${p.userId}`, now.getTime());
    if (!allowed.ok) {
      const seconds = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
      throw new UserError(
        `You have sent ${ANSWERS_PER_MINUTE} answers in the last minute, the most the bot takes. Take a breath and try again in ${seconds} second${seconds === 1 ? '' : 's'}. This answer was not saved.`,
      );
    }
    const { day, timeZone, periods, dailyId } = await this.calendar(p.guildId, now);
    const match = matchKeyPoints(text, question.keyPoints);
    const answer: AnswerRecord = {
      v: 1,
      id: newId(now),
      guildId: p.guildId,
      userId: p.userId,
      questionId: question.id,
      text,
      at: now.toISOString(),
      day,
      tz: timeZone,
      daily: dailyId === question.id,
      covered: match.covered,
      missed: match.missed,
    };
    const userId = [p.guildId, p.userId] as const;
    await this.store.users.locked([...userId], async () => {
      const current = await this.store.users.get(...userId);
      const base = current ?? emptyUser(p.guildId, p.userId, p.displayName, periods);
      const next = applyAnswer(base, {
        answerId: answer.id,
        questionId: question.id,
        day,
        displayName: p.displayName,
        periods,
      });
      // The answer, the totals that count it and the leaderboard row land in one statement.
      await this.commit(
        [
          this.store.answers.stage([p.guildId, p.userId, answer.id], answer),
          this.store.users.stage([...userId], next),
          ...(p.also?.(answer) ?? []),
        ],
        current,
        next,
      );
    });
    return { answer, question, evidence: match.evidence };
  }

  async grade(p: {
    guildId: string;
    userId: string;
    answerId: string;
    grade: Grade;
    /** Records to commit with a grade that is applied (a mock interview's step). */
    also?: (applied: { points: number }) => Staged[];
  }): Promise<{
    status: 'applied' | 'already';
    points: number;
    noPoints?: NoPointsReason;
    user: UserRecord;
    question: Question;
  }> {
    const userKey: [string, string] = [p.guildId, p.userId];
    const answerKey: [string, string, string] = [p.guildId, p.userId, p.answerId];
    const { users, answers } = this.store;
    return users.locked(userKey, async () => {
      const [current, answer] = await Promise.all([users.get(...userKey), answers.get(...answerKey)]);
      if (!answer || !current) {
        throw new UserError('That answer is no longer stored (it may have been deleted with /forget-me).');
      }
      const question = this.question(answer.questionId, p.guildId);
      const now = this.deps.clock.now();
      const gradedAnswer = { ...answer, grade: p.grade, gradedAt: now.toISOString() };
      if (current.graded.includes(answer.id) || answer.grade !== undefined) {
        // Records written before grades were committed in one statement (v0.1) can hold the grade
        // only in the user record: repair the answer's copy from what the user record counted.
        if (answer.grade === undefined) {
          const counted = current.gradeLog[answer.id];
          await answers.set(answerKey, {
            ...gradedAnswer,
            grade: counted?.grade ?? p.grade,
            points: counted?.points ?? 0,
          });
        }
        return { status: 'already' as const, points: 0, user: current, question };
      }
      const { day: today, timeZone, periods } = await this.calendar(p.guildId, now);
      const { user, points, noPoints } = applyGrade(current, {
        answerId: answer.id,
        question,
        grade: p.grade,
        answer,
        now,
        today,
        timeZone,
        periods,
      });
      // The user record (with the idempotency id), its leaderboard row and the answer's copy of
      // the grade land together.
      await this.commit(
        [
          users.stage(userKey, user),
          answers.stage(answerKey, { ...gradedAnswer, points }),
          ...(p.also?.({ points }) ?? []),
        ],
        current,
        user,
      );
      return { status: 'applied' as const, points, noPoints, user, question };
    });
  }

  /**
   * Credits a member for interviewing a peer: `points(day)` decides on the member's local day (0: not
   * due); the points land with `also(points, day)` in one commit.
   */
  async awardInterview(p: {
    guildId: string;
    userId: string;
    displayName: string;
    points: (day: string) => number;
    also: (points: number, day: string) => Staged[];
  }): Promise<number> {
    const key: [string, string] = [p.guildId, p.userId];
    return this.store.users.locked(key, async () => {
      const { day, periods } = await this.calendar(p.guildId, this.deps.clock.now());
      const points = p.points(day);
      if (points <= 0) {
        await this.store.commit(p.also(0, day));
        return 0;
      }
      const current = await this.store.users.get(...key);
      const base = current ?? emptyUser(p.guildId, p.userId, p.displayName, periods);
      const next = applyInterviewPoints(base, { points, displayName: p.displayName, periods });
      await this.commit([this.store.users.stage(key, next), ...p.also(points, day)], current, next);
      return points;
    });
  }

  /** Writes records with the index rows derived from them, under the caller's user lock. */
  private async commit(
    records: Staged[],
    before: UserRecord | undefined,
    after: UserRecord | undefined,
    who?: { guildId: string; userId: string },
  ): Promise<void> {
    const index = this.deps.userIndex ? await this.deps.userIndex(before, after, who) : NO_INDEX_CHANGE;
    try {
      await this.store.commit([...records, ...index.writes]);
    } catch (error) {
      index.abandon();
      throw error;
    }
  }

  /**
   * Deletes every record of the user in this scope in one commit: answers (orphans too), mock
   * interviews, totals and their leaderboard row; for a personal scope, its settings too.
   */
  async forget(guildId: string, userId: string): Promise<{ answers: number }> {
    const { users, answers } = this.store;
    return users.locked([guildId, userId], async () => {
      const current = await users.get(guildId, userId).catch(() => undefined);
      const answerIds = await answers.idsOf(guildId, userId);
      // Problem reports are the member's words too: /forget-me anywhere removes them.
      const reports = await this.store.reports.listOf(userId);
      const mockIds = await this.store.mocks.idsOf(guildId, userId);
      const also = (await this.deps.forgetAlso?.(guildId, userId)) ?? [];
      await this.commit(
        [
          ...answerIds.map((id) => answers.stageDelete([guildId, userId, id])),
          users.stageDelete([guildId, userId]),
          ...reports.map((r) => this.store.reports.stageDelete([userId, r.id])),
          ...mockIds.map((id) => this.store.mocks.stageDelete([guildId, userId, id])),
          ...also,
          // A personal scope's settings and streak reminder go with it.
          ...(isPersonalScope(guildId)
            ? [this.store.guilds.stageDelete([guildId]), this.store.reminders.stageDelete([userId])]
            : []),
        ],
        current,
        undefined,
        { guildId, userId },
      );
      await this.store.flushDeleted();
      return { answers: answerIds.length };
    });
  }
}
