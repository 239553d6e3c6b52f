// The baseline everywhere: a bare discord.js client (Guilds intent, no mentions, default caches)
// that answers every interaction with "pong". With `beforeReply` it is the commit floor (see
// commit-floor.ts): the same client, replying once that work has finished.
import { Client, GatewayIntentBits } from 'discord.js';

export async function startPong(
  apiUrl: string,
  token: string,
  beforeReply?: () => Promise<void>,
): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl },
  });
  client.on('interactionCreate', (interaction) => {
    if (!interaction.isRepliable()) return;
    if (beforeReply) {
      beforeReply()
        .then(() => interaction.reply({ content: 'pong' }))
        .catch(() => {});
    } else interaction.reply({ content: 'pong' }).catch(() => {});
  });
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(token);
  await ready;
  return client;
}
