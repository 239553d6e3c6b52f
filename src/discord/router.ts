import { type Client, type Interaction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { BotContext } from '../app/context.ts';
import type { CommandModule } from './command.ts';
import { parseCustomId } from './custom-id.ts';
import { DiscordCode, discordErrorCode, UserError } from './errors.ts';

// Not "nothing was saved": a failure can come after a write (the grade counted, the reply failed).
const GENERIC_FAILURE =
  'Something went wrong on our side. Your last action may or may not have been saved: check `/stats` before trying again.';
const STALE_COMPONENT =
  'This button belongs to an older version of the bot and no longer works. Run `/question` for a fresh one.';

/** Indexes the static command array once, so dispatch is a map lookup. */
export function buildRegistry(commands: readonly CommandModule[]) {
  const byName = new Map<string, CommandModule>();
  const buttons = new Map<string, NonNullable<CommandModule['buttons']>[string]>();
  const modals = new Map<string, NonNullable<CommandModule['modals']>[string]>();
  for (const command of commands) {
    if (byName.has(command.data.name)) throw new Error(`duplicate command ${command.data.name}`);
    byName.set(command.data.name, command);
    for (const [name, fn] of Object.entries(command.buttons ?? {})) {
      if (buttons.has(name)) throw new Error(`duplicate button handler ${name}`);
      buttons.set(name, fn);
    }
    for (const [name, fn] of Object.entries(command.modals ?? {})) {
      if (modals.has(name)) throw new Error(`duplicate modal handler ${name}`);
      modals.set(name, fn);
    }
  }
  return { byName, buttons, modals };
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
    if (!interaction.inGuild()) {
      if (interaction.isRepliable()) {
        await interaction.reply({
          content: 'This bot works inside servers only.',
          flags: MessageFlags.Ephemeral,
        });
      }
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = registry.byName.get(interaction.commandName);
      if (!command) throw new UserError('This command is no longer supported.');
      await command.execute(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      const command = registry.byName.get(interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isButton()) {
      const { handler, args } = parseCustomId(interaction.customId);
      const fn = registry.buttons.get(handler);
      if (!fn) throw new UserError(STALE_COMPONENT);
      await fn(interaction, ctx, args);
    } else if (interaction.isModalSubmit()) {
      const { handler, args } = parseCustomId(interaction.customId);
      const fn = registry.modals.get(handler);
      if (!fn) throw new UserError(STALE_COMPONENT);
      await fn(interaction, ctx, args);
    }
    ctx.logger.debug({ ...where, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (error) {
    await fail(interaction, error, where, ctx);
  }
}

async function fail(interaction: Interaction, error: unknown, where: object, ctx: BotContext): Promise<void> {
  const code = discordErrorCode(error);
  if (error instanceof UserError) {
    ctx.logger.info({ ...where, reason: error.message }, 'interaction refused');
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

export async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
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
    customId:
      interaction.isMessageComponent() || interaction.isModalSubmit() ? interaction.customId : undefined,
  };
}
