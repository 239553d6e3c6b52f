import type { Clock } from '../app/clock.ts';
import type { GuildService } from '../app/guilds.ts';
import { findQuestion, isServerQuestionId } from '../core/bank.ts';
import { type DailySchedule, type Decision, decide, nextSlot, nonceFor } from '../core/daily-schedule.ts';
import type { DailySource, StoredPostRecord, StoredSchedule } from '../core/model.ts';
import { pastQuestionsOfDay, pickDailyQuestion } from '../core/rotation.ts';
import { addDays, localDay } from '../core/time.ts';
import type { Bank, Question } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { Repository } from '../store/ports.ts';
import { Permits } from './permits.ts';
import type { DailyPoster, PostResult } from './poster.ts';

/** How many channels post at once; the client sends their requests evenly (src/discord/client.ts). */
const FAN_OUT = 8;
/** Discord remembers an enforce_nonce nonce for a few minutes; stay well inside that. */
const NONCE_WINDOW_MS = 2 * 60_000;

export type PostOutcome = 'posted' | 'already' | 'disabled' | 'failed' | 'retry' | 'waiting';

export function scheduleKey(s: Pick<StoredSchedule, 'guildId' | 'channelId'>): string {
  return `${s.guildId}:${s.channelId}`;
}

/**
 * Question-of-the-day posting. Exactly once per channel per local date: a 'sending' record with the
 * day's nonce is written before the send, 'sent' after it; a crash in between resends with the same
 * nonce, which Discord deduplicates (enforce_nonce), so the message exists once.
 */
export class DailyService {
  /** The schedules of the guilds this process serves (one shard's), by guildId:channelId. */
  readonly schedules = new Map<string, StoredSchedule>();
  private readonly inFlight = new Map<string, Promise<PostOutcome>>();
  /** Posts at once, whoever starts them (the cron tasks of every schedule fire together). */
  private readonly permits = new Permits(FAN_OUT);

  constructor(
    private readonly deps: {
      posts: Repository<StoredPostRecord, [guildId: string, channelId: string]>;
      guilds: GuildService;
      /** The bank a server sees: the shared one, and (after `loadBank`) its own questions. */
      bank: (guildId?: string) => Bank;
      /** Loads a server's own questions before its question of the day is picked. */
      loadBank?: (guildId: string) => Promise<void>;
      clock: Clock;
      logger: Logger;
      poster: () => DailyPoster;
      /** The set of schedules changed (the scheduler re-syncs its cron tasks). */
      onSchedulesChanged?: () => void;
    },
  ) {}

  private get posts() {
    return this.deps.posts;
  }

  /** Loads the schedules of these guilds (at start-up and when the bot joins a guild). */
  async loadGuilds(guildIds: readonly string[]): Promise<void> {
    const records = await this.deps.guilds.getMany(guildIds);
    for (const record of records) {
      for (const schedule of Object.values(record?.schedules ?? {}))
        this.schedules.set(scheduleKey(schedule), schedule);
    }
    this.deps.onSchedulesChanged?.();
  }

  /** Forgets the schedules of a guild this process no longer serves (the bot was removed). */
  unloadGuild(guildId: string): void {
    for (const [key, s] of this.schedules) if (s.guildId === guildId) this.schedules.delete(key);
    this.deps.onSchedulesChanged?.();
  }

  async setSchedule(schedule: DailySchedule, source?: DailySource): Promise<StoredSchedule> {
    const stored: StoredSchedule = { ...schedule, enabled: true };
    await this.deps.guilds.update(schedule.guildId, (g) => ({
      next: {
        ...g,
        schedules: { ...g.schedules, [schedule.channelId]: stored },
        ...(source ? { dailySource: source } : {}),
      },
      result: undefined,
    }));
    this.schedules.set(scheduleKey(stored), stored);
    this.deps.onSchedulesChanged?.();
    return stored;
  }

  /** Removes one channel's schedule, or all of the guild's; returns the channels removed. */
  async removeSchedules(guildId: string, channelId?: string): Promise<string[]> {
    const removed = await this.deps.guilds.update(guildId, (g) => {
      const gone = Object.keys(g.schedules).filter((id) => channelId === undefined || id === channelId);
      if (gone.length === 0) return { next: undefined, result: gone };
      const schedules = Object.fromEntries(Object.entries(g.schedules).filter(([id]) => !gone.includes(id)));
      return { next: { ...g, schedules }, result: gone };
    });
    for (const id of removed) this.schedules.delete(`${guildId}:${id}`);
    this.deps.onSchedulesChanged?.();
    return removed;
  }

  private async patchSchedule(
    guildId: string,
    channelId: string,
    patch: Partial<StoredSchedule>,
  ): Promise<void> {
    await this.deps.guilds.update(guildId, (g) => {
      const current = g.schedules[channelId];
      if (!current) return { next: undefined, result: undefined };
      const updated = { ...current, ...patch };
      this.schedules.set(scheduleKey(updated), updated);
      return { next: { ...g, schedules: { ...g.schedules, [channelId]: updated } }, result: undefined };
    });
    if (patch.enabled !== undefined) this.deps.onSchedulesChanged?.();
  }

