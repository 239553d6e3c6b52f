import type { Client } from 'discord.js';
import type { DailyPoster, PostResult } from '../daily/poster.ts';
import { DiscordCode, discordErrorCode } from './errors.ts';
import { dailyMarker, dailyPayload } from './views/daily.ts';

class ChannelUnusableError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Discord's answer to a send, in the daily service's terms. */
export function postFailure(err: unknown): Exclude<PostResult, { status: 'posted' }> {
  const code = discordErrorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === DiscordCode.UnknownChannel) return { status: 'gone', code, message };
  if (code === DiscordCode.MissingAccess || code === DiscordCode.MissingPermissions) {
    return { status: 'forbidden', code, message };
  }
  return { status: 'transient', code, message };
}

/** Posts through `client`, whose requests are paced under Discord's global limit (client.ts). */
export function discordPoster(client: Client): DailyPoster {
  const sendable = async (channelId: string) => {
    const channel = await client.channels.fetch(channelId);
    if (!channel) throw new ChannelUnusableError(DiscordCode.UnknownChannel, 'channel not found');
    if (!channel.isSendable()) {
      throw new ChannelUnusableError(DiscordCode.MissingAccess, 'the channel does not accept messages');
    }
    return channel;
  };
  return {
    async post(post) {
      try {
        const channel = await sendable(post.schedule.channelId);
        const message = await channel.send({ ...dailyPayload(post), nonce: post.nonce, enforceNonce: true });
        return { status: 'posted', messageId: message.id };
      } catch (err) {
        return postFailure(err);
      }
    },
    async findRecent(channelId, localDate) {
      try {
        const channel = await sendable(channelId);
        if (!('messages' in channel)) return undefined;
        const recent = await channel.messages.fetch({ limit: 50, cache: false });
        const marker = dailyMarker(localDate);
        const found = recent.find(
          (m) => m.author.id === client.user?.id && m.embeds[0]?.author?.name === marker,
        );
        return found ? { status: 'posted', messageId: found.id } : undefined;
      } catch (err) {
        return postFailure(err);
      }
    },
    async startThread(channelId, messageId, name) {
      const channel = await sendable(channelId);
      if (!('messages' in channel)) return;
      const message = await channel.messages.fetch(messageId);
      await message.startThread({ name, autoArchiveDuration: 1440 });
    },
  };
}
