import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import type { CommandModule } from '../src/discord/command.ts';
import { heatmapSvg } from '../src/discord/views/heatmap.ts';
import { svgToPng } from '../src/discord/views/png.ts';
import { noStatsText, statsReply } from '../src/discord/views/stats.ts';

export const stats: CommandModule = {
  data: {
    name: 'stats',
    description: 'Streak, points, answers and mastery per topic',
    options: [
      { type: ApplicationCommandOptionType.User, name: 'user', description: 'Whose stats (default: yours)' },
    ],
  },

  async execute(interaction, ctx) {
    const target = interaction.options.getUser('user') ?? interaction.user;
    // Rendering the picture can take a moment: acknowledge first so the 3-second limit never bites.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const summary = await ctx.practice.stats(interaction.guildId!, target.id);
    if (!summary) {
      await interaction.editReply({
        content: noStatsText(target.id === interaction.user.id, target.displayName),
      });
      return;
    }
    let png: Buffer | undefined;
    try {
      png = await svgToPng(heatmapSvg(summary.days, summary.today));
    } catch (err) {
      ctx.logger.warn({ err }, 'heatmap rendering failed; sending the text calendar');
    }
    await interaction.editReply(statsReply(summary, target.displayName, png));
  },
};
