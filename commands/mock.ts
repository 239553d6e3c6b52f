import {
  ApplicationCommandOptionType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { BotContext } from '../src/app/context.ts';
import type { MockView } from '../src/app/interviews.ts';
import { UserError } from '../src/core/errors.ts';
import {
  MOCK_DEFAULT_QUESTIONS,
  MOCK_MAX_MINUTES,
  MOCK_MAX_QUESTIONS,
  MOCK_MIN_QUESTIONS,
} from '../src/core/mock.ts';
import { KIND_NAMES, QUESTION_KINDS, type QuestionKind } from '../src/core/types.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { respondWithTopics, topicName, topicOption } from '../src/discord/options.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { feedbackEmbeds, gradedSummary, gradeFromCode } from '../src/discord/views/feedback.ts';
import {
  MOCK,
  mockAnswerModal,
  mockGradedView,
  mockGradeRow,
  mockHistoryView,
  mockNavRow,
  mockQuestionMessage,
  mockTimingEmbed,
  scorecardEmbeds,
} from '../src/discord/views/mock.ts';
import { ANSWER_INPUT_ID } from '../src/discord/views/question.ts';
import { sendEphemeralEmbeds } from '../src/discord/views/send.ts';
import { peerHandlers, peerSubcommands, runPeerSubcommand } from './mock-peer.ts';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

function scorecardReply(ctx: BotContext, view: { mock: Parameters<typeof scorecardEmbeds>[0] }) {
  return {
    embeds: scorecardEmbeds(
      view.mock,
      (id) => ctx.interviews.question(id, view.mock.guildId),
      (slug) => topicName(ctx, slug) ?? slug,
      ctx.interviews.status(view.mock),
    ),
    components: [],
  };
}

/** The question a mock is on, or its scorecard, as a new private message. */
async function show(interaction: Repliable, ctx: BotContext, view: MockView): Promise<void> {
  const message =
    view.kind === 'question'
      ? mockQuestionMessage(view.mock, view.index, view.question)
      : scorecardReply(ctx, view);
  await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
}

export const mock: CommandModule = {
  data: {
    name: 'mock',
    description: 'A timed mock interview: questions one at a time, then a scorecard',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'start',
        description: 'Start a mock interview (only you see it)',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'topic',
            description: 'Only questions of this topic',
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'kind',
            description:
              'Only questions of this kind (default: mostly concepts, with a case study, coding or behavioural one)',
            choices: QUESTION_KINDS.map((k) => ({ name: KIND_NAMES[k], value: k })),
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'length',
            description: `How many questions (${MOCK_MIN_QUESTIONS}-${MOCK_MAX_QUESTIONS}, default ${MOCK_DEFAULT_QUESTIONS})`,
            min_value: MOCK_MIN_QUESTIONS,
            max_value: MOCK_MAX_QUESTIONS,
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'minutes',
            description:
              'Minutes per question (default: 5 for a concept, 6 behavioural, 15 coding, 20 case study)',
            min_value: 1,
            max_value: MOCK_MAX_MINUTES,
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'resume',
        description: 'Continue your mock interview where it stopped',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'stop',
        description: 'End your mock interview now and see its scorecard',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'history',
        description: 'Your mock interviews and their scorecards',
      },
      ...peerSubcommands,
    ],
  },

  async execute(interaction, ctx) {
    const scope = scopeOf(interaction);
    const userId = interaction.user.id;
    const sub = interaction.options.getSubcommand();
    if (sub === 'pair' || sub === 'find') return runPeerSubcommand(sub, interaction, ctx);
    if (sub === 'resume') return show(interaction, ctx, await ctx.interviews.resume(scope.id, userId));
    if (sub === 'stop') {
      const ended = await ctx.interviews.stop(scope.id, userId);
      return show(interaction, ctx, { kind: 'ended', mock: ended });
    }
    if (sub === 'history') {
      const page = await ctx.interviews.history(scope.id, userId, 0);
      await interaction.reply({
        ...mockHistoryView({ ...page, find: (id) => ctx.interviews.question(id, scope.id) }),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const topic = topicOption(interaction, ctx);
    const kind = (interaction.options.getString('kind') ?? undefined) as QuestionKind | undefined;
    if (kind && !QUESTION_KINDS.includes(kind)) {
      throw new UserError(`Kind must be one of ${QUESTION_KINDS.join(', ')}.`);
    }
    const view = await ctx.interviews.start({
      scopeId: scope.id,
      userId,
      topic,
      kind,
      length: interaction.options.getInteger('length') ?? MOCK_DEFAULT_QUESTIONS,
      minutes: interaction.options.getInteger('minutes') ?? undefined,
    });
    await show(interaction, ctx, view);
  },

  autocomplete: respondWithTopics,

  selects: peerHandlers.selects,

  buttons: {
    ...peerHandlers.buttons,
    async [MOCK.answer](interaction, ctx, [mockId = '', index = '']) {
      const step = Number(index);
      const question = await ctx.interviews.stepToAnswer(
        scopeOf(interaction).id,
        interaction.user.id,
        mockId,
        step,
      );
      await interaction.showModal(mockAnswerModal(question, mockId, step));
    },

    async [MOCK.next](interaction, ctx, [mockId = '']) {
      await show(
        interaction,
        ctx,
        await ctx.interviews.next(scopeOf(interaction).id, interaction.user.id, mockId),
      );
    },

    async [MOCK.stop](interaction, ctx) {
      const ended = await ctx.interviews.stop(scopeOf(interaction).id, interaction.user.id);
      await show(interaction, ctx, { kind: 'ended', mock: ended });
    },

    async [MOCK.card](interaction, ctx, [mockId = '']) {
      const found = await ctx.interviews.get(scopeOf(interaction).id, interaction.user.id, mockId);
      await interaction.reply({ ...scorecardReply(ctx, { mock: found }), flags: MessageFlags.Ephemeral });
    },

    async [MOCK.page](interaction, ctx, [page = '0']) {
      const result = await ctx.interviews.history(scopeOf(interaction).id, interaction.user.id, Number(page));
      await interaction.update(
        mockHistoryView({ ...result, find: (id) => ctx.interviews.question(id, scopeOf(interaction).id) }),
      );
    },

    async [MOCK.grade](interaction, ctx, [mockId = '', index = '', code]) {
      const grade = gradeFromCode(code);
      if (!grade || !mockId) throw new UserError('That grade button is not valid.');
      const work = ctx.interviews.grade({
        scopeId: scopeOf(interaction).id,
        userId: interaction.user.id,
        mockId,
        index: Number(index),
        grade,
      });
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const result = await work;
      const view = mockGradedView({
        mock: result.mock,
        index: result.index,
        summary: gradedSummary({ grade, ...result, questionId: result.question.id }),
      });
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },
  },

  modals: {
    ...peerHandlers.modals,
    async [MOCK.answer](interaction: ModalSubmitInteraction, ctx, [mockId = '', index = '']) {
      const member = interaction.member;
      const work = ctx.interviews.answer({
        scopeId: scopeOf(interaction).id,
        userId: interaction.user.id,
        displayName: member && 'displayName' in member ? member.displayName : interaction.user.displayName,
        mockId,
        index: Number(index),
        text: interaction.fields.getTextInputValue(ANSWER_INPUT_ID),
      });
      if (!(await settlesWithin(work))) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = await work;
      await sendEphemeralEmbeds(
        interaction,
        [
          mockTimingEmbed(result.mock, result.index),
          ...feedbackEmbeds(result.question, result.answer, result.evidence),
        ],
        [mockGradeRow(result.mock, result.index), mockNavRow(result.mock)],
      );
    },
  },
};
