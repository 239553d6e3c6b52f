import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namedLines, unaccounted } from '../../tools/mutate/accounts.ts';
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

test('given the survivors document, when a scope is read, then each file of a row gets the lines its parentheses name, alone, listed or as ranges, and other scopes and plain numbers are left out', () => {
  const doc = [
    '## core (`src/core`): 85 %',
    '| file | account |',
    '|---|---|',
    '| `peer.ts`, `rotation.ts` | **Killed since** (254: the nonce), opposites (95, 110-112). **Equivalent**: `a \\|\\| b` (7). Over 40 draws, 2,000 records, 85.3 % (test/x). |',
    '## services (`src/app`)',
    '| `peer.ts` | (300) |',
  ].join('\n');
  const named = namedLines(doc, 'core');
  assert.deepEqual([...(named.get('peer.ts') ?? [])], [254, 95, 110, 111, 112, 7]);
  assert.deepEqual(named.get('rotation.ts'), named.get('peer.ts'));
  assert.deepEqual(
    unaccounted(
      [
        { file: 'src/core/peer.ts', line: 111 },
        { file: 'src/core/peer.ts', line: 40 },
        { file: 'src/core/peer.ts', line: 300 },
        { file: 'src/core/mock.ts', line: 7 },
      ],
      named,
    ),
    [
      { file: 'src/core/peer.ts', line: 40 },
      { file: 'src/core/peer.ts', line: 300 },
      { file: 'src/core/mock.ts', line: 7 },
    ],
  );
});
