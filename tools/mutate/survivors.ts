// npm run mutate:survivors -- <scope> [--unaccounted]: every surviving or uncovered mutant of a
// scope's last run, as file:line, mutator and replacement, to be killed by a test or listed as
// equivalent (docs/mutation-survivors.md); with --unaccounted, only those whose line the document's
// row for their file does not name (exit code 1 if there are any).
import { readFileSync } from 'node:fs';
import { namedLines, unaccounted } from './accounts.ts';
import { scopeOf } from './scores.ts';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

const args = process.argv.slice(2);
const onlyUnaccounted = args.includes('--unaccounted');
const scope = scopeOf(args.find((a) => !a.startsWith('--')) ?? 'core');
const named = onlyUnaccounted
  ? namedLines(readFileSync('docs/mutation-survivors.md', 'utf8'), scope.name)
  : undefined;
let listed = 0;
const report = JSON.parse(readFileSync(scope.report, 'utf8')) as {
  files: Record<string, { mutants: Mutant[] }>;
};
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    if (named && unaccounted([{ file, line: m.location.start.line }], named).length === 0) continue;
    listed++;
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
    console.log(`${file}:${m.location.start.line}\t${m.status}\t${m.mutatorName}\t${replacement}`);
  }
}
if (named) {
  console.log(
    `${listed} survivor${listed === 1 ? '' : 's'} of ${scope.name} not accounted for in docs/mutation-survivors.md`,
  );
  if (listed > 0) process.exitCode = 1;
}
