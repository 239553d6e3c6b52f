// `npm run eval:keypoints [-- --verbose]`: how honest the key-point feedback is on the labelled set.
import { resolve } from 'node:path';
import { loadBank } from '../../src/bank/load.ts';
import { evaluate } from './evaluate.ts';
import { type Figures, score } from './score.ts';
import { loadEvalSet } from './set.ts';

export const TARGETS = { strongRecall: 0.85, falseCreditShare: 0.03 } as const;

const verbose = process.argv.includes('--verbose');
const { bank, problems } = await loadBank(resolve('questions'));
if (!bank) {
  console.error(`The bank has ${problems.length} problem(s); run npm run bank:check.`);
  process.exit(1);
}
const setDir = process.argv.includes('--holdout')
  ? 'test/fixtures/keypoint-eval/holdout'
  : 'test/fixtures/keypoint-eval';
const verdicts = evaluate(bank.questions, loadEvalSet(resolve(setDir)));

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, f: Figures) =>
  [
    name.padEnd(28),
    String(f.answers).padStart(4),
    pct(f.strongRecall).padStart(8),
    pct(f.precision).padStart(8),
    f.falseCreditsPerAnswer.buzzword.toFixed(2).padStart(8),
    f.falseCreditsPerAnswer.wrong.toFixed(2).padStart(8),
    pct(f.falseCreditShare).padStart(8),
  ].join(' ');

console.log(
  `${'topic'.padEnd(28)} ${'n'.padStart(4)} ${'recall'.padStart(8)} ${'prec.'.padStart(8)} ${'fc/buzz'.padStart(8)} ${'fc/wrong'.padStart(8)} ${'fc share'.padStart(8)}`,
);
for (const topic of [...new Set(verdicts.map((v) => v.topic))].sort()) {
  console.log(row(topic, score(verdicts.filter((v) => v.topic === topic))));
}
const all = score(verdicts);
console.log(row('all', all));
console.log(
  `\nrecall on strong answers ${pct(all.strongRecall)} (target ≥ ${pct(TARGETS.strongRecall)}); ` +
    `false credits on buzzword + wrong answers ${all.falseCredits} of ${all.credited} credited points = ` +
    `${pct(all.falseCreditShare)} (target ≤ ${pct(TARGETS.falseCreditShare)}); precision ${pct(all.precision)}`,
);

if (verbose) {
  for (const v of verdicts) {
    const truth = new Set(v.answer.covers);
    const found = new Set(v.credited);
    const falseCredits = v.credited.filter((i) => !truth.has(i)).map((i) => i + 1);
    const missed = v.answer.covers.filter((i) => !found.has(i)).map((i) => i + 1);
    if (falseCredits.length + missed.length === 0) continue;
    console.log(
      `${v.answer.at} ${v.answer.questionId} ${v.answer.kind}: false ${falseCredits.join(',') || '-'} missed ${missed.join(',') || '-'}`,
    );
    for (const e of v.evidence.filter((e) => !truth.has(e.point)))
      console.log(`    + ${e.point + 1}: "${e.quote}"`);
    for (const i of v.answer.covers.filter((i) => !found.has(i)))
      console.log(`    - ${i + 1}: ${v.keyPointTexts[i]}`);
  }
}
const met = all.strongRecall >= TARGETS.strongRecall && all.falseCreditShare <= TARGETS.falseCreditShare;
process.exitCode = met ? 0 : 1;
