// Who may change a server's own questions: members with Manage Server, or the server's editor role.
// Decided from what Discord reports about the member (never from anything they typed).
import { type BaseInteraction, PermissionFlagsBits } from 'discord.js';
import type { BotContext } from '../app/context.ts';
import { UserError } from '../core/errors.ts';
import { scopeOf } from './scope.ts';
import { NOT_AN_EDITOR } from './views/server-bank.ts';

export const SERVER_ONLY =
  "A server's own questions live in a server that has added the bot: use this there.";

/** The server scope of an interaction, or a clear refusal outside one. */
export function serverOf(interaction: BaseInteraction): string {
  const scope = scopeOf(interaction);
  if (scope.personal) throw new UserError(SERVER_ONLY);
  return scope.id;
}

function hasRole(member: BaseInteraction['member'], roleId: string): boolean {
  if (!member) return false;
  const roles = member.roles;
  return Array.isArray(roles) ? roles.includes(roleId) : roles.cache.has(roleId);
}

export async function isEditor(interaction: BaseInteraction, ctx: BotContext): Promise<boolean> {
  if (scopeOf(interaction).personal) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roleId = (await ctx.guilds.get(scopeOf(interaction).id))?.editorRoleId;
  return roleId !== undefined && hasRole(interaction.member, roleId);
}

/** The server's id when the member is one of its editors; a private refusal otherwise. */
export async function assertEditor(interaction: BaseInteraction, ctx: BotContext): Promise<string> {
  const guildId = serverOf(interaction);
  if (!(await isEditor(interaction, ctx))) throw new UserError(NOT_AN_EDITOR);
  return guildId;
}
