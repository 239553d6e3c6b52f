import type { Client } from 'discord.js';
import type { ReminderSender } from '../app/reminder-sender.ts';
import { DiscordCode, discordErrorCode } from './errors.ts';
import { reminderMessage } from './views/reminder.ts';

/**
 * Sends streak reminders as DMs (opening the DM channel is a request too; the client paces both,
 * src/discord/client.ts).
 */
export function discordReminderSender(client: Client): ReminderSender {
  return {
    async send(reminder) {
      try {
        const channel = await client.users.createDM(reminder.userId);
        await channel.send({ ...reminderMessage(reminder), nonce: reminder.nonce, enforceNonce: true });
        return 'sent';
      } catch (err) {
        return discordErrorCode(err) === DiscordCode.CannotMessageUser ? 'closed' : 'transient';
      }
    },
  };
}
