import type { MessageComponentInteraction, ModalSubmitInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';

export const NOT_YOURS =
  "This isn't yours: these buttons belong to the member who ran the command. Run it yourself to get your own.";

/**
 * The member a message's flow belongs to: the user of the interaction that made the message, as
 * Discord reports it (never a custom_id, which the presser's client controls). Undefined for
 * messages the bot posted by itself (the daily question), whose buttons are for everyone.
 */
export function flowOwner(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
): string | undefined {
  return interaction.message?.interactionMetadata?.user?.id;
}

export function isFlowOwner(interaction: MessageComponentInteraction | ModalSubmitInteraction): boolean {
  const owner = flowOwner(interaction);
  return owner === undefined || owner === interaction.user.id;
}

/** Refuses a press by anyone but the flow's owner: nothing changes, the presser is told privately. */
export function assertFlowOwner(interaction: MessageComponentInteraction | ModalSubmitInteraction): void {
  if (!isFlowOwner(interaction)) throw new UserError(NOT_YOURS);
}
