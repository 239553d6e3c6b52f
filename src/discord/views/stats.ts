import { type APIEmbed, AttachmentBuilder, type InteractionEditReplyOptions } from 'discord.js';
import type { StatsSummary } from '../../core/stats.ts';
import { HEATMAP_WEEKS, heatmapText } from './heatmap.ts';
import { truncate } from './limits.ts';
import { userText } from './user-text.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The heatmap image's attachment name. */
export const HEATMAP_FILE = 'practice.png';

export function noStatsText(self: boolean, displayName: string, personal = false): string {
  const who = self ? 'You have' : `${userText(displayName, 60)} has`;
  const where = personal ? 'in your personal practice (DMs and servers without the bot)' : 'in this server';
  return `${who} no answers stored ${where} yet. Run \`/question\` and press **Answer** to start a streak.`;
}

/** The stats embed; with the heatmap attached as an image, or as a text calendar without it. */
export function statsEmbed(
  s: StatsSummary,
  displayName: string,
  withImage: boolean,
  topicName: (slug: string) => string = (slug) => slug,
): APIEmbed {
  const mastery = s.mastery.map(
    (m) =>
      `${topicName(m.topic)}: **${m.label}** (${Math.round(m.score * 100)}%, ${plural(m.attempts, 'grade')})`,
  );
  const next = s.nextReview;
  return {
    title: `Stats for ${userText(displayName, 200)}`,
    color: 0x5865f2,
    fields: [
      {
        name: 'Streak',
        value: `${plural(s.streak.current, 'day')} (longest ${s.streak.longest})`,
        inline: true,
      },
      { name: 'Freezes held', value: `${s.streak.freezes} of 2`, inline: true },
      { name: 'Answers', value: String(s.answers), inline: true },
      { name: 'Points', value: `${s.points} all time · ${s.monthPoints} this month`, inline: true },
      {
        name: 'Next review',
        value: next
          ? `\`${next.questionId}\` <t:${Math.floor(next.due.getTime() / 1000)}:R>`
          : 'nothing scheduled',
        inline: true,
      },
      {
        name: 'Mastery by topic (weakest first)',
        value: truncate(mastery.join('\n') || 'no grades yet', 1024),
      },
    ],
    footer: { text: `Days are counted in ${s.timeZone}.` },
    ...(withImage
      ? { image: { url: `attachment://${HEATMAP_FILE}` } }
      : {
          description: `Last ${HEATMAP_WEEKS} weeks (Mon at top):\n\`\`\`\n${heatmapText(s.days, s.today)}\n\`\`\``,
        }),
  };
}

/** The /stats reply: the heatmap attached when it rendered, else a text calendar in the embed. */
export function statsReply(
  s: StatsSummary,
  displayName: string,
  png: Buffer | undefined,
  topicName?: (slug: string) => string,
): InteractionEditReplyOptions {
  return {
    embeds: [statsEmbed(s, displayName, png !== undefined, topicName)],
    ...(png ? { files: [new AttachmentBuilder(png, { name: HEATMAP_FILE })] } : {}),
  };
}
