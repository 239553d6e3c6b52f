import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PermissionFlagsBits, Routes, SlashCommandBuilder, type TextChannel } from 'discord.js';
import { alice, DAILY, GENERAL, GUILD, startBot } from './helpers.ts';

test('given a fetched channel when the bot sends a message then it is recorded with the full message shape', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  const sent = await channel.send({ content: 'Daily question' });
  const [msg] = emu.messages(DAILY);
  assert.equal(msg?.id, sent.id);
  assert.equal(msg?.content, 'Daily question');
  assert.equal(msg?.author.id, emu.botUserId);
  assert.equal(msg?.guild_id, GUILD);
  assert.equal(sent.author.id, client.user?.id);
  assert.equal(emu.messages(GENERAL).length, 0);
  const fetched = await channel.messages.fetch(sent.id);
  assert.equal(fetched.content, 'Daily question');
  // snowflake timestamps are real
  assert.ok(Math.abs(sent.createdTimestamp - Date.now()) < 60_000);
  assert.deepEqual(emu.violations, []);
});

test('given enforce_nonce when the same nonce is sent twice then Discord returns the existing message', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  const a = await channel.send({ content: 'once', nonce: 'daily-2024-01-01', enforceNonce: true });
  const b = await channel.send({ content: 'once', nonce: 'daily-2024-01-01', enforceNonce: true });
  const c = await channel.send({ content: 'other', nonce: 'daily-2024-01-02', enforceNonce: true });
  assert.equal(a.id, b.id);
  assert.notEqual(a.id, c.id);
  assert.equal(emu.messages(DAILY).length, 2);
});

test('given a message when the bot starts a thread then a type 11 channel exists and accepts messages', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  const msg = await channel.send({ content: 'Discuss' });
  const thread = await msg.startThread({ name: 'discussion' });
  assert.equal(thread.id, msg.id);
  assert.equal(thread.type, 11);
  assert.equal(thread.parentId, DAILY);
  await thread.send({ content: 'in the thread' });
  assert.equal(emu.messages(thread.id)[0]?.content, 'in the thread');
  assert.deepEqual(emu.violations, []);
});

test('given a removed channel when the bot sends to it then it gets 404 10003', async (t) => {
  const { emu, client } = await startBot(t);
  emu.removeChannel(DAILY);
  await assert.rejects(
    client.rest.post(Routes.channelMessages(DAILY), {
      body: { content: 'x', allowed_mentions: { parse: [] } },
    }),
    (e: { status?: number; code?: number }) => e.status === 404 && e.code === 10003,
  );
});

test('given channel access changes when the bot sends then it gets 403 50001 or 50013', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  emu.setChannelAccess(DAILY, 'no-access');
  await assert.rejects(
    channel.send({ content: 'x' }),
    (e: { status?: number; code?: number }) => e.code === 50001,
  );
  emu.setChannelAccess(DAILY, 'no-permission');
  await assert.rejects(
    channel.send({ content: 'x' }),
    (e: { status?: number; code?: number }) => e.code === 50013,
  );
  emu.setChannelAccess(DAILY, 'ok');
  await channel.send({ content: 'x' });
  assert.equal(emu.messages(DAILY).length, 1);
});

test('given guild and global commands when they are PUT then they are stored with ids and returned', async (t) => {
  const { emu, client } = await startBot(t);
  const guild = client.guilds.cache.get(GUILD);
  const json = new SlashCommandBuilder()
    .setName('config')
    .setDescription('Configure the bot')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .toJSON();
  const set = await guild?.commands.set([json]);
  assert.equal(set?.first()?.name, 'config');
  const stored = emu.registeredCommands(GUILD) as {
    id: string;
    guild_id: string;
    default_member_permissions: string;
  }[];
  assert.equal(stored[0]?.guild_id, GUILD);
  assert.equal(stored[0]?.default_member_permissions, String(PermissionFlagsBits.ManageGuild));
  // PUT again keeps the id of a command with the same name
  await guild?.commands.set([json]);
  assert.equal((emu.registeredCommands(GUILD) as { id: string }[])[0]?.id, stored[0]?.id);
  assert.deepEqual(emu.registeredCommands(), []);
  const fetched = await client.application?.commands.fetch({ guildId: GUILD });
  assert.equal(fetched?.size, 1);
  assert.deepEqual(emu.violations, []);
});

test('given an invalid command when it is PUT then it is rejected with 50035 and violations', async (t) => {
  const { emu, client } = await startBot(t);
  await assert.rejects(
    client.rest.put(Routes.applicationCommands(emu.applicationId), {
      body: [
        { name: 'Bad Name', description: 'x' },
        { name: 'ok', description: '' },
        {
          name: 'many',
          description: 'd',
          options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'd' })),
        },
      ],
    }),
    (e: { code?: number }) => e.code === 50035,
  );
  const rules = new Set(emu.violations.map((v) => v.rule));
  assert.ok(rules.has('command-name'), [...rules].join());
  assert.ok(rules.has('command-description'));
  assert.ok(rules.has('command-options'));
  assert.deepEqual(emu.registeredCommands(), []);
});

test('given an unknown route or a missing token when requested then 404/401 with violations', async (t) => {
  const { emu, client } = await startBot(t);
  await assert.rejects(client.rest.get('/nope/123'), (e: { status?: number }) => e.status === 404);
  assert.equal(emu.violations.at(-1)?.rule, 'unknown-route');
  const res = await fetch(`${emu.apiUrl}/v10/channels/${DAILY}`);
  assert.equal(res.status, 401);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.deepEqual(await res.json(), { message: '401: Unauthorized', code: 0 });
  assert.equal(emu.violations.at(-1)?.rule, 'unauthorized');
});

test('given interactions and REST calls when observing then requests record method, path, body and status', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (!i.isChatInputCommand()) return;
    await i.deferReply();
    await i.editReply({ content: 'ok' });
    await i.fetchReply();
    await i.deleteReply();
  });
  const seen: string[] = [];
  emu.on('request', (r) => seen.push(`${r.method} ${r.path.replace(/\/\d+\/[\w-]+/, '/…')} ${r.status}`));
  const h = emu.slash({ user: alice, name: 'x' });
  const rs = await h.settled();
  assert.deepEqual(
    rs.map((r) => r.kind),
    ['callback', 'edit', 'delete'],
  );
  assert.deepEqual(seen, [
    'POST /interactions/…/callback 204',
    'PATCH /webhooks/…/messages/@original 200',
    'GET /webhooks/…/messages/@original 200',
    'DELETE /webhooks/…/messages/@original 204',
  ]);
  assert.equal(emu.messages().length, 0);
});
