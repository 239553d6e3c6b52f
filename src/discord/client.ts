import { Client, GatewayIntentBits, Options } from 'discord.js';

/**
 * A slash-command-only client: the Guilds intent, no mentions parsed by default, and small caches.
 * Guild, channel, role and permission-overwrite caches stay unlimited (limiting them breaks
 * discord.js); messages, members (but the bot's own), presences and the like are not needed.
 */
export function createClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
      VoiceStateManager: 0,
      StageInstanceManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      ThreadMemberManager: 0,
      AutoModerationRuleManager: 0,
      GuildMemberManager: {
        maxSize: 1,
        keepOverLimit: (member) => member.id === member.client.user.id,
      },
      UserManager: {
        maxSize: 1,
        keepOverLimit: (user) => user.id === user.client.user.id,
      },
    }),
  });
}
