// Options several commands share, read from an interaction the same way everywhere.
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../app/context.ts';
import { resolveTopic, searchTopics } from '../bank/topics.ts';
import { UserError } from '../core/errors.ts';
import { LEVELS, type Level } from '../core/interview.ts';

/** Discord's upload limit when an interaction does not say (a server without boosts). */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;

/** The `topic` option as a slug (a slug, a name or an alias was typed), or a refusal listing the topics. */
export function topicOption(interaction: ChatInputCommandInteraction, ctx: BotContext): string | undefined {
  const input = interaction.options.getString('topic')?.trim() || undefined;
  if (!input) return undefined;
  const topics = ctx.bank().topics;
  const slug = resolveTopic(topics, input);
  if (!slug) {
    throw new UserError(
      `Unknown topic \`${input.slice(0, 50)}\`. Topics: ${topics.map((t) => `\`${t.slug}\``).join(', ')}.`,
    );
  }
  return slug;
}

/** The `level` option (junior, mid, senior), checked: a modified client can send anything. */
export function levelOption(interaction: ChatInputCommandInteraction): Level | undefined {
  const level = (interaction.options.getString('level') ?? undefined) as Level | undefined;
  if (level && !LEVELS.includes(level)) throw new UserError(`Level must be one of ${LEVELS.join(', ')}.`);
  return level;
}

/** The display name of a topic slug. */
export function topicName(ctx: BotContext, slug: string | undefined): string | undefined {
  return slug ? (ctx.bank().topics.find((t) => t.slug === slug)?.name ?? slug) : undefined;
}

/** Autocomplete of a `topic` option: topics whose slug, name or aliases contain what was typed. */
export async function respondWithTopics(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<void> {
  const typed = String(interaction.options.getFocused()).toLowerCase().trim();
  await interaction.respond(
    searchTopics(ctx.bank().topics, typed)
      .slice(0, 25)
      .map((t) => ({ name: t.name, value: t.slug })),
  );
}
