import { localDay } from '../core/days.ts';
import { matchKeyPoints } from '../core/keypoints.ts';
import { periodKey } from '../core/ranking.ts';
import { pickNextQuestion } from '../core/selection.ts';
import type { Bank, Difficulty, Grade, Question } from '../core/types.ts';
import { UserError } from '../discord/errors.ts';
import { keys } from '../store/keys.ts';
import type { KeyedMutex } from '../store/mutex.ts';
import type { KvStore } from '../store/open.ts';
import {
  type AnswerRecord,
  answerRecordSchema,
  type UserRecord,
  userRecordSchema,
} from '../store/records.ts';
import { RecordRepo } from '../store/repo.ts';
import { scanPrefix } from '../store/scan.ts';
import type { Clock } from './clock.ts';
import { type GuildService, timeZoneOf } from './guilds.ts';
import { newId } from './ids.ts';
import { applyAnswer, applyGrade, applyReveal, emptyUser, type PeriodKeys } from './progress.ts';

export const MIN_ANSWER_LENGTH = 20;
const USER_CACHE_SIZE = 1000;
export const MAX_ANSWER_LENGTH = 4000;

/**
 * Called under the user's lock after their record was written (or deleted), so indexes follow the
 * records. It must not throw: the record is already saved, and an error would tell the user
 * otherwise (a hook handles its own failures, e.g. by scheduling a rebuild).
 */
export type UserChangeHook = (
  before: UserRecord | undefined,
  after: UserRecord | undefined,
  who?: { guildId: string; userId: string },
) => Promise<void>;

export class PracticeService {
  readonly users: RecordRepo<typeof userRecordSchema>;
  readonly answers: RecordRepo<typeof answerRecordSchema>;
  /** The question each user was last shown, so "next" does not hand it straight back. */
  private readonly lastShown = new Map<string, string>();
  onUserChanged: UserChangeHook = async () => {};

  constructor(
    private readonly store: KvStore,
    private readonly deps: {
      mutex: KeyedMutex;
      bank: () => Bank;
      clock: Clock;
      random: () => number;
      guilds: GuildService;
    },
  ) {
    // Active members answer and grade in bursts: their records are kept (a few MB at most).
    this.users = new RecordRepo(store, deps.mutex, userRecordSchema, USER_CACHE_SIZE);
    this.answers = new RecordRepo(store, deps.mutex, answerRecordSchema);
  }

  question(id: string): Question {
    const question = this.deps.bank().byId.get(id);
    if (!question) {
      throw new UserError(
        `There is no question \`${id}\` in the bank (it may have been removed). Use \`/question\` to get another one.`,
      );
    }
    return question;
  }

  getUser(guildId: string, userId: string): Promise<UserRecord | undefined> {
    return this.users.get(keys.user(guildId, userId));
  }

