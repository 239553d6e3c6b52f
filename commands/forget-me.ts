import { UserError } from '../src/core/errors.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { assertFlowOwner, NOT_YOURS } from '../src/discord/owner.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { scopeOf } from '../src/discord/scope.ts';
import {
  CANCEL,
  CONFIRM,
  forgetConfirmReply,
  forgottenView,
  nothingDeletedView,
} from '../src/discord/views/forget-me.ts';

export const forgetMe: CommandModule = {
  data: {
    name: 'forget-me',
    description:
      'Delete what this bot stores about you: in a server, there; elsewhere, your personal practice',
    ...ANYWHERE,
  },

  async execute(interaction) {
    await interaction.reply(forgetConfirmReply(interaction.user.id, scopeOf(interaction).personal));
  },

  buttons: {
    async [CONFIRM](interaction, ctx, [userId]) {
      assertFlowOwner(interaction);
      if (userId !== interaction.user.id) throw new UserError(NOT_YOURS);
      const scope = scopeOf(interaction);
      const work = ctx.practice.forget(scope.id, interaction.user.id);
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const { answers } = await work;
      const view = forgottenView(answers, scope.personal);
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },
    async [CANCEL](interaction) {
      assertFlowOwner(interaction);
      await interaction.update(nothingDeletedView);
    },
  },
};
