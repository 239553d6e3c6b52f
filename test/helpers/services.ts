// The services without Discord, for tests at their boundary: the real store port over an in-memory
// SQLite store (closed when the test ends), the real bank, a clock the test moves. Discord's side
// is a port the test passes in (a recording poster or reminder sender) or one that must not be used.
import type { TestContext } from 'node:test';
import type { BotContext } from '../../src/app/context.ts';
import type { ReminderSender } from '../../src/app/reminder-sender.ts';
import type { Bank, Question } from '../../src/core/types.ts';
import type { DailyPoster } from '../../src/daily/poster.ts';
import { createContext } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { type KvStore, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/ports.ts';
import { createStore } from '../../src/store/store.ts';
import { realBank, TestClock } from './build.ts';

export interface Services {
  ctx: BotContext;
  kv: KvStore;
  store: Store;
  clock: TestClock;
  /** Another process's services on the same store (a restart), optionally with another bank. */
  restart(opts?: { bank?: Bank }): Promise<BotContext>;
}

export async function services(
  t: Pick<TestContext, 'after'>,
  opts: {
    now?: string;
    random?: () => number;
    poster?: DailyPoster;
    reminderSender?: ReminderSender;
    onSchedulesChanged?: () => void;
  } = {},
): Promise<Services> {
  const kv = await openStore('sqlite://:memory:');
  t.after(() => kv.close());
  const clock = new TestClock(new Date(opts.now ?? '2026-11-27T12:00:00Z'));
  const store = createStore(kv);
  const bank = await realBank();
  const make = (port: Store, processBank: Bank = bank) =>
    createContext({
      bank: processBank,
      store: port,
      logger: createLogger('silent'),
      clock,
      ...(opts.random ? { random: opts.random } : {}),
      poster: () => {
        if (!opts.poster) throw new Error('this test posts no daily question');
        return opts.poster;
      },
      ...(opts.reminderSender ? { reminderSender: () => opts.reminderSender as ReminderSender } : {}),
      ...(opts.onSchedulesChanged ? { onSchedulesChanged: opts.onSchedulesChanged } : {}),
    });
  // A restart is a new process: its own store port (empty caches) over the same database.
  return {
    ctx: make(store),
    kv,
    store,
    clock,
    restart: async (next = {}) => make(createStore(kv), next.bank),
  };
}

/** The bank as a later release might ship it: only the questions `keep` accepts. */
export function bankWhere(bank: Bank, keep: (q: Question) => boolean): Bank {
  const questions = bank.questions.filter(keep);
  return { questions, byId: new Map(questions.map((q) => [q.id, q])), topics: bank.topics };
}
