import type { Bank } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { LiveBank } from './live-bank.ts';
import type { Services } from './services.ts';

/** What every command module receives: the bank, the services and logging (never the store). */
export interface BotContext extends Services {
  /** The bank being served now (a reload swaps it). */
  bank: () => Bank;
  questionBank: LiveBank;
  /** OWNER_IDS: who may reload the shared bank, besides the application's owner or team. */
  ownerIds: ReadonlySet<string>;
  logger: Logger;
}
