import type { Client } from 'discord.js';
import type { ReminderSender } from '../app/reminder-sender.ts';
import type { RequestPacer } from '../daily/pacer.ts';
import { DiscordCode, discordErrorCode } from './errors.ts';
import { reminderMessage } from './views/reminder.ts';

/**
 * Sends streak reminders as DMs, paced by the same pacer as the daily posts (Discord's 50
 * requests/s is global per bot token). Opening the DM channel is a request too.
 */
export function discordReminderSender(client: Client, pacer: RequestPacer): ReminderSender {
  return {
    async send(reminder) {
      try {
        await pacer.slot();
        const channel = await client.users.createDM(reminder.userId);
        await pacer.slot();
        await channel.send({ ...reminderMessage(reminder), nonce: reminder.nonce, enforceNonce: true });
        return 'sent';
      } catch (err) {
        return discordErrorCode(err) === DiscordCode.CannotMessageUser ? 'closed' : 'transient';
      }
    },
  };
}
