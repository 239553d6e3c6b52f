import { isServerQuestionId, questionVersion } from '../core/bank.ts';
import { UserError } from '../core/errors.ts';
import type { ReportRecord } from '../core/model.ts';
import { localDay } from '../core/time.ts';
import type { Question } from '../core/types.ts';
import type { Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';

/** Reports a member may file per day (UTC): enough for real problems, too few to flood the owners. */
export const REPORTS_PER_DAY = 3;
export const REPORT_MIN_LENGTH = 10;
export const REPORT_MAX_LENGTH = 1000;

/** Problem reports on shared-bank questions, for the bot's owners and the bank's maintainers. */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly deps: { clock: Clock },
  ) {}

  /** `guildId`: the server whose own question this is (its editors read the report). */
  async submit(userId: string, question: Question, text: string, guildId?: string): Promise<ReportRecord> {
    const trimmed = text.trim();
    if (trimmed.length < REPORT_MIN_LENGTH) {
      throw new UserError(
        `Say in a sentence what is wrong (at least ${REPORT_MIN_LENGTH} characters), so the maintainers can fix it. Nothing was sent.`,
      );
    }
    if (trimmed.length > REPORT_MAX_LENGTH) {
      throw new UserError(`Reports are limited to ${REPORT_MAX_LENGTH} characters. Nothing was sent.`);
    }
    const now = this.deps.clock.now();
    const today = localDay(now, 'UTC');
    // Counted and stored under the member's own lock: two reports at once cannot both pass the limit.
    return this.store.reports.locked([userId, 'limit'], async () => {
      const todays = (await this.store.reports.listOf(userId)).filter(
        (r) => localDay(new Date(r.at), 'UTC') === today,
      );
      if (todays.length >= REPORTS_PER_DAY) {
        throw new UserError(
          `You have sent ${REPORTS_PER_DAY} reports today, the most the bot takes in a day. Thank you: please send more tomorrow.`,
        );
      }
      const report: ReportRecord = {
        v: 2,
        id: newId(now),
        userId,
        questionId: question.id,
        ...(guildId && isServerQuestionId(question.id) ? { guildId } : {}),
        text: trimmed,
        at: now.toISOString(),
        bankVersion: questionVersion(question),
        source: question.source,
      };
      await this.store.reports.set([userId, report.id], report);
      return report;
    });
  }

  /** Every report on the shared bank, newest first (reports on servers' own questions are theirs). */
  async all(): Promise<ReportRecord[]> {
    return (await this.store.reports.listAll()).filter((r) => r.guildId === undefined).sort(newestFirst);
  }

  /** Reports on a server's own questions, newest first, for its editors. */
  async forServer(guildId: string): Promise<ReportRecord[]> {
    return (await this.store.reports.listAll()).filter((r) => r.guildId === guildId).sort(newestFirst);
  }
}

function newestFirst(a: ReportRecord, b: ReportRecord): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : 0;
}
