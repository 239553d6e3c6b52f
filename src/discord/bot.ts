import { once } from 'node:events';
import { type Client, Status } from 'discord.js';
import { commands } from '../../commands/index.ts';
import type { Clock } from '../app/clock.ts';
import { systemClock } from '../app/clock.ts';
import type { BotContext } from '../app/context.ts';
import { GuildService } from '../app/guilds.ts';
import { HistoryService } from '../app/history.ts';
import { InterviewService } from '../app/interviews.ts';
import { LeaderboardService } from '../app/leaderboard.ts';
import { type BankLoader, LiveBank } from '../app/live-bank.ts';
import { PeerService } from '../app/peer.ts';
import { PracticeService } from '../app/practice.ts';
import type { ReminderSender } from '../app/reminder-sender.ts';
import { ReminderService } from '../app/reminders.ts';
import { ReportService } from '../app/reports.ts';
import { ServerBankService } from '../app/server-bank.ts';
import { questionRules } from '../bank/server-questions.ts';
import { personalScope } from '../core/scope.ts';
import type { Bank } from '../core/types.ts';
import { RequestPacer } from '../daily/pacer.ts';
import type { DailyPoster } from '../daily/poster.ts';
import { DailyScheduler } from '../daily/scheduler.ts';
import { DailyService } from '../daily/service.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/ports.ts';
import { createClient, GLOBAL_REQUESTS_PER_SECOND, type ShardSpec } from './client.ts';
import { discordPoster } from './daily-poster.ts';
import { inviteUrl, userInstallUrl } from './invite.ts';
import { registerCommands } from './register.ts';
import { discordReminderSender } from './reminder-sender.ts';
import { attachRouter, buildRegistry } from './router.ts';

/** How often due streak reminders are looked for. */
const REMINDER_SWEEP_MS = 60_000;

