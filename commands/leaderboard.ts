import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { METRICS, type Metric } from '../src/app/leaderboard.ts';
import { UserError } from '../src/core/errors.ts';
import { PERIODS, type Period } from '../src/core/ranking.ts';
import { type CommandModule, SERVERS_ONLY } from '../src/discord/command.ts';
import { isFlowOwner } from '../src/discord/owner.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { serverScopeId } from '../src/discord/scope.ts';
import { leaderboardView, PAGE_BUTTON, PERIOD_LABEL } from '../src/discord/views/leaderboard.ts';

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
    ...SERVERS_ONLY,
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
      guildId: serverScopeId(interaction),
      metric,
      period,
      page: 0,
      callerId: interaction.user.id,
    });
    // Loading a large server's index after a restart, or building a new view, can take a moment.
    if (!(await settlesWithin(work))) await interaction.deferReply();
    const view = leaderboardView(await work, metric, period, {
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
        guildId: serverScopeId(interaction),
        ...view,
        page: pageNumber,
        callerId: interaction.user.id,
      });
      // Someone else's board is never changed under them: the presser gets the page privately.
      const mine = isFlowOwner(interaction);
      if (!(await settlesWithin(work))) {
        await (mine ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral }));
      }
      const rendered = leaderboardView(await work, view.metric, view.period, {
        id: interaction.user.id,
        name: interaction.user.displayName,
      });
      if (interaction.deferred) await interaction.editReply(rendered);
      else if (mine) await interaction.update(rendered);
      else await interaction.reply({ ...rendered, flags: MessageFlags.Ephemeral });
    },
  },
};
