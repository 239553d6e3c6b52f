import { UserError } from '../src/core/errors.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { assertFlowOwner, NOT_YOURS } from '../src/discord/owner.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import {
  CANCEL,
  CONFIRM,
  forgetConfirmReply,
  forgottenView,
  nothingDeletedView,
} from '../src/discord/views/forget-me.ts';

export const forgetMe: CommandModule = {
  data: { name: 'forget-me', description: 'Delete everything this bot stores about you in this server' },

  async execute(interaction) {
    await interaction.reply(forgetConfirmReply(interaction.user.id));
  },

  buttons: {
    async [CONFIRM](interaction, ctx, [userId]) {
      assertFlowOwner(interaction);
      if (userId !== interaction.user.id) throw new UserError(NOT_YOURS);
      const work = ctx.practice.forget(interaction.guildId!, interaction.user.id);
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const { answers } = await work;
      const view = forgottenView(answers);
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },
    async [CANCEL](interaction) {
      assertFlowOwner(interaction);
      await interaction.update(nothingDeletedView);
    },
  },
};
