import type { Question } from '../core/types.ts';

/** One streak reminder, as the reminder service asks for it. */
export interface Reminder {
  userId: string;
  question: Question;
  streak: number;
  /** Discord returns the existing message for a repeated nonce (enforce_nonce). */
  nonce: string;
}

/**
 * How a reminder DM ended: `closed` (the member does not accept DMs from the bot: Discord's
 * 50007), `transient` (anything that may work on a retry).
 */
export type ReminderResult = 'sent' | 'closed' | 'transient';

/** The reminder service's port to Discord (src/discord/reminder-sender.ts implements it). */
export interface ReminderSender {
  send(reminder: Reminder): Promise<ReminderResult>;
}
