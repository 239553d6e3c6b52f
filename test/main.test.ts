// `npm start` as a user runs it: a child process reading its environment.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator } from '../tools/emulator/index.ts';

function start(env: Record<string, string>) {
  return spawnWith(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);
}

function spawnWith(
  command: string,
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output: () => string; exited: Promise<number | null> } {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Object.assign(child, { output: () => out, exited });
}

// `npm start` itself (the compiled bot of a pruned install) is tested in install.test.ts.
test('given no DISCORD_TOKEN, when the bot starts, then it exits 1 and says what to do', async () => {
  const child = start({ DISCORD_TOKEN: '' });
  assert.equal(await child.exited, 1);
  assert.match(child.output(), /DISCORD_TOKEN is not set/);
  assert.match(child.output(), /npm run sandbox/);
});

test('given a bad variable, when npm start runs, then it exits 1 naming the variable', async () => {
  const child = start({ DISCORD_TOKEN: 'x'.repeat(30), LOG_LEVEL: 'chatty' });
  assert.equal(await child.exited, 1);
  assert.match(child.output(), /LOG_LEVEL:/);
});

test('given an invalid question bank, when npm start runs, then it refuses to start with file:line problems', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bank-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync('questions/03-formats.md', join(dir, '03-formats.md'));
  cpSync('questions/topics.md', join(dir, 'topics.md'));
  writeFileSync(join(dir, 'broken.md'), '## A question without metadata\n\nSome answer.\n');
  const child = start({ DISCORD_TOKEN: 'x'.repeat(30), QUESTIONS_DIR: dir });
  assert.equal(await child.exited, 1);
  assert.match(child.output(), /broken\.md:1: /);
  assert.match(child.output(), /will not start/);
});

test('given the emulator, when npm start runs, then the bot comes up, serves /question, and stops cleanly on SIGTERM', async (t) => {
  const emu = await startEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'start-'));
  t.after(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const child = start({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DATABASE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    LOG_LEVEL: 'info',
  });
  t.after(() => child.kill('SIGKILL'));
  await emu.waitForReady(20_000);
  const user = { id: '200000000000000999', username: 'zoe' };
  // Commands are registered right after READY; wait for them so options are typed.
  for (let i = 0; i < 100 && emu.registeredCommands().length === 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  const reply = await emu
    .slash({ user, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse(10_000);
  assert.match(reply.data.embeds[0].title, /DICOM/);
  child.kill('SIGTERM');
  assert.equal(await child.exited, 0);
  assert.match(child.output(), /"msg":"bot ready"/);
  assert.match(child.output(), /"msg":"shutting down"/);
  assert.ok(!child.output().includes(emu.token), 'the token never reaches the logs');
});
