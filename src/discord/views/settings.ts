import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { ReminderRecord } from '../../core/model.ts';
import { REMINDER_MIN_STREAK } from '../../core/reminders.ts';

function reminderText(reminder: ReminderRecord | undefined): string {
  if (reminder?.enabled) {
    return `Streak reminder: **${reminder.time}** (${reminder.timeZone}). If you have not practised by then and your streak is ${REMINDER_MIN_STREAK} days or more, the bot DMs you a question, once that day.`;
  }
  if (reminder?.disabledReason === 'dms-closed') {
    return 'Streak reminder: **off**, because your DMs are closed to the bot. Allow direct messages from this app (Privacy Settings), then turn it back on with `/settings remind:` and a time such as `19:00`.';
  }
  return 'Streak reminder: **off**. `/settings remind:19:00` DMs you a question at 19:00 on days you have not practised yet, while your streak is worth keeping.';
}

/** What /settings shows: the personal scope's settings and where they apply. */
export function settingsReply(p: {
  timeZone: string;
  reminder: ReminderRecord | undefined;
  changed: boolean;
}): InteractionReplyOptions {
  return {
    content: [
      p.changed ? 'Saved.' : 'Your settings:',
      `Timezone: **${p.timeZone}**. Your personal practice (a DM with the bot, group DMs, servers that have not added the bot) counts its days in it: streak, once-a-day points, review dates. In a server that has added the bot, your progress is that server's and follows its timezone.`,
      reminderText(p.reminder),
      'Change them with `/settings timezone:` (an IANA name such as `Europe/Berlin`; it autocompletes) and `/settings remind:` (HH:MM or `off`).',
    ].join('\n\n'),
    flags: MessageFlags.Ephemeral,
  };
}
