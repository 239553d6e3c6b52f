import {
  type ApplicationCommandOptionChoiceData,
  ApplicationCommandOptionType,
  MessageFlags,
} from 'discord.js';
import { searchTopics } from '../src/bank/topics.ts';
import { UserError } from '../src/core/errors.ts';
import {
  DIFFICULTIES,
  type Difficulty,
  KIND_NAMES,
  QUESTION_KINDS,
  type QuestionKind,
  type Topic,
} from '../src/core/types.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { topicOption } from '../src/discord/options.ts';
import { assertFlowOwner } from '../src/discord/owner.ts';
import { questionChoices } from '../src/discord/question-search.ts';
import { settlesWithin } from '../src/discord/respond.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { row } from '../src/discord/views/components.ts';
import {
  feedbackEmbeds,
  GRADE_BUTTON,
  gradeButtons,
  gradedSummary,
  gradeFromCode,
} from '../src/discord/views/feedback.ts';
import {
  ANSWER_INPUT_ID,
  answerModal,
  BUTTON,
  MODAL,
  modelAnswerEmbeds,
  questionMessage,
  REPORT_INPUT_ID,
  reportButton,
  reportModal,
} from '../src/discord/views/question.ts';
import { sendEphemeralEmbeds } from '../src/discord/views/send.ts';

const topicList = (topics: readonly Topic[]) => topics.map((t) => `\`${t.slug}\``).join(', ');

export const question: CommandModule = {
  data: {
    name: 'question',
    description: 'Practise an interview question: your next one, or pick by topic, id, difficulty or kind',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only questions of this topic',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'id',
        description: 'A specific question by its id (start typing to search)',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'difficulty',
        description: 'Only questions of this difficulty',
        choices: DIFFICULTIES.map((d) => ({ name: d, value: d })),
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'kind',
        description: 'Only questions of this kind: concept, case study, behavioural or coding',
        choices: QUESTION_KINDS.map((k) => ({ name: KIND_NAMES[k], value: k })),
      },
    ],
  },

  async execute(interaction, ctx) {
    const id = interaction.options.getString('id')?.trim();
    const topics = ctx.bank().topics;
    const topic = topicOption(interaction, ctx);
    const difficulty = (interaction.options.getString('difficulty') ?? undefined) as Difficulty | undefined;
    if (difficulty && !DIFFICULTIES.includes(difficulty)) {
      throw new UserError(`Difficulty must be one of ${DIFFICULTIES.join(', ')}.`);
    }
    const kind = (interaction.options.getString('kind') ?? undefined) as QuestionKind | undefined;
    if (kind && !QUESTION_KINDS.includes(kind)) {
      throw new UserError(`Kind must be one of ${QUESTION_KINDS.join(', ')}.`);
    }
    const scope = scopeOf(interaction);
    const bank = ctx.bank(scope.id);
    let picked = id ? bank.byId.get(id) : undefined;
    if (id && !picked) {
      throw new UserError(
        `There is no question with id \`${id.slice(0, 60)}\`. Start typing in the \`id\` option to search the bank, or run \`/question\` with a \`topic\` (${topicList(topics)}).`,
      );
    }
    picked ??= await ctx.practice.nextQuestion(scope.id, interaction.user.id, {
      topic,
      difficulty,
      kind,
    });
    if (!picked) {
      throw new UserError(
        kind && !bank.questions.some((q) => q.kind === kind)
          ? `The bank has no ${KIND_NAMES[kind].toLowerCase()} questions yet.`
          : 'No question matches those options. Try another topic, difficulty or kind.',
      );
    }
    const message = questionMessage(picked);
    await interaction.reply(scope.privateReplies ? { ...message, flags: MessageFlags.Ephemeral } : message);
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const typed = focused.value.toLowerCase().trim();
    let choices: ApplicationCommandOptionChoiceData<string>[];
    if (focused.name === 'topic') {
      choices = searchTopics(ctx.bank().topics, typed).map((t) => ({ name: t.name, value: t.slug }));
    } else {
      choices = questionChoices(ctx.bank(scopeOf(interaction).id), typed);
    }
    await interaction.respond(choices.slice(0, 25));
  },

  buttons: {
    async [BUTTON.show](interaction, ctx, [questionId = '']) {
      const q = ctx.practice.question(questionId, scopeOf(interaction).id);
      // The reveal record only stops a later answer to this question from earning points today,
      // so it is written once the answer has been shown (not before: a failed reply reveals nothing).
      await sendEphemeralEmbeds(interaction, modelAnswerEmbeds(q), [row(reportButton(q))]);
      await ctx.practice
        .reveal(scopeOf(interaction).id, interaction.user.id, interaction.user.displayName, q.id)
        .catch((err: unknown) => {
          ctx.logger.error({ err, questionId: q.id }, 'could not record a revealed answer');
        });
    },

    async [BUTTON.answer](interaction, ctx, [questionId = '']) {
      await interaction.showModal(answerModal(ctx.practice.question(questionId, scopeOf(interaction).id)));
    },

    async [BUTTON.report](interaction, ctx, [questionId = '']) {
      await interaction.showModal(reportModal(ctx.practice.question(questionId, scopeOf(interaction).id)));
    },

    async [GRADE_BUTTON](interaction, ctx, [answerId = '', code]) {
      assertFlowOwner(interaction);
      const grade = gradeFromCode(code);
      if (!grade || !answerId)
        throw new UserError('That grade button is not valid. Answer the question again.');
      const work = ctx.practice.grade({
        guildId: scopeOf(interaction).id,
        userId: interaction.user.id,
        answerId,
        grade,
      });
      if (!(await settlesWithin(work))) await interaction.deferUpdate();
      const result = await work;
      const view = {
        content: gradedSummary({ grade, ...result, questionId: result.question.id }),
        components: [],
      };
      await (interaction.deferred ? interaction.editReply(view) : interaction.update(view));
    },
  },

  modals: {
    async [MODAL.report](interaction, ctx, [questionId = '']) {
      const question = ctx.practice.question(questionId, scopeOf(interaction).id);
      await ctx.reports.submit(
        interaction.user.id,
        question,
        interaction.fields.getTextInputValue(REPORT_INPUT_ID),
        scopeOf(interaction).id,
      );
      await interaction.reply({
        content: `Thank you: your report on \`${question.id}\` is stored for the bank's maintainers.`,
        flags: MessageFlags.Ephemeral,
      });
    },
    async [MODAL.answer](interaction, ctx, [questionId = '']) {
      const text = interaction.fields.getTextInputValue(ANSWER_INPUT_ID);
      const member = interaction.member;
      const work = ctx.practice.submitAnswer({
        guildId: scopeOf(interaction).id,
        userId: interaction.user.id,
        displayName: member && 'displayName' in member ? member.displayName : interaction.user.displayName,
        questionId,
        text,
      });
      if (!(await settlesWithin(work))) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const { answer, question: q, evidence } = await work;
      await sendEphemeralEmbeds(interaction, feedbackEmbeds(q, answer, evidence), [gradeButtons(answer.id)]);
    },
  },
};
