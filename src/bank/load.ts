// Reads and validates the whole bank. A bank is only handed out when it has no problems at all,
// so the bot never serves a half-valid question set.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { core } from 'zod';
import type { Bank, Question, Topic } from '../core/types.ts';
import { type BankProblem, type ParsedQuestion, parseBankFile } from './parse.ts';
import { type AnswerIssueParams, kindProblems, questionSchemaFor } from './schema.ts';
import { parseTopicsFile, TOPICS_FILE } from './topics.ts';

export interface BankResult {
  bank?: Bank;
  problems: BankProblem[];
  /** Line of each key point, by question id (for the key-point lint's `file:line`). */
  keyPointLines?: ReadonlyMap<string, readonly number[]>;
}

/**
 * `topics` undefined: topics.md could not be read, which is reported on its own; questions' topics
 * are then not checked one by one (every one would be "unknown").
 */
export function validateQuestions(
  parsed: readonly ParsedQuestion[],
  topics: readonly Topic[] | undefined,
): BankResult {
  const known = new Map((topics ?? []).map((t) => [t.slug, t.name]));
  const knownList = (topics ?? []).map((t) => t.slug).join(', ');
  const problems: BankProblem[] = [];
  const questions: Question[] = [];
  const firstById = new Map<string, ParsedQuestion>();
  for (const q of parsed) {
    if (q.format === 'seed') {
      problems.push({ file: q.file, line: q.line, message: seedMessage(q) });
      continue;
    }
    const duplicateOf = q.id ? firstById.get(q.id) : undefined;
    if (duplicateOf) {
      problems.push({
        file: q.file,
        line: q.idLine ?? q.line,
        message: `duplicate id "${q.id}": already used at ${formatLocation(duplicateOf.file, duplicateOf.idLine ?? duplicateOf.line)}`,
      });
    } else if (q.id) firstById.set(q.id, q);

    const ofKind = kindProblems(q);
    for (const { path, message } of ofKind) {
      problems.push({
        file: q.file,
        line: issueLine(q, { path }),
        message,
      });
    }
    const result = questionSchemaFor(q.kind).safeParse({
      id: q.id,
      title: q.title,
      topics: q.topics,
      difficulty: q.difficulty,
      kind: q.kind,
      keyPoints: q.keyPoints,
      answer: q.answer,
      followUps: q.followUps?.map((item) => item.text),
      redFlags: q.redFlags?.map((item) => item.text),
      source: { file: q.file, line: q.line },
    });
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({ file: q.file, line: issueLine(q, issue), message: issue.message });
      continue;
    }
    const unknown = topics ? result.data.topics.filter((t) => !known.has(t)) : [];
    for (const t of unknown) {
      problems.push({
        file: q.file,
        line: q.topicsLine ?? q.line,
        message: `unknown topic "${t}" (known: ${knownList}; topics are defined in ${TOPICS_FILE})`,
      });
    }
    if (unknown.length === 0 && !duplicateOf && ofKind.length === 0) {
      questions.push({ ...result.data, topicNames: result.data.topics.map((t) => known.get(t) ?? t) });
    }
  }
  return finish(problems, questions, topics ?? []);
}

/** Files read ahead of the one being parsed. */
const READ_AHEAD = 8;

