import { type InteractionReplyOptions, MessageFlags } from 'discord.js';

/** What /settings shows: the personal scope's settings and where they apply. */
export function settingsReply(p: { timeZone: string; changed: boolean }): InteractionReplyOptions {
  const lead = p.changed
    ? `Saved: your personal practice now counts its days in **${p.timeZone}**.`
    : `Your personal practice counts its days in **${p.timeZone}**.`;
  return {
    content: [
      lead,
      "Your personal practice is what you answer in a DM with the bot, in group DMs and in servers that have not added the bot: its streak, once-a-day points and review dates follow this timezone. In a server that has added the bot, your progress is that server's and follows its timezone.",
      'Change it with `/settings timezone:` (an IANA name such as `Europe/Berlin`; the option autocompletes).',
    ].join('\n\n'),
    flags: MessageFlags.Ephemeral,
  };
}
