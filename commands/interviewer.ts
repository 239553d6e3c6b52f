import { ApplicationCommandOptionType } from 'discord.js';
import { resolveTopic, searchTopics } from '../src/bank/topics.ts';
import { UserError } from '../src/core/errors.ts';
import { LEVEL_NAMES, LEVELS, type Level } from '../src/core/interview.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { kitReply } from '../src/discord/views/interviewer.ts';

/** Discord's upload limit when the interaction does not say (a server without boosts). */
const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;
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
    const bank = ctx.bank();
    const topicInput = interaction.options.getString('topic')?.trim() || undefined;
    const topic = topicInput ? resolveTopic(bank.topics, topicInput) : undefined;
    if (topicInput && !topic) {
      throw new UserError(
        `Unknown topic \`${topicInput.slice(0, 50)}\`. Topics: ${bank.topics.map((t) => `\`${t.slug}\``).join(', ')}.`,
      );
    }
    const level = (interaction.options.getString('level') ?? undefined) as Level | undefined;
    if (level && !LEVELS.includes(level)) throw new UserError(`Level must be one of ${LEVELS.join(', ')}.`);
    const count = Math.min(
      KIT_MAX_QUESTIONS,
      Math.max(1, interaction.options.getInteger('count') ?? KIT_DEFAULT_QUESTIONS),
    );
    const questions = ctx.interviews.kit({ scopeId: scopeOf(interaction).id, topic, level, count });
    if (questions.length === 0) throw new UserError('No question matches that topic and level.');
    const topicName = topic ? (bank.topics.find((t) => t.slug === topic)?.name ?? topic) : undefined;
    await interaction.reply(
      kitReply({
        questions,
        heading: `Interview kit${topicName ? `: ${topicName}` : ''}${level ? ` (${level})` : ''}`,
        fileName: `interview-kit-${topic ?? 'all'}${level ? `-${level}` : ''}.md`,
        level,
        createdAt: interaction.createdAt,
        maxBytes: interaction.attachmentSizeLimit || DEFAULT_ATTACHMENT_LIMIT,
      }),
    );
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().toLowerCase().trim();
    await interaction.respond(
      searchTopics(ctx.bank().topics, typed)
        .slice(0, 25)
        .map((t) => ({ name: t.name, value: t.slug })),
    );
  },
};
