// `npm run bank:check [-- [--strict] [dir]]`: the authors' feedback loop. Problems go to stderr in
// the `file:line: message` form that editors and CI annotate; a clean bank gets a coverage summary.
// Key-point warnings (bank/lint.ts) are printed too, and fail the check only with --strict.
import { type Bank, DIFFICULTIES } from '../core/types.ts';
import { lintKeyPoints } from './lint.ts';
import { formatProblem, loadBank } from './load.ts';

async function main(argv: readonly string[]): Promise<number> {
  const strict = argv.includes('--strict');
  const dir = argv.find((a) => !a.startsWith('--')) ?? process.env.QUESTIONS_DIR ?? 'questions';
  const { bank, problems, keyPointLines } = await loadBank(dir);
  if (problems.length > 0 || !bank) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}\n`);
    return 1;
  }
  const warnings = lintKeyPoints(bank.questions, keyPointLines);
  for (const w of warnings) process.stderr.write(`${formatProblem(w)}\n`);
  if (warnings.length > 0) {
    const s = warnings.length === 1 ? '' : 's';
    process.stderr.write(
      `${warnings.length} key-point warning${s}${strict ? ' (--strict: the check fails)' : ' (pass --strict to fail on them)'}\n`,
    );
    if (strict) return 1;
  }
  process.stdout.write(summary(bank, dir));
  return 0;
}

export function summary(bank: Bank, dir: string): string {
  const count = (pred: (q: Bank['questions'][number]) => boolean) => bank.questions.filter(pred).length;
  const byTopic = bank.topics.map(
    (t) => [`${t.name} (${t.slug})`, count((q) => q.topics.includes(t.slug))] as const,
  );
  const byDifficulty = DIFFICULTIES.map((d) => [d, count((q) => q.difficulty === d)] as const);
  return [
    `${bank.questions.length} questions in ${dir}, no problems`,
    '',
    table('topic', byTopic),
    '(a question with several topics counts once for each)',
    '',
    table('difficulty', byDifficulty),
    '',
  ].join('\n');
}

function table(header: string, rows: readonly (readonly [string, number])[]): string {
  const width = Math.max(header.length, ...rows.map(([name]) => name.length));
  const line = (name: string, n: string) => `${name.padEnd(width)}  ${n.padStart(9)}`;
  return [line(header, 'questions'), ...rows.map(([name, n]) => line(name, String(n)))].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `bank check crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
