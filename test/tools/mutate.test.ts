import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mutationScore } from '../../tools/mutate/scores.ts';

test("given a Stryker report, when it is scored, then detected (killed and timed out) count over every valid mutant, as Stryker's own score, ignored ones left out", () => {
  const m = (status: string) => ({ status });
  const report = {
    files: {
      'src/a.ts': { mutants: [m('Killed'), m('Killed'), m('Timeout'), m('Survived'), m('Ignored')] },
      'src/b.ts': { mutants: [m('NoCoverage'), m('CompileError'), m('Killed')] },
    },
  };
  assert.deepEqual(mutationScore(report), {
    score: (100 * 4) / 6,
    killed: 3,
    timeout: 1,
    survived: 1,
    noCoverage: 1,
    ignored: 1,
  });
  assert.equal(mutationScore(report, (f) => f === 'src/a.ts').score, 75);
  assert.equal(mutationScore({ files: {} }).score, 100);
});
