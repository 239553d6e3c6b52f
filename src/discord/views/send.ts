import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { packEmbeds } from './limits.ts';

/**
 * Sends embeds privately to the user, as many messages as Discord's limits need; the components go
 * on the last one. Works whether the interaction was deferred or not.
 */
export async function sendEphemeralEmbeds(
  interaction: RepliableInteraction,
  embeds: APIEmbed[],
  components: APIActionRowComponent<APIButtonComponent>[] = [],
): Promise<void> {
  const messages = packEmbeds(embeds);
  for (const [i, batch] of messages.entries()) {
    const last = i === messages.length - 1;
    const payload = { embeds: batch, components: last ? components : [] };
    if (i === 0 && interaction.deferred && !interaction.replied) {
      await interaction.editReply(payload);
    } else if (i === 0 && !interaction.replied) {
      await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
    } else {
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
    }
  }
}
