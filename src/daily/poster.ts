import type { Client, MessageCreateOptions } from 'discord.js';
import { DiscordCode } from '../discord/errors.ts';
import { RequestPacer } from './pacer.ts';

/**
 * Daily posts go out evenly at this rate: under Discord's global 50 requests/s in every second,
 * with room for the bot's other requests (interaction responses do not count against it).
 */
export const DAILY_REQUESTS_PER_SECOND = 48;

/** What the daily service needs from Discord; an interface so its decisions are testable in-process. */
export interface DailyPoster {
  /** Sends once: Discord returns the existing message for a repeated nonce (enforce_nonce). */
  post(channelId: string, payload: MessageCreateOptions, nonce: string): Promise<{ messageId: string }>;
  startThread(channelId: string, messageId: string, name: string): Promise<void>;
  /** A recent message of the bot's in the channel whose first embed's author line is `marker`. */
  findRecent(channelId: string, marker: string): Promise<string | undefined>;
}

export class ChannelUnusableError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function discordPoster(
  client: Client,
  pacer = new RequestPacer(DAILY_REQUESTS_PER_SECOND),
): DailyPoster {
  const sendable = async (channelId: string) => {
    const channel = await client.channels.fetch(channelId);
    if (!channel) throw new ChannelUnusableError(DiscordCode.UnknownChannel, 'channel not found');
    if (!channel.isSendable()) {
      throw new ChannelUnusableError(DiscordCode.MissingAccess, 'the channel does not accept messages');
    }
    return channel;
  };
  return {
    async post(channelId, payload, nonce) {
      const channel = await sendable(channelId);
      await pacer.slot();
      const message = await channel.send({ ...payload, nonce, enforceNonce: true });
      return { messageId: message.id };
    },
    async findRecent(channelId, marker) {
      const channel = await sendable(channelId);
      if (!('messages' in channel)) return undefined;
      await pacer.slot();
      const recent = await channel.messages.fetch({ limit: 50, cache: false });
      return recent.find((m) => m.author.id === client.user?.id && m.embeds[0]?.author?.name === marker)?.id;
    },
    async startThread(channelId, messageId, name) {
      const channel = await sendable(channelId);
      if (!('messages' in channel)) return;
      await pacer.slot();
      const message = await channel.messages.fetch(messageId);
      await pacer.slot();
      await message.startThread({ name, autoArchiveDuration: 1440 });
    },
  };
}