export async function loadBank(dir: string): Promise<BankResult> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries
      .filter(
        (e) =>
          (e.isFile() || e.isSymbolicLink()) &&
          e.name.endsWith('.md') &&
          e.name.toLowerCase() !== 'readme.md' &&
          e.name !== TOPICS_FILE,
      )
      .map((e) => e.name)
      .sort();
  } catch (err) {
    return {
      problems: [{ file: dir, line: 1, message: `cannot read the question folder (${errorCode(err)})` }],
    };
  }
  if (names.length === 0) {
    return {
      problems: [
        { file: dir, line: 1, message: 'no question files: add *.md files (README.md does not count)' },
      ],
    };
  }
  const problems: BankProblem[] = [];
  const parsed: ParsedQuestion[] = [];
  const topicsFile = join(dir, TOPICS_FILE);
  const topicsText = await readFile(topicsFile, 'utf8').catch((error: unknown) => ({ error }));
  let topics: Topic[] | undefined;
  if (typeof topicsText === 'string') {
    const result = parseTopicsFile(topicsFile, topicsText);
    topics = result.topics;
    problems.push(...result.problems);
  } else {
    problems.push({
      file: topicsFile,
      line: 1,
      message: `cannot read the bank's topics (${errorCode(topicsText.error)}): ${TOPICS_FILE} defines them (see questions/README.md)`,
    });
  }
  // Files are read a few ahead of the one being parsed, so the reads (in libuv's thread pool) overlap
  // the parsing instead of adding to it.
  const files = names.map((name) => join(dir, name));
  const reads = new Map<number, Promise<string | { error: unknown }>>();
  const readAt = (i: number) => {
    const file = files[i];
    if (file !== undefined)
      reads.set(
        i,
        readFile(file, 'utf8').catch((error: unknown) => ({ error })),
      );
  };
  for (let i = 0; i < READ_AHEAD; i++) readAt(i);
  for (const [i, file] of files.entries()) {
    const text = await reads.get(i);
    reads.delete(i);
    readAt(i + READ_AHEAD);
    if (typeof text !== 'string') {
      problems.push({ file, line: 1, message: `cannot read the file (${errorCode(text?.error)})` });
      continue;
    }
    const result = parseBankFile(file, text);
    parsed.push(...result.questions);
    problems.push(...result.problems);
  }
  const validated = validateQuestions(parsed, topics);
  const result = finish([...problems, ...validated.problems], validated.bank?.questions ?? [], topics ?? []);
  const keyPointLines = new Map(parsed.map((q) => [q.id ?? '', (q.keyPoints ?? []).map((k) => k.line)]));
  return { ...result, keyPointLines };
}

/** `file:line: message`, with the file relative to the working directory so editors can jump to it. */
export function formatProblem(p: BankProblem): string {
  return `${formatLocation(p.file, p.line)}: ${p.message}`;
}

function formatLocation(file: string, line: number): string {
  const rel = relative(process.cwd(), resolve(file));
  // Outside the working directory a `../../` chain is harder to read than the path as given.
  return `${rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel}:${line}`;
}

function finish(
  problems: BankProblem[],
  questions: readonly Question[],
  topics: readonly Topic[],
): BankResult {
  if (problems.length > 0) return { problems: sortProblems(problems) };
  return { bank: { questions, byId: new Map(questions.map((q) => [q.id, q])), topics }, problems: [] };
}

function sortProblems(problems: BankProblem[]): BankProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** What locates a problem: a path into the question and, for an answer, an offset in it. */
type Located = Pick<core.$ZodIssue, 'path'> & { code?: string; params?: unknown };

function issueLine(q: ParsedQuestion, issue: Located): number {
  const [field, index] = issue.path;
  switch (field) {
    case 'id':
      return q.idLine ?? q.line;
    case 'topics':
      return q.topicsLine ?? q.line;
    case 'difficulty':
      return q.difficultyLine ?? q.line;
    case 'kind':
      return q.kindLine ?? q.line;
    case 'keyPoints':
      return (
        (typeof index === 'number' ? q.keyPoints?.[index]?.line : undefined) ?? q.keyPointsLine ?? q.line
      );
    case 'answer':
      return answerLine(q, issue);
    case 'followUps':
    case 'redFlags': {
      const items = field === 'followUps' ? q.followUps : q.redFlags;
      const heading = field === 'followUps' ? q.followUpsLine : q.redFlagsLine;
      return (typeof index === 'number' ? items?.[index]?.line : undefined) ?? heading ?? q.line;
    }
    default:
      return q.line;
  }
}

// The answer is a verbatim slice of the file, so counting newlines finds the offending line.
function answerLine(q: ParsedQuestion, issue: Located): number {
  if (q.answerLine === undefined) return q.line;
  const offset =
    issue.code === 'custom' ? (issue.params as Partial<AnswerIssueParams> | undefined)?.offset : undefined;
  if (offset === undefined) return q.answerLine;
  return q.answerLine + (q.answer.slice(0, offset).match(/\n/g)?.length ?? 0);
}

function seedMessage(q: ParsedQuestion): string {
  return `"Q${q.seedNumber ?? '?'}: ..." is in the legacy seed layout without metadata: add "- id:", "- topics:", "- difficulty:", "### Key points" and "### Answer" as described in questions/README.md`;
}

function errorCode(err: unknown): string {
  return err instanceof Error && 'code' in err ? String(err.code) : String(err);
}
