import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { findQuestion } from '../src/core/bank.ts';
import { UserError } from '../src/core/errors.ts';
import type { GradeFilter, HistoryFilter } from '../src/core/history.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { DEFAULT_ATTACHMENT_LIMIT } from '../src/discord/options.ts';
import { assertFlowOwner } from '../src/discord/owner.ts';
import { questionChoices } from '../src/discord/question-search.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { scopeOf } from '../src/discord/scope.ts';
import {
  gradeFilterFromCode,
  HISTORY_OPEN,
  HISTORY_PAGE,
  historyEntryEmbeds,
  historyExportReply,
  historyMarkdown,
  historyPageView,
} from '../src/discord/views/history.ts';
import { sendEphemeralEmbeds } from '../src/discord/views/send.ts';

export const history: CommandModule = {
  data: {
    name: 'history',
    description: 'Your own past answers, newest first (only you see them); or export them all as a file',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'Only answers to this question (start typing to search)',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'grade',
        description: 'Only answers you graded so (or not yet graded)',
        choices: [
          { name: 'Nailed it', value: 'nailed' },
          { name: 'Partly', value: 'partly' },
          { name: 'Missed it', value: 'missed' },
          { name: 'Not graded', value: 'ungraded' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'export',
        description: 'Send your whole history here as a markdown file',
      },
    ],
  },

  async execute(interaction, ctx) {
    const scope = scopeOf(interaction);
    const question = (id: string) => findQuestion(ctx.bank(scope.id), id);
    if (interaction.options.getBoolean('export')) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const answers = await ctx.history.all(scope.id, interaction.user.id);
      if (answers.length === 0) {
        await interaction.editReply({ content: 'You have no answers here to export yet.' });
        return;
      }
      const { markdown, included } = historyMarkdown({
        answers,
        question,
        personal: scope.personal,
        exportedAt: interaction.createdAt,
        maxBytes: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
      });
      const reply = historyExportReply({ file: Buffer.from(markdown), included, total: answers.length });
      await interaction.editReply({ content: reply.content ?? '', files: reply.files ?? [] });
      return;
    }
    const questionId = interaction.options.getString('question')?.trim() || undefined;
    if (questionId && !question(questionId)) {
      throw new UserError(
        `There is no question with id \`${questionId.slice(0, 60)}\`. Start typing in the \`question\` option to search.`,
      );
    }
    const filter: HistoryFilter = {
      questionId,
      grade: (interaction.options.getString('grade') ?? undefined) as GradeFilter | undefined,
    };
    const work = ctx.history.page(scope.id, interaction.user.id, filter, 0);
    if (!(await settlesWithin(work))) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const view = historyPageView({ ...(await work), filter, personal: scope.personal, question });
    await (interaction.deferred
      ? interaction.editReply(view)
      : interaction.reply({ ...view, flags: MessageFlags.Ephemeral }));
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(
      questionChoices(ctx.bank(scopeOf(interaction).id), interaction.options.getFocused()),
    );
  },

  buttons: {
    async [HISTORY_PAGE](interaction, ctx, [page = '0', questionId = '', gradeCode = '']) {
      assertFlowOwner(interaction);
      const scope = scopeOf(interaction);
      const filter: HistoryFilter = {
        questionId: questionId || undefined,
        grade: gradeFilterFromCode(gradeCode || undefined),
      };
      const work = ctx.history.page(scope.id, interaction.user.id, filter, Number.parseInt(page, 10));
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const view = historyPageView({
        ...(await work),
        filter,
        personal: scope.personal,
        question: (id) => findQuestion(ctx.bank(scopeOf(interaction).id), id),
      });
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },

    async [HISTORY_OPEN](interaction, ctx, [answerId = '']) {
      assertFlowOwner(interaction);
      // Looked up among the presser's own answers only: another member's id finds nothing.
      const answer = answerId
        ? await ctx.history.answer(scopeOf(interaction).id, interaction.user.id, answerId)
        : undefined;
      if (!answer)
        throw new UserError('That answer is no longer stored (it may have been deleted with /forget-me).');
      await sendEphemeralEmbeds(
        interaction,
        historyEntryEmbeds(answer, findQuestion(ctx.bank(scopeOf(interaction).id), answer.questionId)),
      );
    },
  },
};
