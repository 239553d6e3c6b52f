// The benchmark runner: `npm run bench [-- <suite>... ] [--quick] [--inproc] [--profile]`.
// Prints one table per suite (figure, baseline measured in the same run, ratio, target) and merges
// the results into bench/results.json. Benchmarks are never asserted in tests.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { codeVersion, machine } from './lib/machine.ts';
import { formatTable, type Suite, type SuiteResult } from './lib/report.ts';
import { fanout } from './suites/fanout.ts';
import { interaction, interactionPostgres } from './suites/interaction.ts';
import { leaderboard } from './suites/leaderboard.ts';
import { matcher } from './suites/matcher.ts';
import { memory } from './suites/memory.ts';
import { shards } from './suites/shards.ts';
import { startup } from './suites/startup.ts';

const SUITES: Suite[] = [
  startup,
  memory,
  leaderboard,
  fanout,
  interaction,
  interactionPostgres,
  shards,
  matcher,
];
const FLAGS = new Set(['--quick', '--inproc', '--profile', '--help']);
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results.json');

const USAGE = `Usage: npm run bench [-- <suite>...] [--quick] [--inproc] [--profile]

Suites (all when none is named):
${SUITES.map((s) => `  ${s.name.padEnd(12)} ${s.description}`).join('\n')}

  --quick    a smaller run (fewer interactions, users, runs), for a quick check
  --inproc   interaction suite: run the bot and the pong client in this process instead of children
  --profile  interaction suite: write the bot child's CPU profile to bench/profiles/ (node --cpu-prof)`;

interface ResultsFile {
  /** The bot's code measured by the last run (each suite also records its own). */
  commit: string;
  dirty: boolean;
  node: string;
  cpu: string;
  cores: number;
  totalMemoryMB: number;
  date: string;
  suites: Record<string, SuiteResult>;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith('-') && !FLAGS.has(a));
  const names = args.filter((a) => !a.startsWith('-'));
  const badNames = names.filter((n) => !SUITES.some((s) => s.name === n));
  if (args.includes('--help') || unknown.length || badNames.length) {
    if (unknown.length || badNames.length)
      process.stderr.write(`Unknown: ${[...unknown, ...badNames].join(', ')}\n\n`);
    process.stdout.write(`${USAGE}\n`);
    return unknown.length || badNames.length ? 2 : 0;
  }
  const quick = args.includes('--quick');
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const chosen = names.length ? SUITES.filter((s) => names.includes(s.name)) : SUITES;

  const m = machine();
  const code = codeVersion();
  process.stdout.write(
    `# bench: commit ${code.commit}${code.dirty ? ' + local changes' : ''}, node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.totalMemoryMB} MB RAM${quick ? ', --quick' : ''}\n\n`,
  );
  const results: SuiteResult[] = [];
  let failed = false;
  const started = performance.now();
  for (const suite of chosen) {
    const t0 = performance.now();
    process.stderr.write(`[bench] ${suite.name}...\n`);
    try {
      const r = await suite.run({
        quick,
        flags,
        log: (message) => process.stderr.write(`[bench] ${message}\n`),
      });
      const result: SuiteResult = {
        suite: suite.name,
        commit: `${code.commit}${code.dirty ? '+dirty' : ''}`,
        quick,
        date: new Date().toISOString(),
        durationS: (performance.now() - t0) / 1000,
        ...r,
      };
      results.push(result);
      process.stdout.write(`${formatTable(result)}\n\n`);
    } catch (err) {
      failed = true;
      process.stderr.write(
        `[bench] ${suite.name} failed: ${err instanceof Error ? err.stack : String(err)}\n`,
      );
    }
  }

  // Merge: a single-suite run replaces that suite's entry and keeps the others (each has its date).
  let previous: Partial<ResultsFile> = {};
  if (existsSync(RESULTS)) {
    try {
      previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
    } catch {
      previous = {};
    }
  }
  const file: ResultsFile = {
    commit: code.commit,
    dirty: code.dirty,
    node: m.node,
    cpu: m.cpu,
    cores: m.cores,
    totalMemoryMB: m.totalMemoryMB,
    date: new Date().toISOString(),
    suites: { ...(previous.suites ?? {}), ...Object.fromEntries(results.map((r) => [r.suite, r])) },
  };
  writeFileSync(RESULTS, `${JSON.stringify(file, null, 2)}\n`);
  const missed = results.flatMap((r) =>
    r.figures.filter((f) => f.met === false).map((f) => `${r.suite}: ${f.name}`),
  );
  process.stdout.write(
    `Total ${((performance.now() - started) / 1000).toFixed(0)} s. Targets missed${quick ? ' (indicative only: --quick has a quarter of the samples, so a p99 is the third-worst of 250; judge targets on a full run)' : ''}: ${missed.length ? `\n  ${missed.join('\n  ')}` : 'none'}\nResults: ${RESULTS}\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
