// The emulator shards as Discord does: a connection identified with `shard: [id, count]` gets only
// its servers ((guild_id >> 22) % count), interactions go to the shard that owns the server, and
// IDENTIFY is refused for a bad shard (4010) or too many servers on one connection (4011).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { Client, GatewayIntentBits } from 'discord.js';
import WebSocket from 'ws';
import { MAX_GUILDS_PER_SHARD, shardOf } from '../../tools/emulator/gateway.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { shardedGuilds } from '../../tools/fixtures/guilds.ts';
import { alice } from './helpers.ts';

const CHANNEL = { firstId: 200000000000000001n, name: 'general' };

async function shardClient(apiUrl: string, token: string, shard: number, count: number): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { api: apiUrl },
    shards: [shard],
    shardCount: count,
  });
  const ready = once(client, 'clientReady');
  await client.login(token);
  await ready;
  return client;
}

async function identify(url: string, d: Record<string, unknown>): Promise<number> {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  await once(ws, 'message'); // HELLO
  const closed = once(ws, 'close');
  ws.send(JSON.stringify({ op: 2, d }));
  const [code] = (await closed) as [number];
  return code;
}

test('given 4 servers and 2 shard connections, then each holds exactly its servers and interactions reach the owning shard', async (t) => {
  const specs = shardedGuilds(4, CHANNEL);
  const emu = await startEmulator({ guilds: specs });
  const clients = [
    await shardClient(emu.apiUrl, emu.token, 0, 2),
    await shardClient(emu.apiUrl, emu.token, 1, 2),
  ];
  t.after(async () => {
    for (const c of clients) await c.destroy();
    await emu.close();
  });
  for (const [shard, client] of clients.entries()) {
    const expected = specs.filter((g) => shardOf(g.id, 2) === shard).map((g) => g.id);
    assert.equal(expected.length, 2);
    assert.deepEqual([...client.guilds.cache.keys()].sort(), expected.sort(), `shard ${shard}`);
    client.on('interactionCreate', async (i) => {
      if (i.isChatInputCommand()) await i.reply({ content: `shard ${shard}` });
    });
  }
  for (const g of specs) {
    const reply = await emu
      .slash({ user: alice, guildId: g.id, channelId: g.channels[0]!.id, name: 'which' })
      .firstResponse();
    assert.equal(reply.data.content, `shard ${shardOf(g.id, 2)}`);
  }
  assert.deepEqual(emu.violations, []);
});

test('given IDENTIFY with a shard outside its count, then the connection is closed with 4010', async (t) => {
  const emu = await startEmulator();
  t.after(() => emu.close());
  const url = emu.apiUrl.replace('http', 'ws').replace('/api', '/gateway');
  for (const shard of [[2, 2], [-1, 2], [0, 0], [0], 'x'])
    assert.equal(
      await identify(url, { token: emu.token, intents: 1, properties: {}, shard }),
      4010,
      JSON.stringify(shard),
    );
});

test('given more servers than one connection may hold, then an unsharded IDENTIFY gets 4011 and GET /gateway/bot recommends enough shards', async (t) => {
  const emu = await startEmulator({
    guilds: shardedGuilds(MAX_GUILDS_PER_SHARD + 1, CHANNEL),
    maxConcurrency: 4,
  });
  t.after(() => emu.close());
  const url = emu.apiUrl.replace('http', 'ws').replace('/api', '/gateway');
  assert.equal(await identify(url, { token: emu.token, intents: 1, properties: {} }), 4011);
  const res = await fetch(`${emu.apiUrl}/v10/gateway/bot`, {
    headers: { authorization: `Bot ${emu.token}`, 'user-agent': 'DiscordBot (test, 1.0)' },
  });
  const body = (await res.json()) as { shards: number; session_start_limit: { max_concurrency: number } };
  assert.equal(body.shards, 3);
  assert.equal(body.session_start_limit.max_concurrency, 4);
});
