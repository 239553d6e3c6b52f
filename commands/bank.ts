import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { isBotOwner } from '../src/discord/bot-owner.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { NOT_AN_OWNER, reloadReply, reportsReply } from '../src/discord/views/bank.ts';

export const bank: CommandModule = {
  data: {
    name: 'bank',
    description: 'The question bank',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reload',
        description: "Load the shared bank's files again without a restart (the bot's owners)",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reports',
        description: "Members' problem reports on the shared bank's questions (the bot's owners)",
      },
    ],
  },

  async execute(interaction, ctx) {
    if (!isBotOwner(interaction, ctx.ownerIds)) throw new UserError(NOT_AN_OWNER);
    if (interaction.options.getSubcommand() === 'reports') {
      const reports = await ctx.reports.all();
      await interaction.reply(reportsReply(reports.slice(0, 10), reports.length));
      return;
    }
    // Validating a large bank can take a moment: acknowledge first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await ctx.questionBank.reload();
    const reply = reloadReply(outcome);
    await interaction.editReply({ content: reply.content ?? '' });
    ctx.logger.info(
      outcome.ok
        ? {
            userId: interaction.user.id,
            questions: outcome.questions,
            added: outcome.added.length,
            removed: outcome.removed.length,
          }
        : { userId: interaction.user.id, problems: outcome.problems.length },
      outcome.ok ? 'question bank reloaded' : 'question bank reload refused: the new bank is invalid',
    );
  },
};
