import { ApplicationCommandOptionType } from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { LEVEL_NAMES, LEVELS } from '../src/core/interview.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import {
  DEFAULT_ATTACHMENT_LIMIT,
  levelOption,
  respondWithTopics,
  topicName,
  topicOption,
} from '../src/discord/options.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { kitReply } from '../src/discord/views/interviewer.ts';

export const KIT_MAX_QUESTIONS = 9;
const KIT_DEFAULT_QUESTIONS = 5;

export const interviewer: CommandModule = {
  data: {
    name: 'interviewer',
    description: 'For people who run interviews',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'kit',
        description:
          'A private set of questions with their rubric (key points, follow-ups, red flags) and a file',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'topic',
            description: 'Only questions of this topic',
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'level',
            description: 'The seniority of the role',
            choices: LEVELS.map((l) => ({ name: LEVEL_NAMES[l], value: l })),
          },
          {
            type: ApplicationCommandOptionType.Integer,
            name: 'count',
            description: `How many questions (1-${KIT_MAX_QUESTIONS}, default ${KIT_DEFAULT_QUESTIONS})`,
            min_value: 1,
            max_value: KIT_MAX_QUESTIONS,
          },
        ],
      },
    ],
  },

  async execute(interaction, ctx) {
    const topic = topicOption(interaction, ctx);
    const level = levelOption(interaction);
    const count = Math.min(
      KIT_MAX_QUESTIONS,
      Math.max(1, interaction.options.getInteger('count') ?? KIT_DEFAULT_QUESTIONS),
    );
    const questions = ctx.interviews.kit({ scopeId: scopeOf(interaction).id, topic, level, count });
    if (questions.length === 0) throw new UserError('No question matches that topic and level.');
    const name = topicName(ctx, topic);
    await interaction.reply(
      kitReply({
        questions,
        heading: `Interview kit${name ? `: ${name}` : ''}${level ? ` (${level})` : ''}`,
        fileName: `interview-kit-${topic ?? 'all'}${level ? `-${level}` : ''}.md`,
        level,
        createdAt: interaction.createdAt,
        maxBytes: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
      }),
    );
  },

  autocomplete: respondWithTopics,
};
