// A server's own questions go through the shared bank's parser and schema: a form (/bank add,
// edit, suggest) is written out in the bank's markdown format and validated like a bank file, and
// an import is a bank file. Problems come back per form field, or as `line: message` for a file.
// The reverse, questionMarkdown, writes a question in the bank format (/bank export, edit forms).
import { slugOf } from '../core/bank.ts';
import type { FormField, FormProblem, QuestionForm, QuestionRules } from '../core/question-form.ts';
import type { Question, Topic } from '../core/types.ts';
import { stageName } from '../core/types.ts';
import { validateQuestions } from './load.ts';
import { type BankProblem, parseBankFile } from './parse.ts';
import { ID_PATTERN } from './schema.ts';
import { resolveTopic } from './topics.ts';

/** A slug from a title: lowercase words joined by "-", at most 50 characters, never empty. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 50) break;
    slug = next;
  }
  return ID_PATTERN.test(slug) ? slug : 'question';
}

function keyPointLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s*/, '').trim())
    .filter(Boolean);
}

/**
 * Validates a form as the bank would validate the same question in a file. `slug` is the id it will
 * have (without `srv.`).
 */
export function validateForm(
  form: QuestionForm,
  slug: string,
  topics: readonly Topic[],
): { question?: Question; problems: FormProblem[] } {
  const lines: { text: string; field: FormField | undefined }[] = [];
  const add = (field: FormField | undefined, ...texts: string[]) => {
    for (const text of texts) for (const line of text.split('\n')) lines.push({ text: line, field });
  };
  // A topic may be typed as its slug, its name or an alias ("eval", "Evaluation and statistics").
  const typed = form.topic
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = typed.filter((t) => !resolveTopic(topics, t));
  const slugs = typed.map((t) => resolveTopic(topics, t) ?? t);
  add('title', `## ${form.title.replace(/\s+/g, ' ').trim()}`);
  add(undefined, '', `- id: \`${slug}\``);
  add('topic', `- topics: ${slugs.join(', ')}`);
  add('difficulty', `- difficulty: ${form.difficulty.trim().toLowerCase()}`);
  add(undefined, '');
  add('keyPoints', '### Key points', ...keyPointLines(form.keyPoints).map((p) => `- ${p}`));
  add(undefined, '');
  add('answer', '### Answer', form.answer.trim());
  const markdown = lines.map((l) => l.text).join('\n');
  const fieldAt = (line: number) => lines[line - 1]?.field;

  const parsed = parseBankFile('form', markdown);
  const problems: FormProblem[] = parsed.problems.map((p) => ({
    field: fieldAt(p.line),
    message: p.message,
  }));
  // Checked here too, so a topic problem is named with the others (the schema stops at the first field's).
  const topicProblems: FormProblem[] = unknown.map((t) => ({
    field: 'topic',
    message: `unknown topic "${t.slice(0, 40)}"`,
  }));
  if (parsed.questions.length > 1) {
    problems.push({
      field: 'answer',
      message:
        'the answer has a "## " heading, which would start another question: use "**bold**" or "###" instead',
    });
  }
  if (problems.length > 0) return { problems: [...problems, ...topicProblems] };
  const validated = validateQuestions(parsed.questions, topics);
  if (!validated.bank) {
    const schemaProblems = validated.problems
      .map((p) => ({ field: fieldAt(p.line), message: p.message }))
      .filter((p) => p.field !== 'topic' || topicProblems.length === 0);
    return { problems: [...schemaProblems, ...topicProblems] };
  }
  const question = validated.bank.questions[0];
  return question ? { question, problems: [] } : { problems: [{ field: undefined, message: 'no question' }] };
}

/** An import may hold a thousand questions (about 2 MB); the parser stays linear on it. */
export const MAX_IMPORT_CHARS = 4_000_000;

/** An uploaded bank file: every question valid, or `line: message` problems and nothing else. */
export function validateImport(
  text: string,
  topics: readonly Topic[],
): { questions?: readonly Question[]; problems: BankProblem[] } {
  const parsed = parseBankFile('import', text, MAX_IMPORT_CHARS);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const validated = validateQuestions(parsed.questions, topics);
  return validated.bank
    ? { questions: validated.bank.questions, problems: [] }
    : { problems: validated.problems };
}

/** The form a question fills in (to edit it): key points one per line with their suffixes. */
export function formOf(q: Question): QuestionForm {
  return {
    title: q.title,
    topic: q.topics.join(', '),
    difficulty: q.difficulty,
    keyPoints: q.keyPoints.map(keyPointSource).join('\n'),
    answer: q.answer,
  };
}

function keyPointSource(point: Question['keyPoints'][number]): string {
  const stage = point.stage ? `${stageName(point.stage)}: ` : '';
  const also = point.synonyms.length ? ` (also: ${point.synonyms.join(', ')})` : '';
  const needs = point.needs?.length ? ` (needs: ${point.needs.map((g) => g.join(' | ')).join('; ')})` : '';
  return `${stage}${point.text}${also}${needs}`;
}

/** One question in the bank's markdown format, under its slug (what `bank:check` reads back). */
export function questionMarkdown(q: Question): string {
  const out = [
    `## ${q.title}`,
    '',
    `- id: \`${slugOf(q.id)}\``,
    `- topics: ${q.topics.join(', ')}`,
    `- difficulty: ${q.difficulty}`,
    ...(q.kind === 'concept' ? [] : [`- kind: ${q.kind}`]),
    '',
    '### Key points',
    ...q.keyPoints.map((p) => `- ${keyPointSource(p)}`),
    '',
    '### Answer',
    q.answer.trim(),
  ];
  if (q.followUps?.length) out.push('', '### Follow-ups', ...q.followUps.map((f) => `- ${f}`));
  if (q.redFlags?.length) out.push('', '### Red flags', ...q.redFlags.map((f) => `- ${f}`));
  return out.join('\n');
}

/** A whole set of questions as one bank file. */
export function bankFileMarkdown(title: string, questions: readonly Question[]): string {
  return `# ${title}\n\n${questions.map(questionMarkdown).join('\n\n')}\n`;
}

/** The bank's rules, as the services receive them. */
export const questionRules: QuestionRules = {
  validateForm,
  validateImport,
  slugFromTitle,
  formOf,
  bankFile: bankFileMarkdown,
};
