import { Client, DefaultRestOptions, GatewayIntentBits, Options } from 'discord.js';
import { Agent } from 'undici';
import type { RequestPacer } from '../daily/pacer.ts';

/**
 * Discord's 50 requests/s is per bot token, across every process of the bot. Each process sends
 * its requests evenly at its share of this (its shards of all): together they stay under the limit
 * in every second, with room for the supervisors' own few and for requests that arrive bunched
 * (network jitter: 4/s of room absorbs about 80 ms of it in every window).
 */
export const GLOBAL_REQUESTS_PER_SECOND = 46;

/**
 * Requests that count against the global limit: every bot-authenticated one. Interaction
 * callbacks and their webhooks (replies, follow-ups, edits) do not, and are never delayed.
 */
function countsAgainstGlobalLimit(url: string): boolean {
  return !/\/api\/v\d+\/(interactions|webhooks)\//.test(url);
}

/** REST's own request function, each counted request first waiting for its slot. */
function pacedRequests(pacer: RequestPacer): typeof DefaultRestOptions.makeRequest {
  return async (url, init) => {
    if (countsAgainstGlobalLimit(url)) await pacer.slot();
    return DefaultRestOptions.makeRequest(url, init);
  };
}

/**
 * A bounded keep-alive pool for REST. undici's default opens a new connection per concurrent
 * request; under a burst of interactions hundreds of parallel connects queued replies for seconds
 * (measured through the emulator: p99 2.2 s unbounded vs 0.1 s with 32 connections).
 */
const REST_CONNECTIONS = 32;

/**
 * A slash-command-only client: the Guilds intent, no mentions parsed by default, and small caches.
 * Guild, channel, role and permission-overwrite caches stay unlimited (limiting them breaks
 * discord.js); messages, members (but the bot's own), presences and the like are not needed.
 */
/** The shards this process runs, of how many in all; none: every server in one process. */
export interface ShardSpec {
  ids: number[];
  count: number;
}

/** `pacer`: spaces every request that counts against Discord's global limit (see above). */
export function createClient(apiUrl: string, shard?: ShardSpec, pacer?: RequestPacer): Client {
  return new Client({
    ...(shard ? { shards: shard.ids, shardCount: shard.count } : {}),
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // Views are built as Discord API objects (snake_case already, checked against Discord's schemas
    // by the emulator in the tests): discord.js's default walk re-keying every embed and component
    // was a tenth of a reply's cost.
    jsonTransformer: (data: unknown) => data,
    rest: {
      api: apiUrl,
      agent: new Agent({ connections: REST_CONNECTIONS }),
      ...(pacer ? { makeRequest: pacedRequests(pacer) } : {}),
    },
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
