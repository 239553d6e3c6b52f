import type { BaseInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import { personalScope } from '../core/scope.ts';

export interface Scope {
  /** The server's id, or the user's personal scope (core/scope.ts). */
  id: string;
  personal: boolean;
  /**
   * In a server that has not added the bot (the user's own install answers there): the bot cannot
   * post publicly, so every reply is private.
   */
  privateReplies: boolean;
}

/**
 * Where an interaction's practice belongs. Read from what Discord says authorised the interaction,
 * not from the custom_id: the server's scope only when the server's own install of the app did.
 */
export function scopeOf(interaction: BaseInteraction): Scope {
  const guildId = interaction.guildId;
  if (guildId && interaction.authorizingIntegrationOwners.guildId === guildId) {
    return { id: guildId, personal: false, privateReplies: false };
  }
  return { id: personalScope(interaction.user.id), personal: true, privateReplies: guildId !== null };
}

/** The id of the server that added the bot, for what only exists there (schedules, leaderboards). */
export function serverScopeId(interaction: BaseInteraction): string {
  const scope = scopeOf(interaction);
  if (scope.personal) {
    throw new UserError('This works only in a server that has added the bot.');
  }
  return scope.id;
}
