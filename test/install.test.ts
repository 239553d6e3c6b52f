// A production install as an admin (or deploy/Dockerfile) makes it: build once, prune the dev tools,
// then run only compiled JS. The copy's node_modules is a hard-linked copy of this checkout's (so the
// test needs no network); everything after that is the exact command sequence of the Dockerfile.
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator } from '../tools/emulator/index.ts';

const ROOT = process.cwd();
/** Only what a run needs: no stray .env or developer DISCORD_TOKEN from the test runner. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' });

function run(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: { ...baseEnv(), ...env }, encoding: 'utf8', timeout: 120_000 });
}

/** For commands that talk to the emulator, which lives in this process: spawnSync would block it. */
function runAsync(cwd: string, command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function ok(r: { status: number | null; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.status, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('given a pruned production install (build, then npm prune --omit=dev), then npm start, bank:check, deploy-commands and backup run compiled JS without dev tools', async (t) => {
  const app = mkdtempSync(join(tmpdir(), 'install-'));
  t.after(() => rmSync(app, { recursive: true, force: true }));
  for (const entry of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'src',
    'commands',
    'questions',
  ]) {
    cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
  }
  ok(run(app, 'cp', ['-al', join(ROOT, 'node_modules'), join(app, 'node_modules')]), 'copying node_modules');

  const dockerfile = readFileSync(join(ROOT, 'deploy', 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /RUN npm ci --no-audit --no-fund\n/);
  assert.match(dockerfile, /RUN npm run build && npm prune --omit=dev --no-audit --no-fund\n/);
  const start = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.replace(/^exec /, '');
  assert.match(
    dockerfile,
    new RegExp(
      `CMD \\[${start
        .split(' ')
        .map((w) => `"${w.replace(/[.]/g, '\\.')}"`)
        .join(', ')}\\]`,
    ),
  );

  ok(run(app, 'npm', ['run', 'build']), 'npm run build');
  ok(run(app, 'npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--offline']), 'npm prune');
  for (const devTool of ['typescript', 'tsx', '@biomejs/biome', 'discord-api-spec', 'fast-check']) {
    assert.ok(!existsSync(join(app, 'node_modules', devTool)), `${devTool} is not installed`);
  }

  await t.test('then npm start without a token exits 1 and says what to do', () => {
    const r = run(app, 'npm', ['start'], { DISCORD_TOKEN: '' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /DISCORD_TOKEN is not set/);
    assert.match(r.stderr, /npm run sandbox/);
  });

  await t.test('then npm run bank:check validates the bank', () => {
    assert.match(
      ok(run(app, 'npm', ['run', 'bank:check']), 'bank:check'),
      /questions in questions, no problems/,
    );
  });

  const emu = await startEmulator();
  t.after(() => emu.close());
  const env = {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DATABASE_URL: `sqlite://${join(app, 'data', 'bot.sqlite')}`,
    LOG_LEVEL: 'info',
  };

  await t.test('then npm run deploy-commands registers the commands', async () => {
    ok(await runAsync(app, 'npm', ['run', 'deploy-commands'], env), 'deploy-commands');
    assert.ok(emu.registeredCommands().some((c) => (c as { name: string }).name === 'question'));
  });

  /** Starts a command in the app folder and waits until the bot answers /question on the emulator. */
  async function serve(command: string, args: string[]) {
    const child = spawn(command, args, {
      cwd: app,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    for (let i = 0; i < 600 && !/"msg":"bot ready"/.test(out); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /"msg":"bot ready"/);
    const reply = await emu
      .slash({
        user: { id: '200000000000000888', username: 'pat' },
        name: 'question',
        options: { id: 'dicom-basics' },
      })
      .firstResponse(10_000);
    assert.match(String(reply.data.embeds?.[0]?.title), /DICOM/);
    return { child, exited, output: () => out };
  }

  await t.test(
    'then npm start serves /question through the emulator and npm run backup copies the live store',
    async () => {
      const bot = await serve('npm', ['start']);
      const backup = join(app, 'backup.sqlite');
      assert.match(
        ok(await runAsync(app, 'npm', ['run', 'backup', '--', backup], env), 'backup'),
        /Backed up \d+ records/,
      );
      // npm forwards SIGTERM to the bot (the script execs node, so no shell swallows it), then ends
      // itself by the same signal.
      bot.child.kill('SIGTERM');
      await bot.exited;
      // npm may end before the bot has closed the store; the bot releases it last.
      const lock = join(app, 'data', 'bot.sqlite.pid');
      for (let i = 0; i < 200 && existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(!existsSync(lock), 'the store was released');
    },
  );

  await t.test(
    "then the Dockerfile's and the systemd unit's command serves and exits 0 on SIGTERM",
    async () => {
      const [node, ...args] = start.split(' ');
      const bot = await serve(node === 'node' ? process.execPath : node!, args);
      bot.child.kill('SIGTERM');
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      assert.match(bot.output(), /"msg":"shutting down"/);
    },
  );
});

test('given the systemd unit, then systemd-analyze verify accepts it without a warning', (t) => {
  if (spawnSync('systemd-analyze', ['--version']).status !== 0) {
    // CI installs systemd (.ci/run); a developer machine without it cannot check the unit.
    assert.ok(!process.env.CI, 'systemd-analyze is required in CI');
    t.skip('systemd-analyze is not installed');
    return;
  }
  const unit = join(ROOT, 'deploy', 'imaging-interview-bot.service');
  const r = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
  // It exits 0 on some warnings: any output is a problem too. The node it names must exist here.
  const problems = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((line) => line.trim() && !/Command \/usr\/bin\/node is not executable/.test(line));
  assert.deepEqual(problems, []);
  const text = readFileSync(unit, 'utf8');
  assert.match(text, /^Restart=on-failure$/m);
  assert.match(text, /^User=interview-bot$/m);
  assert.match(
    text,
    /^ExecStart=\/usr\/bin\/node --max-semi-space-size=4 \/opt\/imaging-interview-bot\/dist\/src\/main\.js$/m,
  );
  assert.match(text, /^Environment=DATABASE_URL=sqlite:\/\/\/var\/lib\//m);
});
