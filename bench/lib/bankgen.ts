// A large, valid question bank in the project's markdown format (questions/README.md): the real
// questions re-emitted with new ids and titles, `perFile` questions per file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank, Question } from '../../src/core/types.ts';
import { questionMarkdown, topicsMarkdown } from '../../tools/fixtures/bank-markdown.ts';

function emit(q: Question, id: string, title: string): string {
  return `${questionMarkdown({ ...q, id, title, answer: q.answer.trim() })}\n`;
}

/** Writes `count` questions into `dir` (created) and returns the number of files. */
export function generateBank(source: Bank, dir: string, count: number, perFile = 40): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'topics.md'), topicsMarkdown(source.topics));
  const questions = source.questions;
  let files = 0;
  for (let start = 0; start < count; start += perFile) {
    const parts = [`# Generated bank, part ${files + 1}\n`];
    for (let i = start; i < Math.min(count, start + perFile); i++) {
      const q = questions[i % questions.length]!;
      const variant = Math.floor(i / questions.length);
      const suffix = `-v${variant}`;
      const id = `${q.id.slice(0, 60 - suffix.length).replace(/-+$/, '')}${suffix}`;
      const title = `${q.title.slice(0, 240)} (variant ${variant})`;
      parts.push(emit(q, id, title));
    }
    writeFileSync(join(dir, `${String(files + 1).padStart(3, '0')}-generated.md`), parts.join('\n'));
    files++;
  }
  return files;
}