export interface BotOptions {
  token: string;
  /** This process's shards (SHARD_COUNT/SHARDS); none: every server in one process. */
  shard?: ShardSpec | undefined;
  apiUrl: string;
  devGuildId?: string | undefined;
  bank: Bank;
  /** Loads the bank again for /bank reload and the folder watcher (none: the bank is fixed). */
  bankLoader?: BankLoader | undefined;
  /** Who may reload the shared bank, besides the application's owner or team (OWNER_IDS). */
  ownerIds?: readonly string[] | undefined;
  store: Store;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

export interface RunningBot {
  client: Client;
  ctx: BotContext;
  /** The store port the services use (tests read records through it, with its caches). */
  store: Store;
  scheduler: DailyScheduler;
  /** The gateway connection is up (false while discord.js reconnects). */
  gatewayReady(): boolean;
  /** Stops scheduling, closes the gateway; the caller closes the store it opened. */
  stop(): Promise<void>;
}

export function createContext(
  o: Omit<BotOptions, 'token' | 'apiUrl' | 'devGuildId'> & {
    poster: () => DailyPoster;
    /** Missing where nothing sends reminders (tools and tests of other services). */
    reminderSender?: () => ReminderSender;
    onSchedulesChanged?: () => void;
  },
): BotContext {
  const clock = o.clock ?? systemClock;
  const random = o.random ?? Math.random;
  const questionBank = new LiveBank(o.bank, o.bankLoader);
  const serverBank = new ServerBankService(o.store, {
    shared: () => questionBank.current(),
    clock,
    rules: questionRules,
  });
  const bank = (scopeId?: string) => serverBank.bankFor(scopeId);
  const guilds = new GuildService(o.store.guilds);
  const leaderboard = new LeaderboardService(o.store, { clock, guilds, logger: o.logger });
  const practice = new PracticeService(o.store, {
    bank,
    clock,
    random,
    guilds,
    userIndex: (before, after, who) => leaderboard.stageUserChange(before, after, who),
    forgetAlso: async (guildId, userId) => [
      ...(await peer.stageForget(guildId, userId)),
      ...(await serverBank.stageForget(guildId, userId)),
    ],
  });
  const peer = new PeerService(o.store, { bank, clock, random, practice });
  const daily = new DailyService({
    posts: o.store.posts,
    guilds,
    bank,
    loadBank: (guildId) => serverBank.ensure(guildId),
    clock,
    logger: o.logger,
    poster: o.poster,
    ...(o.onSchedulesChanged ? { onSchedulesChanged: o.onSchedulesChanged } : {}),
  });
  const history = new HistoryService(o.store);
  const reminders = new ReminderService(o.store, {
    clock,
    logger: o.logger,
    sender:
      o.reminderSender ??
      (() => {
        throw new Error('this context has no reminder sender');
      }),
    pickQuestion: (userId) => practice.nextQuestion(personalScope(userId), userId, {}),
  });
  return {
    bank,
    questionBank,
    ownerIds: new Set(o.ownerIds ?? []),
    logger: o.logger,
    guilds,
    practice,
    history,
    reminders,
    reports: new ReportService(o.store, { clock }),
    interviews: new InterviewService(o.store, { bank, clock, random, practice }),
    peer,
    serverBank,
    daily,
    leaderboard,
  };
}

/** Logs in, registers commands if they changed, and serves interactions until stop(). */
export async function startBot(o: BotOptions): Promise<RunningBot> {
  // Discord's 50 requests/s is per bot token, across every process: each sends its requests at
  // its share (its shards of all of them).
  const share = o.shard ? o.shard.ids.length / o.shard.count : 1;
  const client = createClient(o.apiUrl, o.shard, new RequestPacer(GLOBAL_REQUESTS_PER_SECOND * share));
  const poster = discordPoster(client);
  const reminderSender = discordReminderSender(client);
  // The scheduler needs the daily service and follows its schedules: created right after it.
  let scheduler: DailyScheduler | undefined;
  const ctx = createContext({
    ...o,
    poster: () => poster,
    reminderSender: () => reminderSender,
    onSchedulesChanged: () => scheduler?.sync(),
  });
  scheduler = new DailyScheduler(ctx.daily, o.logger);
  const registry = buildRegistry(commands);
  client.on('error', (err) => o.logger.error({ err }, 'discord client error'));
  client.on('warn', (message) => o.logger.warn({ message }, 'discord client warning'));
  client.on('shardDisconnect', (event, shardId) =>
    o.logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on('shardResume', (shardId) => o.logger.info({ shardId }, 'gateway resumed'));
  attachRouter(client, registry, ctx);

  try {
    const ready = once(client, 'clientReady');
    await client.login(o.token);
    await ready;
    // The application's owner (or team) may reload the shared bank: learn who that is.
    await client.application?.fetch().catch((err: unknown) => {
      o.logger.warn({ err }, 'could not fetch the application owner; only OWNER_IDS may reload the bank');
    });
    // One process registers the commands: the one running shard 0 (or the only one).
    if (!o.shard || o.shard.ids.includes(0))
      await registerCommands({
        rest: client.rest,
        applicationId: client.application!.id,
        devGuildId: o.devGuildId,
        definitions: commands.map((c) => c.data),
        settings: o.store.settings,
        logger: o.logger,
      });
  } catch (error) {
    // A failed start leaves no socket or timer behind, so the caller can retry or exit cleanly.
    await client.destroy().catch(() => {});
    throw error;
  }
  // Schedules of this process's guilds only (each shard runs its own servers' posts).
  await ctx.daily.loadGuilds([...client.guilds.cache.keys()]);
  client.on('guildCreate', (guild) => {
    ctx.daily
      .loadGuilds([guild.id])
      .catch((err: unknown) => o.logger.error({ err, guildId: guild.id }, 'could not load schedules'));
  });
  client.on('guildDelete', (guild) => ctx.daily.unloadGuild(guild.id));
  scheduler.start();
  // Reminders are DMs, not a server's: one process sends them all (the one with shard 0).
  const reminderTimer =
    !o.shard || o.shard.ids.includes(0)
      ? setInterval(() => {
          ctx.reminders.runDue().catch((err: unknown) => o.logger.error({ err }, 'reminder sweep failed'));
        }, REMINDER_SWEEP_MS)
      : undefined;
  reminderTimer?.unref();
  o.logger.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      questions: ctx.bank().questions.length,
      invite: inviteUrl(client.application!.id),
      userInstall: userInstallUrl(client.application!.id),
    },
    'bot ready',
  );

  return {
    client,
    ctx,
    store: o.store,
    scheduler,
    gatewayReady: () => client.ws.status === Status.Ready,
    async stop() {
      clearInterval(reminderTimer);
      await scheduler.stop();
      await client.destroy();
    },
  };
}
