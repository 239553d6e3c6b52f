// npm run mutate [-- scope…]: StrykerJS over each scope (core, store, daily, services; all by
// default), one after the other (each uses both cores), then a table of the scores from the JSON
// reports. Incremental: a scope re-runs only mutants whose code or tests changed since its last run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mutationScore, SCOPES, type Scope, type StrykerReport, scopeOf } from './scores.ts';

const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !SCOPES.some((s) => s.name === a));
if (unknown.length > 0) {
  console.error(
    `Unknown scope ${unknown.join(', ')}; the scopes are ${SCOPES.map((s) => s.name).join(', ')}.`,
  );
  process.exit(2);
}
const scopes: Scope[] = asked.length > 0 ? asked.map(scopeOf) : [...SCOPES];

let failed = false;
for (const scope of scopes) {
  console.log(`\n== mutation testing: ${scope.name} (${scope.config})`);
  const run = spawnSync('npx', ['stryker', 'run', scope.config], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}

console.log('\n| scope | score | target | killed | timeout | survived | no coverage | ignored |');
console.log('|---|---|---|---|---|---|---|---|');
for (const scope of scopes) {
  if (!existsSync(scope.report)) {
    console.log(`| ${scope.name} | (no report) | ≥ ${scope.target} % | | | | | |`);
    continue;
  }
  const s = mutationScore(JSON.parse(readFileSync(scope.report, 'utf8')) as StrykerReport);
  console.log(
    `| ${scope.name} | ${s.score.toFixed(1)} % | ≥ ${scope.target} % | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.ignored} |`,
  );
}
process.exit(failed ? 1 : 0);
