import { type APIEmbed, ApplicationCommandOptionType, ButtonStyle, MessageFlags } from 'discord.js';
import type { BoardPage, Metric } from '../src/app/leaderboard.ts';
import { METRICS } from '../src/app/leaderboard.ts';
import { UserError } from '../src/core/errors.ts';
import { PERIODS, type Period } from '../src/core/ranking.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { customId } from '../src/discord/custom-id.ts';
import { isFlowOwner } from '../src/discord/owner.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { button, row } from '../src/discord/views/components.ts';
import { truncate } from '../src/discord/views/limits.ts';
import { neutraliseMentions } from '../src/discord/views/markdown.ts';
import { userText } from '../src/discord/views/user-text.ts';

const PAGE_BUTTON = 'lb';
const PERIOD_LABEL: Record<Period, string> = { all: 'all time', month: 'this month', week: 'this week' };
const UNIT: Record<Metric, string> = { points: 'points', streak: 'days', answers: 'answers' };

function render(p: BoardPage, metric: Metric, period: Period, viewer: { id: string; name: string }) {
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

function parseView(metric: string | null | undefined, period: string | null | undefined) {
  const m = (metric ?? 'points') as Metric;
  const per = (period ?? 'all') as Period;
  if (!METRICS.includes(m) || !PERIODS.includes(per)) {
    throw new UserError(
      `Choose \`by\` from ${METRICS.join(', ')} and \`period\` from ${PERIODS.join(', ')}.`,
    );
  }
  return { metric: m, period: per };
}

export const leaderboard: CommandModule = {
  data: {
    name: 'leaderboard',
    description: 'Top members of this server by points, streak or answers',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'by',
        description: 'Rank by (default: points)',
        choices: METRICS.map((m) => ({ name: m, value: m })),
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'period',
        description: 'Over which period (default: all time; streak ignores this)',
        choices: PERIODS.map((p) => ({ name: PERIOD_LABEL[p], value: p })),
      },
    ],
  },

  async execute(interaction, ctx) {
    const { metric, period } = parseView(
      interaction.options.getString('by'),
      interaction.options.getString('period'),
    );
    const work = ctx.leaderboard.page({
      guildId: interaction.guildId!,
      metric,
      period,
      page: 0,
      callerId: interaction.user.id,
    });
    // Loading a large server's index after a restart, or building a new view, can take a moment.
    if (!(await settlesWithin(work))) await interaction.deferReply();
    const view = render(await work, metric, period, {
      id: interaction.user.id,
      name: interaction.user.displayName,
    });
    await (interaction.deferred ? interaction.editReply(view) : interaction.reply(view));
  },

  buttons: {
    async [PAGE_BUTTON](interaction, ctx, [metric, period, pageText]) {
      const view = parseView(metric, period);
      const pageNumber = Number.parseInt(pageText ?? '', 10);
      if (!Number.isSafeInteger(pageNumber))
        throw new UserError('That page button is not valid. Run `/leaderboard` again.');
      const work = ctx.leaderboard.page({
        guildId: interaction.guildId!,
        ...view,
        page: pageNumber,
        callerId: interaction.user.id,
      });
      // Someone else's board is never changed under them: the presser gets the page privately.
      const mine = isFlowOwner(interaction);
      if (!(await settlesWithin(work))) {
        await (mine ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral }));
      }
      const rendered = render(await work, view.metric, view.period, {
        id: interaction.user.id,
        name: interaction.user.displayName,
      });
      if (interaction.deferred) await interaction.editReply(rendered);
      else if (mine) await interaction.update(rendered);
      else await interaction.reply({ ...rendered, flags: MessageFlags.Ephemeral });
    },
  },
};
