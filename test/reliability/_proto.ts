import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.ts';
import { answerFlow, answerText, botEnv, pressGrade, spawnBot, waitUntilServing } from './helpers.ts';

const emu = await startEmulator({ token: 'reliability-crash-token-000000000000' });
const dir = mkdtempSync(join(tmpdir(), 'rel-'));
let t0 = performance.now();
const bot = spawnBot(botEnv(emu, join(dir, 'bot.sqlite')));
const probe = { id: '290000000000000001', username: 'probe' };
console.log('probes', await waitUntilServing(emu, probe), 'ready after', performance.now() - t0);
const u = { id: '290000000000000002', username: 'u' };
t0 = performance.now();
const run = await answerFlow(emu, u, 'dicom-basics', answerText('x1'));
console.log(
  'answer flow',
  performance.now() - t0,
  run.submit.responses.map((r) => [r.kind, r.callbackType, Math.round(r.latencyMs)]),
);
t0 = performance.now();
console.log(await pressGrade(emu, u, run.buttons, 'n'), performance.now() - t0);
bot.child.kill('SIGKILL');
console.log(await bot.exited);
t0 = performance.now();
const bot2 = spawnBot(botEnv(emu, join(dir, 'bot.sqlite')));
console.log('probes', await waitUntilServing(emu, probe), 'ready after', performance.now() - t0);
console.log(await pressGrade(emu, u, run.buttons, 'n'));
bot2.child.kill('SIGTERM');
console.log(await bot2.exited, bot.output(), bot2.output());
await emu.close();
