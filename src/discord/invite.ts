import { PermissionFlagsBits } from 'discord.js';

/**
 * What the bot needs in a channel: see and post (embeds, the /stats picture), find its own daily
 * post after a long outage, open a discussion thread, and a private thread for a peer mock interview
 * (without it the interview runs in the channel). (Mention Everyone is left out: an admin adds it
 * only if the daily post pings a role that is not mentionable.)
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads;

/** The link a server admin opens to add the bot, with its scopes and permissions. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${BOT_PERMISSIONS}`;
}

/**
 * The link a member opens to add the app to their own account (practise in DMs and anywhere).
 * The application's Installation settings must allow User Install (Discord Developer Portal).
 */
export function userInstallUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&integration_type=1&scope=applications.commands`;
}
