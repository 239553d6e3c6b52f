import type { Bank } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { LiveBank } from './live-bank.ts';
import type { Services } from './services.ts';

/** What every command module receives: the bank, the services and logging (never the store). */
export interface BotContext extends Services {
  /** The bank a scope sees now: the shared bank (a reload swaps it) and the server's own questions. */
  bank: (scopeId?: string) => Bank;
  questionBank: LiveBank;
  /** OWNER_IDS: who may reload the shared bank, besides the application's owner or team. */
  ownerIds: ReadonlySet<string>;
  logger: Logger;
}
