import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type ModalSubmitInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { BotContext } from '../app/context.ts';

export interface CommandModule {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Button handlers by custom_id handler name (see custom-id.ts). */
  buttons?: Record<
    string,
    (interaction: ButtonInteraction, ctx: BotContext, args: string[]) => Promise<void>
  >;
  /** String select menu handlers by custom_id handler name. */
  selects?: Record<
    string,
    (interaction: StringSelectMenuInteraction, ctx: BotContext, args: string[]) => Promise<void>
  >;
  /** Modal-submit handlers by custom_id handler name. */
  modals?: Record<
    string,
    (interaction: ModalSubmitInteraction, ctx: BotContext, args: string[]) => Promise<void>
  >;
}

/** Offered everywhere: servers that added the bot, and (installed to a user's account) DMs and other servers. */
export const ANYWHERE = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
} satisfies Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>;

/** Offered only in servers that added the bot (they post in its channels or rank its members). */
export const SERVERS_ONLY = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
} satisfies Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>;

export function servesPersonalScope(command: CommandModule): boolean {
  return command.data.integration_types?.includes(ApplicationIntegrationType.UserInstall) ?? false;
}
