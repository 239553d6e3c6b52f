import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
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
  /** Modal-submit handlers by custom_id handler name. */
  modals?: Record<
    string,
    (interaction: ModalSubmitInteraction, ctx: BotContext, args: string[]) => Promise<void>
  >;
}