  /**
   * The ids the rotation draws from: the shared bank, the server's own questions, or both
   * (`/daily set source:`); a server without questions of its own gets the shared bank.
   */
  private pool(guildId: string, source: DailySource | undefined): string[] {
    const all = this.deps.bank(guildId).questions.map((q) => q.id);
    if (source === 'both') return all;
    const own = all.filter(isServerQuestionId);
    if (source === 'server' && own.length > 0) return own;
    return all.filter((id) => !isServerQuestionId(id));
  }

  /** The day's question for the guild: stored on first use, so restarts and all channels agree. */
  async questionOfDay(guildId: string, localDate: string): Promise<Question> {
    await this.deps.loadBank?.(guildId);
    const bank = this.deps.bank(guildId);
    const id = await this.deps.guilds.update(guildId, (g) => {
      const existing = g.rotation?.byDate[localDate];
      // Today's question stays today's, even if a reload has removed it from the bank since.
      if (existing && findQuestion(bank, existing)) return { next: undefined, result: existing };
      const { questionId, rotation } = pickDailyQuestion(
        g.rotation,
        this.pool(guildId, g.dailySource),
        localDate,
        guildId,
      );
      return { next: { ...g, rotation }, result: questionId };
    });
    const question = findQuestion(bank, id);
    if (!question) throw new Error(`question of the day ${id} is not in the bank`);
    return question;
  }

  /** What a day's question would be, without storing anything (for /daily preview). */
  async previewQuestion(guildId: string, localDate: string): Promise<Question> {
    await this.deps.loadBank?.(guildId);
    const bank = this.deps.bank(guildId);
    const g = await this.deps.guilds.get(guildId);
    const { questionId } = pickDailyQuestion(
      g?.rotation,
      this.pool(guildId, g?.dailySource),
      localDate,
      guildId,
    );
    return bank.byId.get(questionId)!;
  }

  /**
   * /daily archive: the server's past questions of the day (today's included), newest first, with
   * the question when it is still in the bank.
   */
  async archive(guildId: string): Promise<{ localDate: string; questionId: string; question?: Question }[]> {
    const [g, timeZone] = await Promise.all([
      this.deps.guilds.get(guildId),
      this.deps.guilds.timeZone(guildId),
    ]);
    await this.deps.loadBank?.(guildId);
    const bank = this.deps.bank(guildId);
    return pastQuestionsOfDay(g?.rotation, localDay(this.deps.clock.now(), timeZone)).map((d) => {
      const question = findQuestion(bank, d.questionId);
      return question ? { ...d, question } : d;
    });
  }

  /** /daily status: each schedule of the server with its last and next post. */
  async status(
    guildId: string,
  ): Promise<{ schedule: StoredSchedule; last: StoredPostRecord | undefined; next: Date | undefined }[]> {
    const schedules = [...this.schedules.values()].filter((s) => s.guildId === guildId);
    return Promise.all(
      schedules.map(async (schedule) => ({
        schedule,
        last: await this.lastPost(schedule),
        next: this.nextPostTime(schedule),
      })),
    );
  }

  /** /daily preview: tomorrow's question in the server's calendar, and the schedule it would post with. */
  async preview(
    guildId: string,
  ): Promise<{ localDate: string; question: Question; schedule?: StoredSchedule }> {
    const timeZone = await this.deps.guilds.timeZone(guildId);
    const localDate = addDays(localDay(this.deps.clock.now(), timeZone), 1);
    const question = await this.previewQuestion(guildId, localDate);
    const schedule = [...this.schedules.values()].find((s) => s.guildId === guildId);
    return { localDate, question, ...(schedule ? { schedule } : {}) };
  }

  lastPost(schedule: Pick<StoredSchedule, 'guildId' | 'channelId'>): Promise<StoredPostRecord | undefined> {
    return this.posts.get(schedule.guildId, schedule.channelId);
  }

  nextPostTime(schedule: StoredSchedule): Date | undefined {
    return schedule.enabled ? nextSlot(schedule, this.deps.clock.now()) : undefined;
  }

