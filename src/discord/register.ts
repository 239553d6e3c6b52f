import { createHash } from 'node:crypto';
import { type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { Logger } from '../logger.ts';
import type { SettingRepository } from '../store/ports.ts';

export function commandsHash(
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): string {
  return createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
}

/**
 * Registers the slash commands only when their definitions changed since the last registration
 * (Discord rate-limits registration), unless `force` is set.
 */
export async function registerCommands(p: {
  rest: REST;
  applicationId: string;
  devGuildId: string | undefined;
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
  settings: SettingRepository;
  logger: Logger;
  force?: boolean;
}): Promise<'registered' | 'unchanged'> {
  const scope = p.devGuildId ? `guild:${p.devGuildId}` : 'global';
  const hash = commandsHash(p.definitions);
  const hashKey = `commands-hash:${p.applicationId}:${scope}`;
  const previous = await p.settings.get(hashKey);
  if (!p.force && previous === hash) {
    p.logger.info({ scope }, 'slash commands unchanged; not re-registering');
    return 'unchanged';
  }
  const route = p.devGuildId
    ? Routes.applicationGuildCommands(p.applicationId, p.devGuildId)
    : Routes.applicationCommands(p.applicationId);
  await p.rest.put(route, { body: p.definitions });
  await p.settings.set(hashKey, hash);
  p.logger.info({ scope, count: p.definitions.length }, 'slash commands registered');
  return 'registered';
}
