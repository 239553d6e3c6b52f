import type { Bank } from '../core/types.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from './clock.ts';
import type { Services } from './services.ts';

/** What every command module receives: the bank, the services over the store, time and logging. */
export interface BotContext extends Services {
  bank: () => Bank;
  clock: Clock;
  random: () => number;
  logger: Logger;
}
