import { type APIEmbed, ApplicationCommandOptionType, AttachmentBuilder, MessageFlags } from 'discord.js';
import { HEATMAP_WEEKS, heatmapSvg, heatmapText } from '../src/app/heatmap.ts';
import { topicName } from '../src/bank/topics.ts';
import { localDay } from '../src/core/days.ts';
import { masteryLabel } from '../src/core/mastery.ts';
import { settleStreak } from '../src/core/streak.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { truncate } from '../src/discord/views/limits.ts';
import { userText } from '../src/discord/views/user-text.ts';
import { svgToPng } from '../src/render/png.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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
    const guildId = interaction.guildId!;
    const [user, timeZone] = await Promise.all([
      ctx.practice.getUser(guildId, target.id),
      ctx.guilds.timeZone(guildId),
    ]);
    const who = target.id === interaction.user.id ? 'You have' : `${userText(target.displayName, 60)} has`;
    if (!user || user.answers === 0) {
      await interaction.editReply({
        content: `${who} no answers stored in this server yet. Run \`/question\` and press **Answer** to start a streak.`,
      });
      return;
    }
    const now = ctx.clock.now();
    const today = localDay(now, timeZone);
    const streak = settleStreak(user.streak, today);
    const dueCards = Object.entries(user.progress).map(([id, p]) => ({ id, due: Date.parse(p.card.due) }));
    const nextDue = dueCards.sort((a, b) => a.due - b.due)[0];
    const mastery = Object.entries(user.mastery)
      .sort((a, b) => a[1].score - b[1].score)
      .map(
        ([topic, m]) =>
          `${topicName(topic)}: **${masteryLabel(m)}** (${Math.round(m.score * 100)}%, ${plural(m.attempts, 'grade')})`,
      );
    const embed: APIEmbed = {
      title: `Stats for ${userText(target.displayName, 200)}`,
      color: 0x5865f2,
      fields: [
        {
          name: 'Streak',
          value: `${plural(streak.current, 'day')} (longest ${streak.longest})`,
          inline: true,
        },
        { name: 'Freezes held', value: `${streak.freezes} of 2`, inline: true },
        { name: 'Answers', value: String(user.answers), inline: true },
        {
          name: 'Points',
          value: `${user.points} all time · ${user.month.key === today.slice(0, 7) ? user.month.points : 0} this month`,
          inline: true,
        },
        {
          name: 'Next review',
          value: nextDue ? `\`${nextDue.id}\` <t:${Math.floor(nextDue.due / 1000)}:R>` : 'nothing scheduled',
          inline: true,
        },
        {
          name: 'Mastery by topic (weakest first)',
          value: truncate(mastery.join('\n') || 'no grades yet', 1024),
        },
      ],
      footer: { text: `Days are counted in ${timeZone}.` },
    };
    try {
      const png = await svgToPng(heatmapSvg(user.days, today));
      embed.image = { url: 'attachment://practice.png' };
      await interaction.editReply({
        embeds: [embed],
        files: [new AttachmentBuilder(png, { name: 'practice.png' })],
      });
    } catch (err) {
      ctx.logger.warn({ err }, 'heatmap rendering failed; sending the text calendar');
      embed.description = `Last ${HEATMAP_WEEKS} weeks (Mon at top):\n\`\`\`\n${heatmapText(user.days, today)}\n\`\`\``;
      await interaction.editReply({ embeds: [embed] });
    }
  },
};
