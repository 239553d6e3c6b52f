// `npm run emulator`: the emulator on its own, for running `npm start` processes against it by hand.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/emulator/main.ts', ...args], {
    cwd: ROOT,
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  return { child, output: () => out };
}

test('given npm run emulator with 8 servers, when a bot asks GET /gateway/bot with the printed variables, then it is answered, and Ctrl-C stops it cleanly', async (t) => {
  const { child, output } = run(['--servers', '8']);
  t.after(() => child.kill('SIGKILL'));
  const deadline = Date.now() + 20_000;
  while (!/DISCORD_TOKEN=\S+/.test(output())) {
    assert.ok(Date.now() < deadline, output());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const apiUrl = /DISCORD_API_URL=(\S+)/.exec(output())![1]!;
  const token = /DISCORD_TOKEN=(\S+)/.exec(output())![1]!;
  assert.match(output(), /SHARD_COUNT=4 SHARDS=0-1 npm start/);
  const res = await fetch(`${apiUrl}/v10/gateway/bot`, { headers: { Authorization: `Bot ${token}` } });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { shards: number }).shards, 1);
  child.kill('SIGINT');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('given npm run emulator with a bad --servers, then it says how to use it and exits 2', async () => {
  const { child, output } = run(['--servers', 'many']);
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(output(), /--servers must be 1-100000[\s\S]*Usage: npm run emulator/);
});
