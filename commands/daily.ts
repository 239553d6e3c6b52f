import {
  ApplicationCommandOptionType,
  ChannelType,
  type ChatInputCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { canonicalTimeZone, parseTime } from '../src/core/daily-schedule.ts';
import { addDays, localDay } from '../src/core/days.ts';
import { dailyPayload } from '../src/daily/service.ts';
import type { CommandModule } from '../src/discord/command.ts';
import { UserError } from '../src/discord/errors.ts';
import { truncate } from '../src/discord/views/limits.ts';
import { questionEmbed } from '../src/discord/views/question.ts';

const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
  'Pacific/Auckland',
];
const ALL_ZONES: readonly string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return COMMON_ZONES;
  }
})();

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

const ts = (d: Date | undefined) => (d ? `<t:${Math.floor(d.getTime() / 1000)}:f>` : '—');

export const daily: CommandModule = {
  data: {
    name: 'daily',
    description: 'Schedule a question of the day in a channel',
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
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
    ],
  },

  async execute(interaction, ctx) {
    requireManageGuild(interaction);
    const guildId = interaction.guildId!;
    const sub = interaction.options.getSubcommand();
    if (sub === 'set') {
      const channel = interaction.options.getChannel('channel', true);
      const time = interaction.options.getString('time', true).trim();
      const zoneInput = interaction.options.getString('timezone', true).trim();
      if (!parseTime(time)) {
        throw new UserError(
          `\`${truncate(time, 20)}\` is not a time. Use 24-hour HH:MM, e.g. \`09:00\` or \`18:30\`.`,
        );
      }
      const timeZone = canonicalTimeZone(zoneInput);
      if (!timeZone) {
        throw new UserError(
          `\`${truncate(zoneInput, 60)}\` is not an IANA timezone. Use a name like \`Europe/Berlin\`, \`America/New_York\` or \`UTC\` (the option autocompletes).`,
        );
      }
      const role = interaction.options.getRole('role');
      const thread = interaction.options.getBoolean('thread') ?? false;
      const schedule = await ctx.daily.setSchedule({
        guildId,
        channelId: channel.id,
        time,
        timeZone,
        ...(role ? { roleId: role.id } : {}),
        thread,
        enabled: true,
      });
      const missing = missingChannelPermissions(interaction, channel.id);
      const warning = missing.length
        ? `\n⚠️ I cannot post in <#${channel.id}> yet: I am missing ${missing.join(', ')} there. The schedule is saved; grant these and it starts working.`
        : '';
      const postNow = missing.length === 0 && (await ctx.daily.isDueNow(schedule));
      const next = postNow
        ? "today's time has passed, so today's question is posted now"
        : `next post ${ts(ctx.daily.nextPostTime(schedule))}`;
      await interaction.reply({
        content: `Daily question set for <#${channel.id}> at ${time} ${timeZone}${role ? ` pinging <@&${role.id}>` : ''}${thread ? ', with a discussion thread' : ''}: ${next}. Streaks in this server now count days in ${timeZone}.${warning}`,
        flags: MessageFlags.Ephemeral,
      });
      if (postNow) await ctx.daily.runSchedule(schedule);
      return;
    }
    if (sub === 'off') {
      const channel = interaction.options.getChannel('channel');
      const removed = await ctx.daily.removeSchedules(guildId, channel?.id);
      await interaction.reply({
        content:
          removed.length === 0
            ? 'There was no daily question to stop.'
            : `Stopped the daily question in ${removed.map((id) => `<#${id}>`).join(', ')}.`,
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    if (sub === 'status') {
      const schedules = [...ctx.daily.schedules.values()].filter((s) => s.guildId === guildId);
      if (schedules.length === 0) {
        await interaction.reply({
          content: 'No daily question is scheduled. Use `/daily set` to start one.',
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      const lines = await Promise.all(
        schedules.map(async (s) => {
          const last = await ctx.daily.lastPost(s);
          const state = s.enabled ? 'on' : `off (${s.disabledReason ?? 'disabled'})`;
          const lastText = last
            ? `${last.localDate} ${last.state}${last.questionId ? ` (\`${last.questionId}\`)` : ''}`
            : 'never';
          const error = s.lastError
            ? `\n  last error: ${truncate(s.lastError.message, 200)}${s.lastError.code ? ` (code ${s.lastError.code})` : ''} at ${ts(new Date(s.lastError.at))}`
            : '';
          return `<#${s.channelId}>: ${s.time} ${s.timeZone}, ${state}${s.roleId ? `, pings <@&${s.roleId}>` : ''}\n  next post: ${ts(ctx.daily.nextPostTime(s))} · last post: ${lastText}${error}`;
        }),
      );
      await interaction.reply({ content: truncate(lines.join('\n'), 2000), flags: MessageFlags.Ephemeral });
      return;
    }
    // preview
    const timeZone = await ctx.guilds.timeZone(guildId);
    const tomorrow = addDays(localDay(ctx.clock.now(), timeZone), 1);
    const question = await ctx.daily.previewQuestion(guildId, tomorrow);
    const schedule = [...ctx.daily.schedules.values()].find((s) => s.guildId === guildId);
    const payload = schedule
      ? dailyPayload(schedule, question, tomorrow)
      : { embeds: [questionEmbed(question, `Question of the day · ${tomorrow}`)] };
    await interaction.reply({
      content: `Preview of the post for ${tomorrow} (only you see this):`,
      embeds: payload.embeds as never,
      flags: MessageFlags.Ephemeral,
    });
  },

  async autocomplete(interaction) {
    const typed = interaction.options.getFocused().toLowerCase();
    const pool = typed ? ALL_ZONES.filter((z) => z.toLowerCase().includes(typed)) : COMMON_ZONES;
    await interaction.respond(pool.slice(0, 25).map((z) => ({ name: z, value: z })));
  },
};
