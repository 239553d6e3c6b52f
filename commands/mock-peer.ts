// /mock pair and /mock find: peer mock interviews (part of the /mock command, see mock.ts).

import {
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ButtonStyle,
  type ChatInputCommandInteraction,
  MessageFlags,
} from 'discord.js';
import type { BotContext } from '../src/app/context.ts';
import { PEER_DEFAULT_QUESTIONS, PEER_MAX_QUESTIONS, PEER_MIN_QUESTIONS } from '../src/app/peer.ts';
import { UserError } from '../src/core/errors.ts';
import { LEVEL_NAMES, LEVELS } from '../src/core/interview.ts';
import { openStep } from '../src/core/peer.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { customId } from '../src/discord/custom-id.ts';
import { levelOption, topicName, topicOption } from '../src/discord/options.ts';
import { openPeerRoom } from '../src/discord/peer-room.ts';
import { scopeOf } from '../src/discord/scope.ts';
import { button, row } from '../src/discord/views/components.ts';
import {
  endedView,
  inviteAnsweredView,
  inviteMessage,
  NOTE_INPUT_ID,
  PEER,
  pairedMessage,
  peerFeedbackEmbed,
  peerQuestionMessage,
  rubricMessage,
  scoredMessage,
  scoreModal,
} from '../src/discord/views/peer.ts';
import { modelAnswerEmbeds } from '../src/discord/views/question.ts';
import { sendEphemeralEmbeds } from '../src/discord/views/send.ts';

const LEAVE_QUEUE = 'peer-leave';

const TOPIC_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'topic',
  description: 'Only questions of this topic',
  autocomplete: true,
} as const;
const LEVEL_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'level',
  description: 'The seniority to practise for',
  choices: LEVELS.map((l) => ({ name: LEVEL_NAMES[l], value: l })),
} as const;

export const peerSubcommands: APIApplicationCommandSubcommandOption[] = [
  {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'pair',
    description: 'Invite a member to a mock interview: they ask with a private rubric, you answer, then swap',
    options: [
      {
        type: ApplicationCommandOptionType.User,
        name: 'partner',
        description: 'Who to invite',
        required: true,
      },
      TOPIC_OPTION,
      LEVEL_OPTION,
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'length',
        description: `Questions a round (${PEER_MIN_QUESTIONS}-${PEER_MAX_QUESTIONS}, default ${PEER_DEFAULT_QUESTIONS})`,
        min_value: PEER_MIN_QUESTIONS,
        max_value: PEER_MAX_QUESTIONS,
      },
    ],
  },
  {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'find',
    description:
      'Wait for a partner from this server for a mock interview; you are paired with the next who joins',
    options: [TOPIC_OPTION, LEVEL_OPTION],
  },
];

function serverOnly(interaction: ChatInputCommandInteraction): string {
  const scope = scopeOf(interaction);
  if (scope.personal || !interaction.guildId) {
    throw new UserError(
      'Peer mock interviews run in a server that has added the bot. Here, try `/mock start` on your own.',
    );
  }
  return scope.id;
}

function options(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const topic = topicOption(interaction, ctx);
  return { topic, level: levelOption(interaction), topicName: topicName(ctx, topic) };
}

