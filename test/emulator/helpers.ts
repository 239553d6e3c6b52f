import { once } from 'node:events';
import type { TestContext } from 'node:test';
import { Client, GatewayIntentBits } from 'discord.js';
import {
  type Emulator,
  type EmulatorOptions,
  type EmuUser,
  startEmulator,
} from '../../tools/emulator/index.ts';

export const alice: EmuUser = { id: '200000000000000001', username: 'alice', globalName: 'Alice' };
export const admin: EmuUser = { id: '200000000000000002', username: 'root', admin: true };
export const GENERAL = '100000000000000010';
export const DAILY = '100000000000000011';
export const GUILD = '100000000000000001';
export const STUDY_ROLE = '100000000000000020';

export interface Started {
  emu: Emulator;
  client: Client;
}

/** Starts an emulator and a logged-in discord.js client; both are torn down after the test. */
export async function startBot(
  t: TestContext,
  opts: EmulatorOptions = {},
  clientOpts: { allowedMentions?: boolean } = {},
): Promise<Started> {
  const emu = await startEmulator(opts);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(clientOpts.allowedMentions === false ? {} : { allowedMentions: { parse: [] } }),
    rest: { api: emu.apiUrl },
  });
  t.after(async () => {
    await client.destroy();
    await emu.close();
  });
  const ready = once(client, 'clientReady');
  await client.login(emu.token);
  await ready;
  return { emu, client };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
