import { type BaseInteraction, Team, User } from 'discord.js';

/**
 * The bot's owners: OWNER_IDS, and the application's owner (a user, or every member of its team)
 * as Discord reports it. Read from `interaction.user`, never from anything the client sends.
 */
export function isBotOwner(interaction: BaseInteraction, configured: ReadonlySet<string>): boolean {
  const userId = interaction.user.id;
  if (configured.has(userId)) return true;
  const owner = interaction.client.application?.owner;
  if (owner instanceof User) return owner.id === userId;
  if (owner instanceof Team) return owner.members.has(userId);
  return false;
}
