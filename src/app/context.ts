import type { Bank } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { Services } from './services.ts';

/** What every command module receives: the bank, the services and logging (never the store). */
export interface BotContext extends Services {
  bank: () => Bank;
  logger: Logger;
}
