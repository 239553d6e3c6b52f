import {
  ApplicationCommandOptionType,
  ChannelType,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { parseTime } from '../src/core/daily-schedule.ts';
import { UserError } from '../src/core/errors.ts';
import { DAILY_SOURCES, type DailySource } from '../src/core/model.ts';
import { canonicalTimeZone } from '../src/core/time.ts';
import { type CommandModule, SERVERS_ONLY } from '../src/discord/command.ts';
import { assertFlowOwner } from '../src/discord/owner.ts';
import { serverScopeId } from '../src/discord/scope.ts';
import { respondWithTimeZones } from '../src/discord/time-zones.ts';
import { ARCHIVE_PAGE, ARCHIVE_PRACTISE, archivePageView } from '../src/discord/views/archive.ts';
import {
  notATimeText,
  notATimeZoneText,
  previewReply,
  scheduleSetReply,
  schedulesStoppedReply,
  statusReply,
} from '../src/discord/views/daily.ts';
import { questionMessage } from '../src/discord/views/question.ts';

/** Discord's default permissions can be overridden by server admins, so the check is repeated here. */
function requireManageGuild(interaction: ChatInputCommandInteraction): void {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('You need the **Manage Server** permission to manage the daily question.');
  }
}

const POST_PERMISSIONS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
] as const;

/** The bot's missing posting permissions in a channel, when the cache can tell (else none). */
function missingChannelPermissions(interaction: ChatInputCommandInteraction, channelId: string): string[] {
  const me = interaction.guild?.members.me;
  const channel = interaction.guild?.channels.cache.get(channelId);
  const permissions = me && channel ? channel.permissionsFor(me) : null;
  if (!permissions) return [];
  return POST_PERMISSIONS.filter(([, flag]) => !permissions.has(flag)).map(([name]) => name);
}

export const daily: CommandModule = {
  data: {
    name: 'daily',
    description: 'Schedule a question of the day in a channel',
    ...SERVERS_ONLY,
    contexts: [0],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'set',
        description: 'Post a question every day in a channel at a local time',
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            description: 'Where to post',
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'time',
            description: 'HH:MM, 24-hour',
            required: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'timezone',
            description: 'IANA timezone, e.g. Europe/Berlin',
            required: true,
            autocomplete: true,
          },
          {
            type: ApplicationCommandOptionType.Role,
            name: 'role',
            description: 'Role to ping with each post',
          },
          {
            type: ApplicationCommandOptionType.Boolean,
            name: 'thread',
            description: 'Open a discussion thread',
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'source',
            description: "Where the server's questions of the day come from (default: the shared bank)",
            choices: [
              { name: 'The shared bank', value: 'shared' },
              { name: "This server's own questions (/bank add)", value: 'server' },
              { name: 'Both', value: 'both' },
            ],
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'off',
        description: 'Stop the daily question (in one channel, or everywhere)',
        options: [
          { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Only this channel' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'status',
        description: 'Show schedules, next and last posts',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'preview',
        description: "Preview tomorrow's post",
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'archive',
        description: 'Past questions of the day, to practise (anyone)',
      },
    ],
  },

  async execute(interaction, ctx) {
    const guildId = serverScopeId(interaction);
    const sub = interaction.options.getSubcommand();
    // /daily is visible to everyone for its archive; managing it stays with Manage Server.
    if (sub === 'archive') {
      await interaction.reply({
        ...archivePageView(await ctx.daily.archive(guildId), 0),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    requireManageGuild(interaction);
    if (sub === 'set') {
      const channel = interaction.options.getChannel('channel', true);
      const time = interaction.options.getString('time', true).trim();
      const zoneInput = interaction.options.getString('timezone', true).trim();
      if (!parseTime(time)) throw new UserError(notATimeText(time));
      const timeZone = canonicalTimeZone(zoneInput);
      if (!timeZone) throw new UserError(notATimeZoneText(zoneInput));
      const role = interaction.options.getRole('role');
      const thread = interaction.options.getBoolean('thread') ?? false;
      const source = (interaction.options.getString('source') ?? undefined) as DailySource | undefined;
      if (source && !DAILY_SOURCES.includes(source))
        throw new UserError(`Source must be one of ${DAILY_SOURCES.join(', ')}.`);
      const schedule = await ctx.daily.setSchedule(
        {
          guildId,
          channelId: channel.id,
          time,
          timeZone,
          ...(role ? { roleId: role.id } : {}),
          thread,
          enabled: true,
        },
        source,
      );
      const missing = missingChannelPermissions(interaction, channel.id);
      const postNow = missing.length === 0 && (await ctx.daily.isDueNow(schedule));
      await interaction.reply(
        scheduleSetReply({ schedule, missing, postNow, nextPost: ctx.daily.nextPostTime(schedule) }),
      );
      if (postNow) await ctx.daily.runSchedule(schedule);
      return;
    }
    if (sub === 'off') {
      const channel = interaction.options.getChannel('channel');
      await interaction.reply(schedulesStoppedReply(await ctx.daily.removeSchedules(guildId, channel?.id)));
      return;
    }
    if (sub === 'status') {
      await interaction.reply(statusReply(await ctx.daily.status(guildId)));
      return;
    }
    await interaction.reply(previewReply(await ctx.daily.preview(guildId)));
  },

  async autocomplete(interaction) {
    await respondWithTimeZones(interaction);
  },

  buttons: {
    async [ARCHIVE_PAGE](interaction, ctx, [page = '0']) {
      assertFlowOwner(interaction);
      const entries = await ctx.daily.archive(serverScopeId(interaction));
      await interaction.update(archivePageView(entries, Number.parseInt(page, 10)));
    },

    async [ARCHIVE_PRACTISE](interaction, ctx, [questionId = '']) {
      serverScopeId(interaction);
      const question = ctx.practice.question(questionId, serverScopeId(interaction));
      await interaction.reply({
        ...questionMessage(question, 'A past question of the day'),
        flags: MessageFlags.Ephemeral,
      });
    },
  },
};
