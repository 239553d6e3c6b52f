import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { topicName } from '../src/bank/topics.ts';
import { UserError } from '../src/core/errors.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { heatmapSvg } from '../src/discord/views/heatmap.ts';
import { svgToPng } from '../src/discord/views/png.ts';
import { noStatsText, statsReply } from '../src/discord/views/stats.ts';

export const stats: CommandModule = {
  data: {
    name: 'stats',
    description: 'Streak, points, answers and mastery per topic',
    ...ANYWHERE,
    options: [
      { type: ApplicationCommandOptionType.User, name: 'user', description: 'Whose stats (default: yours)' },
    ],
  },

  async execute(interaction, ctx) {
    const target = interaction.options.getUser('user') ?? interaction.user;
    const scope = scopeOf(interaction);
    // Personal practice is private: outside a server that has the bot, only your own is shown.
    if (scope.personal && target.id !== interaction.user.id) {
      throw new UserError(
        "Outside a server that has added the bot, `/stats` shows only your own personal practice. Other members' stats are in the servers you share with the bot.",
      );
    }
    // Rendering the picture can take a moment: acknowledge first so the 3-second limit never bites.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const summary = await ctx.practice.stats(scope.id, target.id);
    if (!summary) {
      await interaction.editReply({
        content: noStatsText(target.id === interaction.user.id, target.displayName, scope.personal),
      });
      return;
    }
    let png: Buffer | undefined;
    try {
      png = await svgToPng(heatmapSvg(summary.days, summary.today));
    } catch (err) {
      ctx.logger.warn({ err }, 'heatmap rendering failed; sending the text calendar');
    }
    const topics = ctx.bank().topics;
    await interaction.editReply(
      statsReply(summary, target.displayName, png, (slug) => topicName(topics, slug)),
    );
  },
};
