import { stemmer } from 'stemmer';
import { loadBank } from './src/bank/load.ts';
import { matchKeyPoints } from './src/core/keypoints.ts';

const { bank } = await loadBank('questions');
const words = (s: string) =>
  new Set(
    (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2).map((w) => stemmer(w)),
  );
const out: string[] = [];
for (const x of bank!.questions) {
  const m = matchKeyPoints(x.answer, x.keyPoints);
  for (const i of m.missed) {
    const kp = x.keyPoints[i]!;
    const kw = words(kp.text);
    const sentences = x.answer.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
    const best = sentences
      .map((s) => [[...words(s)].filter((w) => kw.has(w)).length, s] as const)
      .sort((a, b) => b[0] - a[0])[0];
    out.push(
      `## ${x.id} #${i + 1} [${x.source.file.split('/').pop()}]\nKP: ${kp.text}${kp.needs ? ' NEEDS ' + JSON.stringify(kp.needs) : ''}\nBEST: ${best?.[1].slice(0, 330)}`,
    );
  }
}
process.stdout.write(out.join('\n') + '\n');