export async function runPeerSubcommand(
  sub: string,
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const guildId = serverOnly(interaction);
  const { topic, level, topicName } = options(interaction, ctx);
  if (sub === 'pair') {
    const partner = interaction.options.getUser('partner', true);
    if (partner.bot) throw new UserError('Invite a member, not a bot.');
    const session = await ctx.peer.invite({
      guildId,
      channelId: interaction.channelId,
      inviterId: interaction.user.id,
      partnerId: partner.id,
      topic,
      level,
      length: interaction.options.getInteger('length') ?? PEER_DEFAULT_QUESTIONS,
    });
    await interaction.reply(inviteMessage(session, topicName));
    return;
  }
  const { session } = await ctx.peer.find({
    guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    topic,
    level,
  });
  if (!session) {
    await interaction.reply({
      content: `You are waiting for a partner${topicName ? ` for ${topicName}` : ''} (for an hour). When another member runs \`/mock find\`, you are both pinged and the interview starts in a private thread.`,
      components: [row(button(customId(LEAVE_QUEUE), 'Leave the queue', ButtonStyle.Secondary))],
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.reply(pairedMessage(session));
  await openPeerRoom(interaction, ctx, session);
}

type Handlers = Pick<Required<CommandModule>, 'buttons' | 'modals' | 'selects'>;

export const peerHandlers: Handlers = {
  buttons: {
    async [LEAVE_QUEUE](interaction, ctx) {
      const left = await ctx.peer.leaveQueue(scopeOf(interaction).id, interaction.user.id);
      await interaction.update({
        content: left ? 'You left the queue.' : 'You were not in the queue any more.',
        components: [],
      });
    },

    async [PEER.accept](interaction, ctx, [sessionId = '']) {
      const session = await ctx.peer.respond({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
        accept: true,
      });
      await interaction.update(inviteAnsweredView(session, true));
      const opened = await openPeerRoom(interaction, ctx, session);
      if (opened.threadId) await interaction.editReply(inviteAnsweredView(opened, true));
    },

    async [PEER.decline](interaction, ctx, [sessionId = '']) {
      const session = await ctx.peer.respond({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
        accept: false,
      });
      await interaction.update(inviteAnsweredView(session, false));
    },

    async [PEER.rubric](interaction, ctx, [sessionId = '']) {
      const r = await ctx.peer.rubric({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
      });
      await interaction.reply({
        ...rubricMessage(r.session, r.index, r.question),
        flags: MessageFlags.Ephemeral,
      });
    },

    async [PEER.score](interaction, ctx, [sessionId = '', index = '']) {
      // Checked before the form opens, so only the interviewer of the open question gets it.
      const r = await ctx.peer.rubric({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
      });
      if (r.index !== Number(index)) throw new UserError('That question has already been scored.');
      await interaction.showModal(scoreModal(sessionId, r.index));
    },

    async [PEER.feedback](interaction, ctx, [sessionId = '', index = '']) {
      const f = await ctx.peer.feedback({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
        index: Number(index),
      });
      await sendEphemeralEmbeds(interaction, [
        peerFeedbackEmbed(f.step, f.question),
        ...modelAnswerEmbeds(f.question),
      ]);
    },

    async [PEER.swap](interaction, ctx, [sessionId = '']) {
      const session = await ctx.peer.swap({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
      });
      const open = openStep(session);
      const question = open ? ctx.peer.question(open.step.questionId, session.guildId) : undefined;
      if (!question) throw new UserError('The bank has no more questions for another round.');
      await interaction.reply(peerQuestionMessage(session, question, false));
    },

    async [PEER.end](interaction, ctx, [sessionId = '']) {
      await ctx.peer.end({ guildId: scopeOf(interaction).id, sessionId, userId: interaction.user.id });
      await interaction.reply(endedView(interaction.user.id));
    },
  },

  selects: {
    async [PEER.check](interaction, ctx, [sessionId = '', index = '']) {
      const session = await ctx.peer.check({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
        index: Number(index),
        checked: interaction.values.map(Number),
      });
      const question = ctx.peer.question(session.steps[Number(index)]?.questionId ?? '', session.guildId);
      if (!question) throw new UserError('That question was removed from the bank.');
      await interaction.update(rubricMessage(session, Number(index), question));
    },
  },

  modals: {
    async [PEER.score](interaction, ctx, [sessionId = '', index = '']) {
      const member = interaction.member;
      const result = await ctx.peer.score({
        guildId: scopeOf(interaction).id,
        sessionId,
        userId: interaction.user.id,
        displayName: member && 'displayName' in member ? member.displayName : interaction.user.displayName,
        index: Number(index),
        note: interaction.fields.getTextInputValue(NOTE_INPUT_ID),
      });
      const scoredQuestion = ctx.peer.question(
        result.session.steps[result.scored]?.questionId ?? '',
        result.session.guildId,
      );
      if (!scoredQuestion) throw new UserError('That question was removed from the bank.');
      const open = openStep(result.session);
      await interaction.reply(
        scoredMessage({
          session: result.session,
          scored: result.scored,
          scoredQuestion,
          next: open ? ctx.peer.question(open.step.questionId, result.session.guildId) : undefined,
        }),
      );
    },
  },
};
