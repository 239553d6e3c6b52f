import type { ReminderRecord } from '../core/model.ts';
import { decideReminder, type ReminderDecision } from '../core/reminders.ts';
import { personalScope } from '../core/scope.ts';
import type { Question } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import type { ReminderSender } from './reminder-sender.ts';

export type ReminderOutcome = 'sent' | 'skipped' | 'closed' | 'failed' | 'retry';

/**
 * Streak reminders for members' personal practice (/settings remind). Each due reminder is
 * claimed in its record (day + nonce) before the DM goes out, so a restart never sends a second
 * one that day; a claim whose send did not finish is re-sent with the same nonce while Discord
 * dedupes it. Run by one process (the one serving shard 0); every record is re-read each sweep.
 */
export class ReminderService {
  constructor(
    private readonly store: Store,
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      sender: () => ReminderSender;
      /** The question to send: the member's next one in their personal practice. */
      pickQuestion: (userId: string) => Promise<Question | undefined>;
    },
  ) {}

  get(userId: string): Promise<ReminderRecord | undefined> {
    return this.store.reminders.get(userId);
  }

  /** Turns the reminder on at `time` (HH:MM) in `timeZone`, or off with `time` undefined. */
  set(userId: string, time: string | undefined, timeZone: string): Promise<ReminderRecord | undefined> {
    return this.store.reminders.update([userId], (current) => {
      if (time === undefined) {
        return current
          ? { next: { ...current, enabled: false, disabledReason: undefined }, result: undefined }
          : { next: undefined, result: undefined };
      }
      const next: ReminderRecord = {
        ...current,
        v: 1,
        userId,
        time,
        timeZone,
        enabled: true,
        disabledReason: undefined,
      };
      return { next, result: next };
    });
  }

  /** Keeps a reminder in the personal practice's zone when /settings changes it. */
  async followTimeZone(userId: string, timeZone: string): Promise<void> {
    await this.store.reminders.update([userId], (current) => ({
      next: current && current.timeZone !== timeZone ? { ...current, timeZone } : undefined,
      result: undefined,
    }));
  }

  private running: Promise<Record<ReminderOutcome, number>> | undefined;
  private queued: Promise<Record<ReminderOutcome, number>> | undefined;

  /**
   * One sweep: every reminder due now is handled; one member's failure never stops the others.
   * Sweeps never overlap: a call while one runs (many DMs, paced) gets the next one, which starts
   * when it ends and sees every change made meanwhile; calls in between share that next one.
   */
  runDue(): Promise<Record<ReminderOutcome, number>> {
    if (!this.running) {
      this.running = this.sweep().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.runDue();
      });
    return this.queued;
  }

  private async sweep(): Promise<Record<ReminderOutcome, number>> {
    const counts: Record<ReminderOutcome, number> = { sent: 0, skipped: 0, closed: 0, failed: 0, retry: 0 };
    for (const reminder of await this.store.reminders.listAll()) {
      // Without the member's record a due reminder decides 'skip' or 'send', never 'wait': reading
      // it only then spares a read per reminder on every sweep.
      if (decideReminder(reminder, undefined, this.deps.clock.now()).action === 'wait') continue;
      try {
        const outcome = await this.handle(reminder.userId);
        if (outcome) counts[outcome]++;
      } catch (err) {
        this.deps.logger.error({ err, userId: reminder.userId }, 'streak reminder failed');
        counts.failed++;
      }
    }
    return counts;
  }

  private async handle(userId: string): Promise<ReminderOutcome | undefined> {
    const scope = personalScope(userId);
    const user = await this.store.users.get(scope, userId);
    const now = this.deps.clock.now();
    // Claimed under the reminder's lock, re-read: another sweep may have handled it meanwhile.
    const decision = await this.store.reminders.update([userId], (current) => {
      const d: ReminderDecision = current ? decideReminder(current, user, now) : { action: 'wait' };
      if (!current || d.action === 'wait') return { next: undefined, result: d };
      const state = d.action === 'send' ? 'sending' : d.action === 'skip' ? 'skipped' : 'failed';
      const nonce = d.action === 'send' ? d.nonce : undefined;
      return {
        next: {
          ...current,
          last: {
            day: d.day,
            state,
            nonce,
            at:
              current.last?.day === d.day && current.last.state === 'sending'
                ? current.last.at
                : now.toISOString(),
          },
        },
        result: d,
      };
    });
    if (decision.action === 'wait') return undefined;
    if (decision.action === 'skip') return 'skipped';
    if (decision.action === 'give-up') return 'failed';
    const question = await this.deps.pickQuestion(userId);
    if (!question) return this.finish(userId, decision.day, 'failed');
    const result = await this.deps
      .sender()
      .send({ userId, question, streak: decision.streak, nonce: decision.nonce });
    if (result === 'transient') return 'retry';
    return this.finish(userId, decision.day, result === 'sent' ? 'sent' : 'closed');
  }

  private async finish(
    userId: string,
    day: string,
    outcome: 'sent' | 'closed' | 'failed',
  ): Promise<ReminderOutcome> {
    await this.store.reminders.update([userId], (current) => {
      if (!current) return { next: undefined, result: undefined };
      const last = {
        day,
        state: outcome === 'sent' ? ('sent' as const) : ('failed' as const),
        at: this.deps.clock.now().toISOString(),
      };
      // A member who closed their DMs gets no more attempts; /settings tells them why.
      return {
        next:
          outcome === 'closed'
            ? { ...current, enabled: false, disabledReason: 'dms-closed', last }
            : { ...current, last },
        result: undefined,
      };
    });
    return outcome;
  }
}
