import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { ChannelType, Client, GatewayIntentBits } from 'discord.js';
import WebSocket from 'ws';
import { startEmulator } from '../../tools/emulator/index.ts';
import { alice, DAILY, GENERAL, GUILD, STUDY_ROLE, startBot } from './helpers.ts';

/** Opens a raw gateway connection and collects frames. */
async function rawGateway(
  url: string,
): Promise<{ ws: WebSocket; frames: Record<string, unknown>[]; next(): Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  const frames: Record<string, unknown>[] = [];
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as Record<string, unknown>;
    const w = waiters.shift();
    if (w) w(f);
    else frames.push(f);
  });
  await once(ws, 'open');
  return {
    ws,
    frames,
    next: () => {
      const f = frames.shift();
      return f ? Promise.resolve(f) : new Promise((r) => waiters.push(r));
    },
  };
}

test('given the default guild when the bot logs in then it reaches ready with the guild, channels and roles cached', async (t) => {
  const { emu, client } = await startBot(t);
  await emu.waitForReady();
  const guild = client.guilds.cache.get(GUILD);
  assert.ok(guild, 'guild cached');
  assert.equal(guild.name, 'Demo server');
  assert.equal(guild.available, true);
  assert.equal(guild.channels.cache.get(GENERAL)?.name, 'general');
  assert.equal(guild.channels.cache.get(DAILY)?.type, ChannelType.GuildText);
  assert.equal(guild.roles.cache.get(STUDY_ROLE)?.name, 'Study group');
  assert.ok(guild.roles.everyone, '@everyone role present');
  assert.equal(guild.members.me?.id, emu.botUserId);
  assert.equal(client.user?.id, emu.botUserId);
  assert.equal(client.application?.id, emu.applicationId);
  assert.ok(guild.members.me?.permissionsIn(GENERAL).has('SendMessages'));
  assert.equal(emu.requests[0]?.path, '/gateway/bot');
  assert.deepEqual(emu.violations, []);
});

test('given a connected bot when addGuild is called then the client receives GUILD_CREATE', async (t) => {
  const { emu, client } = await startBot(t);
  const created = once(client, 'guildCreate');
  emu.addGuild({
    id: '100000000000000101',
    name: 'Second',
    channels: [{ id: '100000000000000110', name: 'lobby' }],
  });
  const [guild] = (await created) as [{ id: string; channels: { cache: Map<string, unknown> } }];
  assert.equal(guild.id, '100000000000000101');
  assert.ok(guild.channels.cache.has('100000000000000110'));
});

for (const code of [4000, 1006]) {
  test(`given a ready bot when the gateway drops with ${code} then the client RESUMEs and a later interaction still works`, async (t) => {
    const { emu, client } = await startBot(t);
    client.on('interactionCreate', async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `pong ${i.commandName}` });
    });
    const resumed = once(client, 'shardResume');
    emu.dropGateway(code);
    // sent while disconnected: replayed on RESUME
    const during = emu.slash({ user: alice, name: 'during' });
    await resumed;
    const after = emu.slash({ user: alice, name: 'after' });
    assert.equal((await during.firstResponse()).data.content, 'pong during');
    assert.equal((await after.firstResponse()).data.content, 'pong after');
    assert.ok(client.isReady());
    assert.deepEqual(emu.violations, []);
  });
}

test('given a wrong token when the client logs in then login fails with TokenInvalid and the request is a violation', async (t) => {
  const emu = await startEmulator();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
  t.after(async () => {
    await client.destroy();
    await emu.close();
  });
  await assert.rejects(client.login('not-the-token'), /token/i);
  assert.equal(emu.requests[0]?.status, 401);
  assert.equal(emu.violations[0]?.rule, 'unauthorized');
});

test('given a raw gateway connection when IDENTIFY carries a bad token then the socket is closed with 4004', async (t) => {
  const emu = await startEmulator({ heartbeatIntervalMs: 1000 });
  t.after(() => emu.close());
  const g = await rawGateway(emu.apiUrl.replace('http', 'ws').replace('/api', '/gateway'));
  const hello = await g.next();
  assert.deepEqual(hello, { op: 10, d: { heartbeat_interval: 1000 }, s: null, t: null });
  g.ws.send(JSON.stringify({ op: 1, d: null }));
  assert.equal((await g.next()).op, 11);
  const closed = once(g.ws, 'close');
  g.ws.send(JSON.stringify({ op: 2, d: { token: 'bad', intents: 1, properties: {} } }));
  const [code] = (await closed) as [number];
  assert.equal(code, 4004);
});

test('given a raw gateway connection when IDENTIFY is valid then READY and GUILD_CREATE carry sequence numbers and RESUME of an unknown session gets op 9', async (t) => {
  const emu = await startEmulator();
  t.after(() => emu.close());
  const url = emu.apiUrl.replace('http', 'ws').replace('/api', '/gateway');
  const g = await rawGateway(url);
  await g.next();
  g.ws.send(JSON.stringify({ op: 2, d: { token: emu.token, intents: 1, properties: {} } }));
  const ready = await g.next();
  assert.equal(ready.t, 'READY');
  assert.equal(ready.s, 1);
  const d = ready.d as Record<string, unknown>;
  assert.equal(d.resume_gateway_url, url);
  assert.deepEqual(d.guilds, [{ id: GUILD, unavailable: true }]);
  assert.deepEqual(d.shard, [0, 1]);
  const gc = await g.next();
  assert.equal(gc.t, 'GUILD_CREATE');
  assert.equal(gc.s, 2);
  assert.equal((gc.d as Record<string, unknown>).unavailable, false);
  await emu.waitForReady();
  g.ws.close(1000);

  const r = await rawGateway(url);
  await r.next();
  r.ws.send(JSON.stringify({ op: 6, d: { token: emu.token, session_id: 'nope', seq: 1 } }));
  assert.deepEqual(await r.next(), { op: 9, d: false, s: null, t: null });
  r.ws.close();
});

test('given users who acted when the bot fetches all guild members then the gateway answers with a members chunk', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand()) await i.reply({ content: 'ok' });
  });
  await emu.slash({ user: alice, name: 'x' }).firstResponse();
  const members = await client.guilds.cache.get(GUILD)?.members.fetch();
  assert.deepEqual([...(members?.keys() ?? [])].sort(), [alice.id, emu.botUserId].sort());
});
