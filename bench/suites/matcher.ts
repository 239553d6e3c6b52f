// matcher: the key-point matcher (src/core/keypoints.ts) on what a submit gives it: one answer against
// its question's key points. Answers: the labelled evaluation answers (typical length) and the bank's
// model answers cut to the 4,000-character limit (the longest a member can send). Baseline: the
// matcher as it was before it checked statements, negations and opposites (bench/lib/bag-matcher.ts:
// stems anywhere in the answer), on the same answers in the same run, so the ratio is the price of
// honesty. One SQLite commit (bench/lib/commit-floor.ts) is shown for scale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../../src/bank/load.ts';
import { matchKeyPoints } from '../../src/core/keypoints.ts';
import type { Question } from '../../src/core/types.ts';
import { loadEvalSet } from '../../tools/keypoint-eval/set.ts';
import { bagMatch } from '../lib/bag-matcher.ts';
import { openCommitFloor } from '../lib/commit-floor.ts';
import { fig, type Suite } from '../lib/report.ts';
import { percentile, round } from '../lib/stats.ts';

const MAX_ANSWER = 4000;

function timeEach<T>(items: readonly T[], rounds: number, run: (item: T) => void): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const start = performance.now();
      run(item);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

export const matcher: Suite = {
  name: 'matcher',
  description: 'key-point matcher per answer (typical and 4,000-character answers) vs one SQLite commit',
  async run(ctx) {
    const { bank } = await loadBank(resolve('questions'));
    if (!bank) throw new Error('the bank has problems: run npm run bank:check');
    const byId = new Map(bank.questions.map((q) => [q.id, q]));
    const typical = [
      ...loadEvalSet(resolve('test/fixtures/keypoint-eval')),
      ...loadEvalSet(resolve('test/fixtures/keypoint-eval/holdout')),
    ].map((a) => ({ text: a.text, question: byId.get(a.questionId) as Question }));
    const longest = bank.questions.map((q) => ({
      text: q.answer.repeat(Math.ceil(MAX_ANSWER / q.answer.length)).slice(0, MAX_ANSWER),
      question: q,
    }));
    const rounds = ctx.quick ? 3 : 20;
    // Warm-up: the memos and the JIT, as in a bot that has been running for a while.
    for (const a of [...typical, ...longest]) matchKeyPoints(a.text, a.question.keyPoints);
    ctx.log(`matcher: ${typical.length} typical and ${longest.length} long answers, ${rounds} rounds`);
    for (const a of [...typical, ...longest]) bagMatch(a.text, a.question.keyPoints);
    const typicalMs = timeEach(typical, rounds, (a) => matchKeyPoints(a.text, a.question.keyPoints));
    const typicalBase = timeEach(typical, rounds, (a) => bagMatch(a.text, a.question.keyPoints));
    const longMs = timeEach(longest, rounds, (a) => matchKeyPoints(a.text, a.question.keyPoints));
    const longBase = timeEach(longest, rounds, (a) => bagMatch(a.text, a.question.keyPoints));

    const dir = mkdtempSync(join(tmpdir(), 'bench-matcher-'));
    const floor = await openCommitFloor(join(dir, 'floor.sqlite'));
    const commits: number[] = [];
    try {
      for (let i = 0; i < (ctx.quick ? 100 : 500); i++) {
        const start = performance.now();
        await floor.commit();
        commits.push(performance.now() - start);
      }
    } finally {
      await floor.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const f = (name: string, samples: number[], base: number[], p: number, limit?: number) => {
      const value = percentile(samples, p);
      const baseline = percentile(base, p);
      return fig({
        name: `${name} p${p}`,
        value: round(value, 3),
        unit: 'ms',
        baseline: round(baseline, 3),
        baselineLabel: 'bag-of-stems matcher',
        ...(limit ? { target: `≤ ${limit}× before`, met: value <= limit * baseline } : {}),
      });
    };
    return {
      figures: [
        f('typical answer', typicalMs, typicalBase, 50, 3),
        f('typical answer', typicalMs, typicalBase, 99),
        f('4,000-character answer', longMs, longBase, 50, 3),
        f('4,000-character answer', longMs, longBase, 99),
        fig({
          name: 'one SQLite commit p50 (for scale)',
          value: round(percentile(commits, 50), 3),
          unit: 'ms',
        }),
      ],
      notes: [
        `typical = the ${typical.length} labelled evaluation answers; 4,000-character = each question's model answer repeated to the answer limit, against its own key points`,
        "one commit = the commit floor: one upsert of a submit's three rows (13 kB + 1.5 kB + 1 kB), WAL, synchronous=NORMAL",
      ],
    };
  },
};
