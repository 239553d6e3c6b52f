// The labelled key-point evaluation set (test/fixtures/keypoint-eval): per question, answers of four
// kinds, each labelled with the key points (1-based, as shown to users) it truly covers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ANSWER_KINDS = ['strong', 'partial', 'buzzword', 'wrong'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface LabelledAnswer {
  questionId: string;
  kind: AnswerKind;
  text: string;
  /** 0-based indexes of the key points the answer covers. */
  covers: number[];
  /** `file:line` of the answer's heading, for messages. */
  at: string;
}

const SET_FILE = /^\d\d-[a-z-]+\.md$/;

export function loadEvalSet(dir: string): LabelledAnswer[] {
  const files = readdirSync(dir)
    .filter((f) => SET_FILE.test(f))
    .sort();
  return files.flatMap((file) => parseEvalFile(readFileSync(join(dir, file), 'utf8'), file));
}

export function parseEvalFile(text: string, file: string): LabelledAnswer[] {
  const answers: LabelledAnswer[] = [];
  let questionId: string | undefined;
  let current: (LabelledAnswer & { lines: string[] }) | undefined;
  const finish = () => {
    if (!current) return;
    const { lines, ...answer } = current;
    answer.text = lines.join('\n').trim();
    if (answer.text === '') throw new Error(`${answer.at}: the answer is empty`);
    answers.push(answer);
    current = undefined;
  };
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    const question = /^## (\S+)\s*$/.exec(line);
    if (question) {
      finish();
      questionId = question[1];
      return;
    }
    const kind = /^### (\S+)\s*$/.exec(line);
    if (kind) {
      finish();
      if (!questionId) throw new Error(`${at}: an answer before any "## <question id>"`);
      if (!(ANSWER_KINDS as readonly string[]).includes(kind[1] ?? '')) {
        throw new Error(`${at}: unknown answer kind "${kind[1]}" (${ANSWER_KINDS.join(', ')})`);
      }
      current = { questionId, kind: kind[1] as AnswerKind, text: '', covers: [], at, lines: [] };
      return;
    }
    if (!current) return;
    const covers = /^covers:\s*(.*)$/.exec(line);
    if (covers && current.lines.length === 0) {
      current.covers = parseCovers(covers[1] ?? '', at);
      return;
    }
    current.lines.push(line);
  });
  finish();
  return answers;
}

function parseCovers(list: string, at: string): number[] {
  if (list.trim() === 'none') return [];
  return list.split(',').map((item) => {
    const n = Number(item.trim());
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${at}: "covers:" takes key point numbers from 1, or "none"`);
    return n - 1;
  });
}
