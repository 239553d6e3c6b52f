import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import type { TextChannel } from 'discord.js';
import { alice, DAILY, startBot } from './helpers.ts';

test('given an injected 500 when the bot sends then discord.js retries and exactly one message exists', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
  await channel.send({ content: 'survives' });
  assert.equal(emu.messages(DAILY).length, 1);
  const posts = emu.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DAILY}/messages`);
  assert.deepEqual(
    posts.map((r) => r.status),
    [500, 200],
  );
});

test('given an injected 429 with retryAfterSec when the bot sends then it waits and retries', async (t) => {
  const { emu, client } = await startBot(t);
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  emu.injectFault({ path: /\/messages$/, status: 429, retryAfterSec: 0.3 });
  const start = performance.now();
  await channel.send({ content: 'later' });
  assert.ok(performance.now() - start >= 300, 'waited for Retry-After');
  assert.equal(emu.messages(DAILY).length, 1);
  assert.deepEqual(
    emu.requests.filter((r) => r.method === 'POST').map((r) => r.status),
    [429, 200],
  );
});

test('given an injected 500 on the interaction callback when the bot replies then the retry is the first response', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand()) await i.reply({ content: 'after retry' });
  });
  emu.injectFault({ path: /\/callback$/, status: 503, times: 2 });
  const h = emu.slash({ user: alice, name: 'x' });
  assert.equal((await h.firstResponse()).data.content, 'after retry');
  assert.equal(emu.messages().length, 1);
  assert.deepEqual(emu.violations, []);
});

test('given latency on a route when the bot replies then latencyMs includes it', async (t) => {
  const { emu, client } = await startBot(t);
  client.on('interactionCreate', async (i) => {
    if (i.isChatInputCommand()) await i.reply({ content: 'slow network' });
  });
  emu.setLatency(/\/callback$/, 150);
  const r = await emu.slash({ user: alice, name: 'x' }).firstResponse();
  assert.ok(r.latencyMs >= 150, `latency ${r.latencyMs}`);
});

test('given a global rate limit when the bot bursts then excess requests get 429 global and all eventually succeed', async (t) => {
  const { emu, client } = await startBot(t, { globalRateLimit: 3 });
  const channel = (await client.channels.fetch(DAILY)) as TextChannel;
  await Promise.all(Array.from({ length: 6 }, (_, i) => channel.send({ content: `m${i}` })));
  assert.equal(emu.messages(DAILY).length, 6);
  assert.ok(
    emu.requests.some((r) => r.status === 429),
    'some requests were limited',
  );
});
