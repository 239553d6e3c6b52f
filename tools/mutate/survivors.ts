// npm run mutate:survivors -- <scope>: every surviving or uncovered mutant of a scope's last run, as
// file:line, mutator and replacement, to be killed by a test or listed as equivalent (docs/testing.md).
import { readFileSync } from 'node:fs';
import { scopeOf } from './scores.ts';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

const scope = scopeOf(process.argv[2] ?? 'core');
const report = JSON.parse(readFileSync(scope.report, 'utf8')) as {
  files: Record<string, { mutants: Mutant[] }>;
};
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
    console.log(`${file}:${m.location.start.line}\t${m.status}\t${m.mutatorName}\t${replacement}`);
  }
}
