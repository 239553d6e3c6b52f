import { type Client, type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { BotContext } from '../app/context.ts';
import { UserError } from '../core/errors.ts';
import { type CommandModule, servesPersonalScope } from './command.ts';
import { parseCustomId } from './custom-id.ts';
import { DiscordCode, discordErrorCode } from './errors.ts';
import { scopeOf } from './scope.ts';
import { LIMITS, truncate } from './views/limits.ts';

// Not "nothing was saved": a failure can come after a write (the grade counted, the reply failed).
const GENERIC_FAILURE =
  'Something went wrong on our side. Your last action may or may not have been saved: check `/stats` before trying again.';
const STALE_COMPONENT =
  'This button belongs to an older version of the bot and no longer works. Run `/question` for a fresh one.';
const FORGED_COMPONENT = 'This button or form was not made by this bot, so nothing was done.';

/** Indexes the static command array once, so dispatch is a map lookup. */
export function buildRegistry(commands: readonly CommandModule[]) {
  const byName = new Map<string, CommandModule>();
  const buttons = new Map<string, NonNullable<CommandModule['buttons']>[string]>();
  const modals = new Map<string, NonNullable<CommandModule['modals']>[string]>();
  const selects = new Map<string, NonNullable<CommandModule['selects']>[string]>();
  for (const command of commands) {
    if (byName.has(command.data.name)) throw new Error(`duplicate command ${command.data.name}`);
    byName.set(command.data.name, command);
    for (const [name, fn] of Object.entries(command.buttons ?? {})) {
      if (buttons.has(name)) throw new Error(`duplicate button handler ${name}`);
      buttons.set(name, fn);
    }
    for (const [name, fn] of Object.entries(command.selects ?? {})) {
      if (selects.has(name)) throw new Error(`duplicate select handler ${name}`);
      selects.set(name, fn);
    }
    for (const [name, fn] of Object.entries(command.modals ?? {})) {
      if (modals.has(name)) throw new Error(`duplicate modal handler ${name}`);
      modals.set(name, fn);
    }
  }
  return { byName, buttons, modals, selects };
}
export type Registry = ReturnType<typeof buildRegistry>;

/**
 * Routes every interaction to its command module. Nothing escapes: an async handler that rejects
 * would otherwise crash the process (discord.js uses captureRejections).
 */
export function attachRouter(client: Client, registry: Registry, ctx: BotContext): void {
  client.on('interactionCreate', (interaction) => {
    void route(interaction, registry, ctx);
  });
}

export async function route(interaction: Interaction, registry: Registry, ctx: BotContext): Promise<void> {
  const started = performance.now();
  const where = describe(interaction);
  try {
    // A server's own questions are part of the bank its commands see: loaded once, before the first.
    // If the store cannot be read now, the shared bank still serves (changes to the server's own
    // questions load them first, so they fail on their own); the next interaction tries again.
    await ctx.serverBank.ensure(scopeOf(interaction).id).catch((err: unknown) => {
      ctx.logger.warn({ ...where, err }, "could not load the server's own questions");
    });
    if (interaction.isChatInputCommand()) {
      const command = registry.byName.get(interaction.commandName);
      if (!command) throw new UserError('This command is no longer supported.');
      // Discord offers these only where the server added the bot; an older registration may not know.
      if (!servesPersonalScope(command) && scopeOf(interaction).personal) {
        throw new UserError(
          `\`/${command.data.name}\` works in servers that have added the bot. Here you can use \`/question\`, \`/stats\`, \`/history\`, \`/settings\` and \`/help\`.`,
        );
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = registry.byName.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isButton()) {
      const id = parseCustomId(interaction.customId);
      if (!id) throw new UserError(FORGED_COMPONENT);
      const fn = registry.buttons.get(id.handler);
      if (!fn) throw new UserError(STALE_COMPONENT);
      await fn(interaction, ctx, id.args);
    } else if (interaction.isModalSubmit()) {
      const id = parseCustomId(interaction.customId);
      if (!id) throw new UserError(FORGED_COMPONENT);
      const fn = registry.modals.get(id.handler);
      if (!fn) throw new UserError(STALE_COMPONENT);
      await fn(interaction, ctx, id.args);
    } else if (interaction.isStringSelectMenu()) {
      const id = parseCustomId(interaction.customId);
      if (!id) throw new UserError(FORGED_COMPONENT);
      const fn = registry.selects.get(id.handler);
      if (!fn) throw new UserError(STALE_COMPONENT);
      await fn(interaction, ctx, id.args);
    } else if (interaction.isMessageComponent()) {
      throw new UserError(STALE_COMPONENT);
    }
    ctx.logger.debug({ ...where, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (error) {
    await fail(interaction, error, where, ctx);
  }
}

async function fail(interaction: Interaction, error: unknown, where: object, ctx: BotContext): Promise<void> {
  const code = discordErrorCode(error);
  if (error instanceof UserError) {
    ctx.logger.info({ ...where, reason: withoutQuotedInput(error.message) }, 'interaction refused');
  } else if (code === DiscordCode.UnknownInteraction) {
    // Too late to answer: Discord already showed the user "The application did not respond".
    ctx.logger.warn({ ...where, code }, 'interaction expired before the reply');
    return;
  } else {
    ctx.logger.error({ ...where, err: error }, 'interaction failed');
  }
  if (!interaction.isRepliable()) return;
  const content = error instanceof UserError ? error.message : GENERIC_FAILURE;
  await replyEphemeral(interaction, content).catch((replyError: unknown) => {
    ctx.logger.warn({ ...where, err: replyError }, 'could not tell the user about the failure');
  });
}

/** Refusals quote what the member typed in `code`; logs keep the reason without it. */
function withoutQuotedInput(message: string): string {
  return message.replace(/`[^`]*`/g, '`…`');
}

export async function replyEphemeral(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = truncate(text, LIMITS.content);
  // After deferUpdate (ephemeral stays null) the "reply" is the message the button was on: editing
  // it would wipe that message (a public post, or the user's feedback), so send a private note.
  const deferredUpdate = interaction.deferred && interaction.ephemeral === null;
  if (interaction.deferred && !interaction.replied && !deferredUpdate) {
    await interaction.editReply({ content, embeds: [], components: [] });
  } else if (interaction.replied || deferredUpdate) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  }
}

function describe(interaction: Interaction) {
  return {
    interactionId: interaction.id,
    type: interaction.type,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    // Bounded: a forged id can be any length.
    customId:
      interaction.isMessageComponent() || interaction.isModalSubmit()
        ? interaction.customId.slice(0, 100)
        : undefined,
  };
}
