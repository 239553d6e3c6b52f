import { questionVersion } from '../core/bank.ts';
import type { Bank, Question } from '../core/types.ts';

/** What a reload found: the new bank swapped in, or its problems (the old bank still served). */
export type ReloadOutcome =
  | {
      ok: true;
      questions: number;
      topics: number;
      added: string[];
      removed: string[];
      changed: number;
    }
  | { ok: false; problems: string[] };

/** Loads and fully validates a bank: a bank, or every problem as `file:line: message`. */
export type BankLoader = () => Promise<{ bank?: Bank | undefined; problems: string[] }>;

/**
 * The question bank the bot serves, reloadable while it runs. A reload validates the whole new
 * bank before it is swapped in by one assignment, so an interaction sees the old bank or the new
 * one, never a mix; an invalid bank changes nothing. Questions a reload removes stay findable for
 * what already exists (answers, today's question of the day, older buttons: core/bank.ts).
 */
export class LiveBank {
  private bank: Bank;
  private reloading: Promise<ReloadOutcome> | undefined;

  constructor(
    initial: Bank,
    private readonly load?: BankLoader,
  ) {
    this.bank = initial;
  }

  current(): Bank {
    return this.bank;
  }

  get canReload(): boolean {
    return this.load !== undefined;
  }

  /** Concurrent calls share one load (a file watcher and an owner's command at once). */
  reload(): Promise<ReloadOutcome> {
    this.reloading ??= this.doReload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async doReload(): Promise<ReloadOutcome> {
    if (!this.load)
      return { ok: false, problems: ['this bot was started without a question folder to reload'] };
    const { bank, problems } = await this.load();
    if (!bank || problems.length > 0) return { ok: false, problems };
    const old = this.bank;
    const added = bank.questions.filter((q) => !old.byId.has(q.id)).map((q) => q.id);
    const removed = old.questions.filter((q) => !bank.byId.has(q.id)).map((q) => q.id);
    const changed = bank.questions.filter((q) => {
      const before = old.byId.get(q.id);
      return before !== undefined && questionVersion(before) !== questionVersion(q);
    }).length;
    const retired = new Map<string, Question>(old.retired ?? []);
    for (const id of removed) retired.set(id, old.byId.get(id) as Question);
    for (const q of bank.questions) retired.delete(q.id);
    this.bank = { ...bank, retired };
    return {
      ok: true,
      questions: bank.questions.length,
      topics: bank.topics.length,
      added,
      removed,
      changed,
    };
  }
}
