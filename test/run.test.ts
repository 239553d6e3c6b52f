// Staying up: the bot as `npm start` runs it (a child process) when Discord is not there yet, its
// /healthz endpoint, SIGTERM while it waits, and one bot per store file.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockFileOf } from '../src/store/lock.ts';
import { startEmulator } from '../tools/emulator/index.ts';
import { tempDir } from './helpers/flows.ts';
import { spawnBot } from './reliability/helpers.ts';

/**
 * A free port below the ephemeral range (32768+), so no other test's port-0 server can be handed
 * it between this check and the bot binding it.
 */
async function freePort(): Promise<number> {
  for (let port = 20_000 + (process.pid % 5000); ; port++) {
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
}

/**
 * Holds a port where "Discord" will appear later, dropping every connection meanwhile (so another
 * test's emulator cannot take the port and the bot sees an unreachable Discord).
 */
async function unreachableUntilReleased(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Nothing listens on port 1 (privileged, unused): every connection is refused. */
const NOWHERE = 'http://127.0.0.1:1/api';
/** A token no other test's emulator accepts. */
const TOKEN = 'run-test-token';

async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('given Discord is unreachable at start-up, when it comes up later, then the bot retries with backoff, logs each attempt, reports 503 then 200 on /healthz, and serves', async (t) => {
  const dir = tempDir(t, 'run-');
  const discord = await unreachableUntilReleased();
  const healthPort = await freePort();
  const bot = spawnBot({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: `http://127.0.0.1:${discord.port}/api`,
    DATABASE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    QUESTIONS_DIR: 'questions',
    LOG_LEVEL: 'info',
    HEALTH_PORT: String(healthPort),
  });
  t.after(() => bot.child.kill('SIGKILL'));
  await eventually('two logged retries', () =>
    (bot.output().match(/cannot reach Discord; retrying/g) ?? []).length >= 2 ? true : undefined,
  );
  assert.match(bot.output(), /"attempt":2/);
  const waiting = await health(healthPort);
  assert.equal(waiting.status, 503);
  assert.equal(waiting.body.gateway, 'starting');
  assert.deepEqual(waiting.body.store, { ok: true });
  assert.equal(bot.child.exitCode, null, 'still running');

  await discord.release();
  const emu = await startEmulator({ port: discord.port, token: TOKEN });
  t.after(() => emu.close());
  await emu.waitForReady(30_000);
  const ready = await eventually('healthz 200', async () => {
    const h = await health(healthPort);
    return h.status === 200 ? h : undefined;
  });
  assert.equal(ready.body.gateway, 'ready');
  assert.match(String(ready.body.version), /^\d+\.\d+\.\d+/);
  for (let i = 0; i < 100 && emu.registeredCommands().length === 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  const reply = await emu
    .slash({
      user: { id: '200000000000000777', username: 'ida' },
      name: 'question',
      options: { id: 'dicom-basics' },
    })
    .firstResponse(10_000);
  assert.match(String(reply.data.embeds?.[0]?.title), /DICOM/);
  assert.match(
    bot.output(),
    /"invite":"https:\/\/discord\.com\/oauth2\/authorize\?client_id=\d+&scope=bot\+applications\.commands&permissions=377957239808"/,
  );
  bot.child.kill('SIGTERM');
  assert.equal((await bot.exited).code, 0);
});

test('given the bot waiting for an unreachable Discord, when SIGTERM arrives, then it exits 0 at once and releases the store', async (t) => {
  const dir = tempDir(t, 'run-');
  const file = join(dir, 'bot.sqlite');
  const bot = spawnBot({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: NOWHERE,
    DATABASE_URL: `sqlite://${file}`,
    QUESTIONS_DIR: 'questions',
    LOG_LEVEL: 'info',
  });
  t.after(() => bot.child.kill('SIGKILL'));
  await eventually('a retry', () => (/cannot reach Discord/.test(bot.output()) ? true : undefined));
  bot.child.kill('SIGTERM');
  assert.deepEqual(await bot.exited, { code: 0, signal: null });
  const second = spawnBot({
    DISCORD_TOKEN: 'x'.repeat(30),
    DATABASE_URL: `sqlite://${file}`,
    QUESTIONS_DIR: 'questions',
    DISCORD_API_URL: NOWHERE,
  });
  t.after(() => second.child.kill('SIGKILL'));
  await eventually('the store taken by a new process', () =>
    /cannot reach Discord/.test(second.output()) ? true : undefined,
  );
  second.child.kill('SIGTERM');
  await second.exited;
});

test('given a bot running on a store file, when a second bot starts on the same file, then it refuses with a clear message', async (t) => {
  const dir = tempDir(t, 'run-');
  const file = join(dir, 'bot.sqlite');
  const env = {
    DISCORD_TOKEN: 'x'.repeat(30),
    DATABASE_URL: `sqlite://${file}`,
    QUESTIONS_DIR: 'questions',
    DISCORD_API_URL: NOWHERE,
  };
  const first = spawnBot(env);
  t.after(() => first.child.kill('SIGKILL'));
  await eventually('the first bot holds the store', () =>
    /cannot reach Discord/.test(first.output()) ? true : undefined,
  );
  const second = spawnBot(env);
  assert.equal((await second.exited).code, 1);
  assert.match(
    second.output(),
    new RegExp(`another process \\(pid ${first.child.pid}\\) is running the bot on .*bot\\.sqlite`),
  );
  assert.match(second.output(), new RegExp(lockFileOf('bot.sqlite').replace('.', '\\.')));
});
