import { ApplicationCommandOptionType } from 'discord.js';
import { timeZoneOf } from '../src/app/guilds.ts';
import { parseTime } from '../src/core/daily-schedule.ts';
import { UserError } from '../src/core/errors.ts';
import { personalScope } from '../src/core/scope.ts';
import { canonicalTimeZone } from '../src/core/time.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { respondWithTimeZones } from '../src/discord/time-zones.ts';
import { notATimeText, notATimeZoneText } from '../src/discord/views/daily.ts';
import { settingsReply } from '../src/discord/views/settings.ts';

export const settings: CommandModule = {
  data: {
    name: 'settings',
    description: 'Your personal practice (DMs, servers without the bot): timezone, streak reminder',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'timezone',
        description: 'Your day boundary for streaks and points, e.g. Europe/Berlin',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'remind',
        description:
          'DM me a question at this time (HH:MM) if I have not practised and have a streak; or off',
        max_length: 5,
      },
    ],
  },

  async execute(interaction, ctx) {
    const userId = interaction.user.id;
    const scopeId = personalScope(userId);
    const zoneInput = interaction.options.getString('timezone')?.trim() || undefined;
    const remindInput = interaction.options.getString('remind')?.trim().toLowerCase() || undefined;
    // Both checked before anything is saved: a bad value changes nothing.
    const newZone = zoneInput === undefined ? undefined : canonicalTimeZone(zoneInput);
    if (zoneInput !== undefined && !newZone) throw new UserError(notATimeZoneText(zoneInput));
    if (remindInput !== undefined && remindInput !== 'off' && !parseTime(remindInput)) {
      throw new UserError(`${notATimeText(remindInput)} Or \`off\` to stop the reminders.`);
    }
    if (newZone) {
      await ctx.guilds.setTimeZone(scopeId, newZone);
      await ctx.reminders.followTimeZone(userId, newZone);
    }
    const timeZone = timeZoneOf(await ctx.guilds.get(scopeId));
    if (remindInput !== undefined) {
      await ctx.reminders.set(userId, remindInput === 'off' ? undefined : remindInput, timeZone);
    }
    await interaction.reply(
      settingsReply({
        timeZone,
        reminder: await ctx.reminders.get(userId),
        changed: newZone !== undefined || remindInput !== undefined,
      }),
    );
  },

  async autocomplete(interaction) {
    await respondWithTimeZones(interaction);
  },
};
