// CPU profile of the bot during one practice flow:
//   node --import tsx bench/profile.ts <question|show|submit|grade> [--rate=200] [--count=1000] [--filter=re]
// Runs the flows the chosen one depends on unprofiled, then starts the V8 CPU profiler (the one
// `node --cpu-prof` uses) in the bot's child process for the chosen flow only, writes
// bench/profiles/<flow>@<rate>.cpuprofile (open it in Chrome DevTools or VS Code) and prints a summary.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBank } from '../src/bank/load.ts';
import { FLOWS, type Flow, logFileIn, newRound, runFlow, seedMembers, startTargets } from './lib/flows.ts';
import { summarizeProfile } from './lib/profile-summary.ts';
import { round, summarize } from './lib/stats.ts';

const args = process.argv.slice(2);
const flow = args.find((a) => !a.startsWith('--')) as Flow | undefined;
const opt = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
if (!flow || !FLOWS.includes(flow)) {
  process.stderr.write(
    `usage: bench/profile.ts <${FLOWS.join('|')}> [--rate=200] [--count=1000] [--filter=re]\n`,
  );
  process.exit(2);
}
const rate = Number(opt('rate', '200'));
const count = Number(opt('count', '1000'));
const filter = opt('filter', 'src/|commands/');

const outDir = join(dirname(fileURLToPath(import.meta.url)), 'profiles');
mkdirSync(outDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
const db = join(dir, 'bot.sqlite');
const { bank } = await loadBank('questions');
if (!bank) throw new Error('the question bank is invalid');
const users = await seedMembers(db, bank);
const { bot, pong } = await startTargets({ inproc: false, db, logFile: logFileIn(dir) });
try {
  const warm = newRound();
  for (const f of FLOWS)
    await runFlow({ target: bot, flow: f, rate: 50, from: 0, count: 100, users, round: warm, bank });
  const rnd = newRound();
  const needs = FLOWS.slice(0, FLOWS.indexOf(flow));
  for (const f of needs) {
    if (f === 'show') continue;
    await runFlow({
      target: bot,
      flow: f,
      rate: Math.min(rate, 100),
      from: 0,
      count,
      users,
      round: rnd,
      bank,
    });
  }
  const file = join(outDir, `${flow}@${rate}.cpuprofile`);
  const stop = bot.child!.profile(file);
  const run = await runFlow({ target: bot, flow, rate, from: 0, count, users, round: rnd, bank });
  await stop();
  const s = summarize(run.latencies);
  process.stdout.write(
    `${flow} @${rate}/s × ${count}: p50 ${round(s.p50)} ms, p95 ${round(s.p95)} ms, p99 ${round(s.p99)} ms, CPU ${round(run.cpuPerInteraction, 3)} ms/interaction\n`,
  );
  process.stdout.write(`${summarizeProfile(file, 30, filter)}\n`);
} finally {
  await bot.stop();
  await pong.stop();
  await bot.emu.close();
  await pong.emu.close();
  rmSync(dir, { recursive: true, force: true });
}