  async nextQuestion(
    guildId: string,
    userId: string,
    filters: { topic?: string; difficulty?: Difficulty },
  ): Promise<Question | undefined> {
    const user = await this.getUser(guildId, userId);
    const shownKey = `${guildId}:${userId}`;
    const picked = pickNextQuestion({
      questions: this.deps.bank().questions,
      progress: user?.progress ?? {},
      mastery: user?.mastery ?? {},
      lastQuestionId: this.lastShown.get(shownKey) ?? user?.lastQuestionId,
      ...filters,
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
  ): Promise<{ day: string; periods: PeriodKeys; dailyId?: string }> {
    const guild = await this.deps.guilds.get(guildId);
    const timeZone = timeZoneOf(guild);
    const day = localDay(now, timeZone);
    return {
      day,
      periods: { week: periodKey(now, timeZone, 'week'), month: periodKey(now, timeZone, 'month') },
      dailyId: guild?.rotation?.byDate[day],
    };
  }

  /** Show answer before answering: remembered for the day, so a later answer earns nothing. */
  async reveal(guildId: string, userId: string, displayName: string, questionId: string): Promise<void> {
    const now = this.deps.clock.now();
    const { day, periods } = await this.calendar(guildId, now);
    await this.users.update(keys.user(guildId, userId), async (current) => {
      const base = current ?? emptyUser(guildId, userId, displayName, periods);
      if (current?.revealed[questionId] === day) return { next: undefined, result: undefined };
      return { next: applyReveal(base, questionId, day), result: undefined };
    });
  }

  async submitAnswer(p: {
    guildId: string;
    userId: string;
    displayName: string;
    questionId: string;
    text: string;
  }): Promise<{ answer: AnswerRecord; question: Question }> {
    const question = this.question(p.questionId);
    const text = p.text.trim();
    if (text.length < MIN_ANSWER_LENGTH) {
      throw new UserError(
        `That answer is only ${text.length} characters. Write at least ${MIN_ANSWER_LENGTH}: a sentence or two in your own words, as you would say it in an interview. Nothing was saved.`,
      );
    }
    if (text.length > MAX_ANSWER_LENGTH)
      throw new UserError(`Answers are limited to ${MAX_ANSWER_LENGTH} characters.`);
    const now = this.deps.clock.now();
    const { day, periods, dailyId } = await this.calendar(p.guildId, now);
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
      daily: dailyId === question.id,
      covered: match.covered,
      missed: match.missed,
    };
    const userKey = keys.user(p.guildId, p.userId);
    await this.users.locked(userKey, async () => {
      const current = await this.users.get(userKey);
      // The answer is written first: a crash before the user record leaves an orphan answer the
      // user was never told about (and /forget-me still finds by prefix), never a count without it.
      await this.answers.set(keys.answer(p.guildId, p.userId, answer.id), answer);
      const base = current ?? emptyUser(p.guildId, p.userId, p.displayName, periods);
      const next = applyAnswer(base, {
        answerId: answer.id,
        questionId: question.id,
        day,
        displayName: p.displayName,
        periods,
      });
      await this.users.set(userKey, next);
      // Indexes follow the record they are derived from, never the other way round.
      await this.onUserChanged(current, next);
    });
    return { answer, question };
  }

  async grade(p: {
    guildId: string;
    userId: string;
    answerId: string;
    grade: Grade;
  }): Promise<{ status: 'applied' | 'already'; points: number; user: UserRecord; question: Question }> {
    const userKey = keys.user(p.guildId, p.userId);
    const answerKey = keys.answer(p.guildId, p.userId, p.answerId);
    return this.users.locked(userKey, async () => {
      const [current, answer] = await Promise.all([this.users.get(userKey), this.answers.get(answerKey)]);
      if (!answer || !current) {
        throw new UserError('That answer is no longer stored (it may have been deleted with /forget-me).');
      }
      const question = this.question(answer.questionId);
      const now = this.deps.clock.now();
      const gradedAnswer = { ...answer, grade: p.grade, gradedAt: now.toISOString() };
      if (current.graded.includes(answer.id) || answer.grade !== undefined) {
        // A crash between the two writes below leaves the grade only in the user record: repair
        // the answer's copy from what the user record counted.
        if (answer.grade === undefined) {
          const counted = current.gradeLog[answer.id];
          await this.answers.set(answerKey, {
            ...gradedAnswer,
            grade: counted?.grade ?? p.grade,
            points: counted?.points ?? 0,
          });
        }
        return { status: 'already' as const, points: 0, user: current, question };
      }
      const { periods } = await this.calendar(p.guildId, now);
      const { user, points } = applyGrade(current, {
        answerId: answer.id,
        question,
        grade: p.grade,
        answerDay: answer.day,
        daily: answer.daily,
        now,
        periods,
      });
      // The user record (with the idempotency id) is written first: it alone decides whether the
      // grade counted; the index follows it, and the answer's copy comes last.
      await this.users.set(userKey, user);
      await this.onUserChanged(current, user);
      await this.answers.set(answerKey, { ...gradedAnswer, points });
      return { status: 'applied' as const, points, user, question };
    });
  }

  /** Deletes every record of the user in this server: answers (by prefix, orphans too) and totals. */
  async forget(guildId: string, userId: string): Promise<{ answers: number }> {
    const userKey = keys.user(guildId, userId);
    return this.users.locked(userKey, async () => {
      const current = await this.users.get(userKey).catch(() => undefined);
      const answerKeys = (await scanPrefix(this.store, keys.answerPrefix(guildId, userId))).map((r) => r.key);
      for (const key of answerKeys) await this.store.keyv.delete(key);
      await this.users.delete(userKey);
      await this.onUserChanged(current, undefined, { guildId, userId });
      return { answers: answerKeys.length };
    });
  }
}
