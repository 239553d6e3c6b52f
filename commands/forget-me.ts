import { ButtonStyle, MessageFlags } from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { customId } from '../src/discord/custom-id.ts';
import { assertFlowOwner, NOT_YOURS } from '../src/discord/owner.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { button, row } from '../src/discord/views/components.ts';

const CONFIRM = 'forget';
const CANCEL = 'forget-cancel';

export const forgetMe: CommandModule = {
  data: { name: 'forget-me', description: 'Delete everything this bot stores about you in this server' },

  async execute(interaction) {
    const confirm = row(
      button(customId(CONFIRM, interaction.user.id), 'Delete my data', ButtonStyle.Danger),
      button(customId(CANCEL), 'Cancel', ButtonStyle.Secondary),
    );
    await interaction.reply({
      content:
        'This deletes all your answers, grades, review schedule, streak and points in this server, and removes you from its leaderboards. It cannot be undone.',
      components: [confirm],
      flags: MessageFlags.Ephemeral,
    });
  },

  buttons: {
    async [CONFIRM](interaction, ctx, [userId]) {
      assertFlowOwner(interaction);
      if (userId !== interaction.user.id) throw new UserError(NOT_YOURS);
      const work = ctx.practice.forget(interaction.guildId!, interaction.user.id);
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const { answers } = await work;
      const view = {
        content: `Done: deleted ${answers} answer${answers === 1 ? '' : 's'} and all your progress in this server.`,
        components: [],
      };
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },
    async [CANCEL](interaction) {
      assertFlowOwner(interaction);
      await interaction.update({ content: 'Nothing was deleted.', components: [] });
    },
  },
};
