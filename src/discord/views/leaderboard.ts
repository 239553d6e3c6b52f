import { type APIEmbed, ButtonStyle } from 'discord.js';
import type { BoardPage, Metric } from '../../app/leaderboard.ts';
import type { Period } from '../../core/ranking.ts';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';
import { truncate } from './limits.ts';
import { neutraliseMentions } from './markdown.ts';
import { userText } from './user-text.ts';

/** The pager buttons' custom_id prefix. */
export const PAGE_BUTTON = 'lb';
export const PERIOD_LABEL: Record<Period, string> = {
  all: 'all time',
  month: 'this month',
  week: 'this week',
};
const UNIT: Record<Metric, string> = { points: 'points', streak: 'days', answers: 'answers' };

/** A leaderboard page with its pager, for the viewer (their rank in the footer). */
export function leaderboardView(
  p: BoardPage,
  metric: Metric,
  period: Period,
  viewer: { id: string; name: string },
) {
  const shownPeriod: Period = metric === 'streak' ? 'all' : period;
  const lines = p.rows.map(
    (row) =>
      `**${row.rank}.** ${userText(row.name, 60)}: ${row.value} ${UNIT[metric]}${row.userId === viewer.id ? ' ← you' : ''}`,
  );
  const you = p.caller
    ? `rank #${p.caller.rank} of ${p.total} with ${p.caller.value} ${UNIT[metric]}`
    : 'not on this board yet';
  const embed: APIEmbed = {
    title: `Leaderboard: ${metric}${metric === 'streak' ? ' (current)' : `, ${PERIOD_LABEL[shownPeriod]}`}`,
    description:
      lines.join('\n') ||
      'Nobody is on this board yet. Run `/question`, press **Answer** and grade yourself to get on it.',
    footer: {
      text: truncate(`${neutraliseMentions(viewer.name)}: ${you} · page ${p.page + 1} of ${p.pages}`, 2048),
    },
    color: 0xfee75c,
  };
  const pager = row(
    button(
      customId(PAGE_BUTTON, metric, shownPeriod, p.page - 1, 'prev'),
      'Previous',
      ButtonStyle.Secondary,
      p.page === 0,
    ),
    button(
      customId(PAGE_BUTTON, metric, shownPeriod, p.page + 1, 'next'),
      'Next',
      ButtonStyle.Secondary,
      p.page >= p.pages - 1,
    ),
  );
  return { embeds: [embed], components: p.pages > 1 ? [pager] : [] };
}
