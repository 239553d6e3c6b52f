import type { AutocompleteInteraction } from 'discord.js';

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

/** Suggests IANA zones for a timezone option: common ones first, then any that contain the text. */
export async function respondWithTimeZones(interaction: AutocompleteInteraction): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  const pool = typed ? ALL_ZONES.filter((z) => z.toLowerCase().includes(typed)) : COMMON_ZONES;
  await interaction.respond(pool.slice(0, 25).map((z) => ({ name: z, value: z })));
}
