// The emulator's DMs, user installs and servers without the bot (Discord's behaviour, notes/discord-protocol.md).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { AttachmentBuilder, type Interaction, Routes } from 'discord.js';
import { DEFAULT_GUILD } from '../../tools/emulator/index.ts';
import { alice, startBot } from './helpers.ts';

const NO_BOT_GUILD = '100000000000000701';
const NO_BOT_CHANNEL = '100000000000000710';
const withServerWithoutBot = {
  guilds: [
    DEFAULT_GUILD,
    {
      id: NO_BOT_GUILD,
      name: 'No bot',
      channels: [{ id: NO_BOT_CHANNEL, name: 'general' }],
      withoutBot: true,
    },
  ],
};

test('given a DM interaction, then discord.js sees a user (no member, no guild) authorised by the user install', async (t) => {
  const { emu, client } = await startBot(t);
  const received = once(client, 'interactionCreate');
  emu.slash({ user: alice, name: 'ping', dm: true });
  const [interaction] = (await received) as [Interaction];
  assert.equal(interaction.inGuild(), false);
  assert.equal(interaction.guildId, null);
  assert.equal(interaction.member, null);
  assert.equal(interaction.user.id, alice.id);
  assert.equal(interaction.context, 1);
  assert.equal(interaction.authorizingIntegrationOwners.userId, alice.id);
  assert.equal(interaction.authorizingIntegrationOwners.guildId, null);
  assert.equal(interaction.channelId, emu.dmChannel(alice.id));
});

test('given a server without the bot, then READY does not list it, interactions there carry only the user install, and posting there is refused', async (t) => {
  const { emu, client } = await startBot(t, withServerWithoutBot);
  assert.equal(client.guilds.cache.has(NO_BOT_GUILD), false);
  const received = once(client, 'interactionCreate');
  emu.slash({ user: alice, name: 'ping', guildId: NO_BOT_GUILD });
  const [interaction] = (await received) as [Interaction];
  assert.equal(interaction.guildId, NO_BOT_GUILD);
  assert.equal(interaction.authorizingIntegrationOwners.userId, alice.id);
  assert.equal(interaction.authorizingIntegrationOwners.guildId, null);
  await assert.rejects(
    client.rest.post(Routes.channelMessages(NO_BOT_CHANNEL), {
      body: { content: 'x', allowed_mentions: { parse: [] } },
    }),
    (e: { status?: number; code?: number }) => e.status === 403 && e.code === 50001,
  );
});

test('given a user, when the bot opens a DM and sends, then it lands in that DM; with DMs closed the send fails with 50007', async (t) => {
  const { emu, client } = await startBot(t);
  const dm = await client.users.createDM(alice.id);
  assert.equal(dm.id, emu.dmChannel(alice.id));
  await dm.send({ content: 'hello' });
  assert.equal(emu.messages(dm.id).at(-1)?.content, 'hello');
  const closed = { id: '100000000000000888', username: 'closed', dmsClosed: true };
  emu.slash({ user: closed, name: 'ping', dm: true }); // the emulator learns the user
  const closedDm = await client.users.createDM(closed.id);
  await assert.rejects(closedDm.send({ content: 'hello' }), (e: { code?: number }) => e.code === 50007);
});

test('given files over the attachment limit, when the bot uploads them, then Discord refuses with 40005 and it is a violation', async (t) => {
  const { emu, client } = await startBot(t);
  const dm = await client.users.createDM(alice.id);
  const big = new AttachmentBuilder(Buffer.alloc(10 * 1024 * 1024 + 1), { name: 'big.md' });
  await assert.rejects(dm.send({ files: [big] }), (e: { code?: number }) => e.code === 40005);
  assert.ok(emu.violations.some((v) => v.rule === 'attachment-size'));
});
