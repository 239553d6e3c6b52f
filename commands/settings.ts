import { ApplicationCommandOptionType } from 'discord.js';
import { timeZoneOf } from '../src/app/guilds.ts';
import { UserError } from '../src/core/errors.ts';
import { personalScope } from '../src/core/scope.ts';
import { canonicalTimeZone } from '../src/core/time.ts';
import { ANYWHERE, type CommandModule } from '../src/discord/command.ts';
import { respondWithTimeZones } from '../src/discord/time-zones.ts';
import { notATimeZoneText } from '../src/discord/views/daily.ts';
import { settingsReply } from '../src/discord/views/settings.ts';

export const settings: CommandModule = {
  data: {
    name: 'settings',
    description: 'Your personal practice settings (DMs and servers without the bot): timezone',
    ...ANYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'timezone',
        description: 'Your day boundary for streaks and points, e.g. Europe/Berlin',
        autocomplete: true,
      },
    ],
  },

  async execute(interaction, ctx) {
    const scopeId = personalScope(interaction.user.id);
    const input = interaction.options.getString('timezone')?.trim();
    if (input) {
      const timeZone = canonicalTimeZone(input);
      if (!timeZone) throw new UserError(notATimeZoneText(input));
      await ctx.guilds.setTimeZone(scopeId, timeZone);
    }
    const timeZone = timeZoneOf(await ctx.guilds.get(scopeId));
    await interaction.reply(settingsReply({ timeZone, changed: input !== undefined && input !== '' }));
  },

  async autocomplete(interaction) {
    await respondWithTimeZones(interaction);
  },
};
