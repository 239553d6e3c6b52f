import { PermissionFlagsBits } from 'discord.js';

/**
 * What the bot needs in a channel: see and post (embeds, the /stats picture), find its own daily
 * post after a long outage, open a discussion thread. (Mention Everyone is left out: an admin adds it
 * only if the daily post pings a role that is not mentionable.)
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The link a server admin opens to add the bot, with its scopes and permissions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}
