import { loadBank } from './src/bank/load.ts';
import { lintKeyPoints } from './src/bank/lint.ts';
const { bank, keyPointLines } = await loadBank('questions');
const warnings = lintKeyPoints(bank!.questions, keyPointLines);
const rows: [number, string][] = [];
for (const w of warnings) {
  const m = /key point (\d+): (\d+) other questions' model answers earn it \(([^)]*)\)/.exec(w.message);
  if (!m) continue;
  const q = bank!.questions.find((x) => x.source.file === w.file && (keyPointLines!.get(x.id) ?? []).includes(w.line))!;
  const kp = q.keyPoints[Number(m[1]) - 1]!;
  rows.push([Number(m[2]), `${q.id}#${m[1]} (${m[2]}: ${m[3]}) | ${kp.text}${kp.needs ? ' | needs ' + JSON.stringify(kp.needs) : ''}`]);
}
rows.sort((a, b) => b[0] - a[0]);
for (const [, r] of rows.slice(0, Number(process.argv[2] ?? 40))) console.log(r);
console.log(rows.length);
