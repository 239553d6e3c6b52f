import cron, { type ScheduledTask } from 'node-cron';
import { cronExpression, type DailySchedule } from '../core/daily-schedule.ts';
import type { Logger } from '../logger.ts';
import type { DailyService } from './service.ts';

/** The schedule's cron expression, or undefined for a stored time cron cannot read. */
function expressionOf(schedule: DailySchedule): string | undefined {
  try {
    return cronExpression(schedule);
  } catch {
    return undefined;
  }
}

/**
 * node-cron adapter. One task per schedule fires at its local time (node-cron handles the
 * timezone), and a once-a-minute sweep covers what cron alone misses: catch-up after downtime
 * (node-cron has none), the spring-forward day when the slot's hour does not exist, and retries
 * after transient failures. Both only call DailyService.runSchedule/runDue, whose decisions are
 * pure and whose post records make a second call harmless.
 */
export class DailyScheduler {
  private readonly tasks = new Map<string, { expression: string; timeZone: string; task: ScheduledTask }>();
  private sweep: ScheduledTask | undefined;
  private sweeping: Promise<unknown> | undefined;
  /** When the last sweep finished without an error (for /healthz). */
  lastSweepAt: Date | undefined;

  constructor(
    private readonly daily: DailyService,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.sweep = cron.schedule('* * * * *', () => this.runSweep(), {
      name: 'daily-sweep',
      noOverlap: true,
      missedExecutionTolerance: 30_000,
    });
    this.sync();
    void this.runSweep();
  }

  /** Catch-up and retries; also called by the sandbox after moving its clock. */
  runSweep(): Promise<unknown> {
    this.sweeping ??= this.daily
      .runDue()
      .then((counts) => {
        this.lastSweepAt = new Date();
        if (counts.posted || counts.failed || counts.retry) this.logger.info({ counts }, 'daily sweep');
      })
      .catch((err: unknown) => this.logger.error({ err }, 'daily sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  /** Makes the cron tasks match the enabled schedules. */
  sync(): void {
    const wanted = new Map([...this.daily.schedules].filter(([, s]) => s.enabled));
    for (const [key, entry] of this.tasks) {
      const s = wanted.get(key);
      if (!s || expressionOf(s) !== entry.expression || s.timeZone !== entry.timeZone) {
        void entry.task.destroy();
        this.tasks.delete(key);
      }
    }
    for (const [key, s] of wanted) {
      if (this.tasks.has(key)) continue;
      try {
        // Inside the try: one unreadable stored schedule must not cost the others their tasks.
        const expression = cronExpression(s);
        const task = cron.schedule(
          expression,
          async () => {
            const current = this.daily.schedules.get(key);
            if (current) await this.daily.runSchedule(current);
          },
          { name: `daily:${key}`, timezone: s.timeZone, noOverlap: true, missedExecutionTolerance: 30_000 },
        );
        this.tasks.set(key, { expression, timeZone: s.timeZone, task });
      } catch (err) {
        this.logger.error(
          { err, key, time: s.time, timeZone: s.timeZone },
          'could not schedule a daily post',
        );
      }
    }
  }

  /** When the schedule's cron task fires next (undefined: it has none). */
  nextRun(key: string): Date | undefined {
    return this.tasks.get(key)?.task.getNextRun() ?? undefined;
  }

  get taskCount(): number {
    return this.tasks.size;
  }

  async stop(): Promise<void> {
    await this.sweep?.destroy();
    for (const entry of this.tasks.values()) await entry.task.destroy();
    this.tasks.clear();
    await this.sweeping;
  }
}