  /** Runs every schedule that is due now; one channel's failure never stops the others. */
  async runDue(): Promise<Record<PostOutcome, number>> {
    const counts: Record<PostOutcome, number> = {
      posted: 0,
      already: 0,
      disabled: 0,
      failed: 0,
      retry: 0,
      waiting: 0,
    };
    const queue = [...this.schedules.values()];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) counts[await this.runSchedule(s)]++;
    };
    await Promise.all(Array.from({ length: FAN_OUT }, worker));
    return counts;
  }

  async runSchedule(schedule: StoredSchedule): Promise<PostOutcome> {
    const key = scheduleKey(schedule);
    // A cron tick, the sweep and /daily set can meet: the later callers wait for the running one.
    const running = this.inFlight.get(key);
    if (running) {
      await running;
      return 'already';
    }
    const run = this.permits
      .use(() => this.posts.locked([schedule.guildId, schedule.channelId], () => this.postIfDue(schedule)))
      .catch((err: unknown): PostOutcome => {
        this.deps.logger.error(
          { err, guildId: schedule.guildId, channelId: schedule.channelId },
          'daily post failed',
        );
        return 'retry';
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** Whether the schedule's post for today is still to be made (e.g. it was set after its time). */
  async isDueNow(schedule: StoredSchedule): Promise<boolean> {
    return decide(schedule, await this.lastPost(schedule), this.deps.clock.now()).action === 'post';
  }

  private async postIfDue(schedule: StoredSchedule): Promise<PostOutcome> {
    const postKey: [string, string] = [schedule.guildId, schedule.channelId];
    const last = await this.posts.get(...postKey);
    const now = this.deps.clock.now();
    const decision: Decision = decide(schedule, last, now);
    if (decision.action === 'skip') return 'disabled';
    if (decision.action === 'wait') return 'waiting';
    await this.deps.loadBank?.(schedule.guildId);

    const question = decision.resume
      ? (findQuestion(this.deps.bank(schedule.guildId), decision.resume.questionId) ??
        (await this.questionOfDay(schedule.guildId, decision.localDate)))
      : await this.questionOfDay(schedule.guildId, decision.localDate);
    const sending: StoredPostRecord = decision.resume
      ? { ...decision.resume, v: 1, questionId: question.id }
      : {
          v: 1,
          localDate: decision.localDate,
          questionId: question.id,
          state: 'sending',
          nonce: nonceFor(schedule.guildId, schedule.channelId, decision.localDate),
          at: now.toISOString(),
        };
    await this.posts.set(postKey, sending);

    const sent = await this.sendOnce(schedule, question, decision.localDate, sending, now);
    if (sent.status !== 'posted') return this.handleFailure(schedule, sending, sent);
    const { messageId } = sent;
    await this.posts.set(postKey, {
      ...sending,
      state: 'sent',
      messageId,
      at: this.deps.clock.now().toISOString(),
    });
    if (schedule.lastError)
      await this.patchSchedule(schedule.guildId, schedule.channelId, { lastError: undefined });
    this.deps.logger.info(
      {
        guildId: schedule.guildId,
        channelId: schedule.channelId,
        questionId: question.id,
        localDate: decision.localDate,
      },
      'daily question posted',
    );
    if (schedule.thread) await this.openThread(schedule, messageId, question, decision.localDate);
    return 'posted';
  }

  /**
   * Discord deduplicates a nonce only for a few minutes; a resume after longer downtime first looks
   * for the post in the channel, so a crash between send and record never yields a second message.
   */
  private async sendOnce(
    schedule: StoredSchedule,
    question: Question,
    localDate: string,
    sending: StoredPostRecord,
    now: Date,
  ): Promise<PostResult> {
    const poster = this.deps.poster();
    if (sending.state === 'sending' && now.getTime() - Date.parse(sending.at) > NONCE_WINDOW_MS) {
      const existing = await poster.findRecent(schedule.channelId, localDate);
      if (existing) return existing;
    }
    return poster.post({ schedule, question, localDate, nonce: sending.nonce });
  }

  private async openThread(
    schedule: StoredSchedule,
    messageId: string,
    question: Question,
    localDate: string,
  ) {
    try {
      await this.deps
        .poster()
        .startThread(schedule.channelId, messageId, `Discussion ${localDate}: ${question.id}`.slice(0, 100));
    } catch (err) {
      // The post itself succeeded; a missing thread permission must not make it look failed.
      this.deps.logger.warn({ err, channelId: schedule.channelId }, 'could not open the discussion thread');
    }
  }

  private async handleFailure(
    schedule: StoredSchedule,
    sending: StoredPostRecord,
    failure: Exclude<PostResult, { status: 'posted' }>,
  ): Promise<PostOutcome> {
    const { code, message } = failure;
    const at = this.deps.clock.now().toISOString();
    const where = { guildId: schedule.guildId, channelId: schedule.channelId, code };
    const postKey: [string, string] = [schedule.guildId, schedule.channelId];
    if (failure.status === 'gone') {
      this.deps.logger.warn(where, 'daily channel is gone; schedule disabled');
      await this.posts.set(postKey, { ...sending, state: 'failed', error: { code, message }, at });
      await this.patchSchedule(schedule.guildId, schedule.channelId, {
        enabled: false,
        disabledReason: 'the channel no longer exists',
        lastError: { code, message, at },
      });
      return 'disabled';
    }
    if (failure.status === 'forbidden') {
      // Permissions are an admin's fix: record it for /daily status and try again tomorrow.
      this.deps.logger.warn(where, 'daily post refused by permissions; retrying tomorrow');
      await this.posts.set(postKey, { ...sending, state: 'failed', error: { code, message }, at });
      await this.patchSchedule(schedule.guildId, schedule.channelId, { lastError: { code, message, at } });
      return 'failed';
    }
    // Server errors, timeouts, rate limits: the 'sending' record stays, so the next sweep resends the
    // same nonce later the same day.
    this.deps.logger.warn({ ...where, error: message }, 'daily post failed transiently; will retry');
    await this.patchSchedule(schedule.guildId, schedule.channelId, { lastError: { code, message, at } });
    return 'retry';
  }
}
