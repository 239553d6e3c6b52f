// Where a peer mock interview runs: a private thread for the two members when the bot can open one
// (Create Private Threads), else the channel it was started in.
import {
  ChannelType,
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { BotContext } from '../app/context.ts';
import type { PeerSessionRecord } from '../core/model.ts';
import { openStep } from '../core/peer.ts';
import { peerQuestionMessage } from './views/peer.ts';

/**
 * Posts the session's first question (pinging both members) in a new private thread with both in
 * it; when the thread cannot be made, in the interaction's channel. Returns the session as stored.
 */
export async function openPeerRoom(
  interaction: ChatInputCommandInteraction | MessageComponentInteraction,
  ctx: BotContext,
  session: PeerSessionRecord,
): Promise<PeerSessionRecord> {
  const open = openStep(session);
  const question = open ? ctx.peer.question(open.step.questionId, session.guildId) : undefined;
  if (!question) return session;
  const message = peerQuestionMessage(session, question, true);
  const channel = interaction.channel;
  if (channel && channel.type === ChannelType.GuildText) {
    try {
      const thread = await channel.threads.create({
        name: 'Mock interview',
        type: ChannelType.PrivateThread,
        invitable: false,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
      for (const member of session.memberIds) await thread.members.add(member);
      await thread.send(message);
      return await ctx.peer.setThread(session.guildId, session.id, thread.id);
    } catch (err) {
      ctx.logger.warn(
        { err, guildId: session.guildId },
        'could not open a private thread; the interview runs in the channel',
      );
    }
  }
  await interaction.followUp(message);
  return session;
}
