// Turns one bank file into loosely typed questions plus structural problems. Nothing is judged
// here beyond structure: load.ts validates every field so one run reports every problem with a line.
import type { Heading, List, ListItem, Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { KeyPoint } from '../core/types.ts';

export interface BankProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedKeyPoint extends KeyPoint {
  line: number;
}

export interface ParsedQuestion {
  file: string;
  /** 'seed' is the legacy `## Q1: title` layout, which has no metadata. */
  format: 'bank' | 'seed';
  title: string;
  /** Line of the `## ` heading. */
  line: number;
  seedNumber?: number;
  id?: string;
  idLine?: number;
  topics?: string[];
  topicsLine?: number;
  /** Raw text; the schema decides whether it is a known difficulty. */
  difficulty?: string;
  difficultyLine?: number;
  keyPoints?: ParsedKeyPoint[];
  /** Line of the `### Key points` heading. */
  keyPointsLine?: number;
  /** Markdown source of the answer, '' when missing. */
  answer: string;
  /** Line of the answer's first character (of `### Answer` itself when the answer is empty). */
  answerLine?: number;
}

export interface ParseResult {
  questions: ParsedQuestion[];
  problems: BankProblem[];
}

export const TEASER = 'The rest of the answer is here.';

// Bank files are a few dozen kB (the largest is under 40 kB); anything far larger is a mistake, and
// refusing it keeps the parser's worst case bounded.
export const MAX_FILE_CHARS = 256_000;

// The markdown parser is super-linear on long runs of container or emphasis markers: 32 kB of `>`
// or of `*_` took over 5 s (found by fuzzing). No real question needs a run like that, so such a
// file is refused before parsing, at the line of the run.
const MARKER_RUN = /(?:[>*_~`[\]][ \t]?){200,}/;

const SEED_HEADING = /^Q(\d+)\s*:\s*(.*)$/s;
// `1.** X-ray**:` in the seed: the list marker is glued to the bold, which breaks both.
const BROKEN_BOLD = /^([ \t]*)(\d{1,9}[.)]|[-+*])\*\*[ \t]+([^*\n]*?[^*\s])[ \t]*\*\*/gm;
const META_ITEM = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/s;
const ALSO_SUFFIX = /\(\s*also\s*:([^()]*)\)\s*$/i;

export function parseBankFile(file: string, text: string): ParseResult {
  const problems: BankProblem[] = [];
  try {
    if (text.length > MAX_FILE_CHARS) {
      problems.push({
        file,
        line: 1,
        message: `file has ${text.length} characters; bank files must stay under ${MAX_FILE_CHARS}`,
      });
      return { questions: [], problems };
    }
    const run = MARKER_RUN.exec(text);
    if (run) {
      problems.push({
        file,
        line: text.slice(0, run.index).split('\n').length,
        message: `a run of ${run[0].length} markdown markers (> * _ ~ \` [ ]); split or remove it`,
      });
      return { questions: [], problems };
    }
    const questions = new FileParser(file, text, problems).parse();
    return { questions, problems: problems.sort((a, b) => a.line - b.line) };
  } catch (err) {
    // The markdown parser is not supposed to throw, but a bad file must never take the bot down.
    problems.push({
      file,
      line: 1,
      message: `could not parse the file: ${err instanceof Error ? err.message : String(err)}`,
    });
    return { questions: [], problems };
  }
}

export function isTeaserLine(line: string): boolean {
  return line.trim().replace(/\.$/, '').toLowerCase() === TEASER.replace(/\.$/, '').toLowerCase();
}

/** Drops teaser lines and repairs glued list markers, the two known defects of the seed. */
export function cleanSeedAnswer(answer: string): string {
  return answer
    .split('\n')
    .filter((line) => !isTeaserLine(line))
    .join('\n')
    .replace(BROKEN_BOLD, '$1$2 **$3**')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Section {
  heading: Heading;
  body: RootContent[];
}

type Part = 'meta' | 'keyPoints' | 'answer' | 'skip';

class FileParser {
  private readonly src: string;

  constructor(
    private readonly file: string,
    text: string,
    private readonly problems: BankProblem[],
  ) {
    // Same line count as the original, so positions still point at the author's lines; micromark
    // would otherwise shift offsets past a BOM.
    this.src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  }

  parse(): ParsedQuestion[] {
    const sections: Section[] = [];
    let current: Section | undefined;
    for (const node of fromMarkdown(this.src).children) {
      if (node.type === 'heading' && this.isAtx(node) && node.depth <= 2) {
        if (node.depth === 2) {
          current = { heading: node, body: [] };
          sections.push(current);
        } else if (current) {
          this.problem(
            node,
            'a `# ` heading is only allowed at the top of a file; start questions with `## `',
          );
          current = undefined;
        }
        continue;
      }
      // Text before the first `## ` (file title, the seed's intro) is for humans only.
      current?.body.push(node);
    }
    if (sections.length === 0) {
      this.problems.push({
        file: this.file,
        line: 1,
        message: 'no questions found: a question starts with a `## ` heading (see questions/README.md)',
      });
    }
    return sections.map((s) => this.parseSection(s));
  }

  private parseSection({ heading, body }: Section): ParsedQuestion {
    const title = this.inlineText(heading.children);
    const seed = SEED_HEADING.exec(title);
    if (seed && !this.hasBankStructure(body)) {
      const first = body[0];
      return {
        file: this.file,
        format: 'seed',
        title: (seed[2] ?? '').trim(),
        seedNumber: Number(seed[1]),
        line: lineOf(heading),
        answer: cleanSeedAnswer(this.slice(body)),
        ...(first ? { answerLine: lineOf(first) } : {}),
      };
    }
    return this.parseBankSection(title, heading, body);
  }

  private parseBankSection(title: string, heading: Heading, body: RootContent[]): ParsedQuestion {
    const q: ParsedQuestion = { file: this.file, format: 'bank', title, line: lineOf(heading), answer: '' };
    let part: Part = 'meta';
    const answerNodes: RootContent[] = [];
    for (const node of body) {
      const section =
        node.type === 'heading' && node.depth === 3 ? subsection(this.inlineText(node.children)) : undefined;
      if (node.type === 'heading' && section === 'keyPoints') {
        part = this.startPart(node, q.keyPointsLine, 'Key points', 'keyPoints');
        q.keyPointsLine ??= lineOf(node);
        q.keyPoints ??= [];
        continue;
      }
      if (node.type === 'heading' && section === 'answer') {
        part = this.startPart(node, q.answerLine, 'Answer', 'answer');
        q.answerLine ??= lineOf(node);
        continue;
      }
      if (node.type === 'html' || part === 'skip') continue; // comments are fine anywhere
      if (part === 'answer') answerNodes.push(node);
      else if (node.type !== 'list') this.unexpected(node, part);
      else if (part === 'keyPoints') q.keyPoints?.push(...node.children.map((item) => this.keyPoint(item)));
      else this.metadata(node, q);
    }
    const first = answerNodes[0];
    if (first) {
      q.answer = this.slice(answerNodes);
      q.answerLine = lineOf(first);
    }
    return q;
  }

  private startPart(node: Heading, seenAt: number | undefined, name: string, part: Part): Part {
    if (seenAt === undefined) return part;
    this.problem(
      node,
      `second \`### ${name}\` in this question (the first is at line ${seenAt}); this one is ignored`,
    );
    return 'skip';
  }

  private unexpected(node: RootContent, part: Part): void {
    this.problem(
      node,
      part === 'keyPoints'
        ? 'expected only a bullet list under `### Key points`'
        : 'unexpected text between the question heading and `### Key points`: metadata is a bullet list like `- id: my-id`; the answer goes under `### Answer`',
    );
  }

  private metadata(list: List, q: ParsedQuestion): void {
    for (const item of list.children) {
      const raw = this.itemText(item);
      const line = lineOf(item);
      const match = META_ITEM.exec(raw);
      const key = match?.[1]?.toLowerCase();
      const value = unquote(match?.[2] ?? '');
      if (key === 'id') {
        if (this.once(item, 'id', q.idLine)) [q.id, q.idLine] = [value, line];
      } else if (key === 'topics' || key === 'topic') {
        if (this.once(item, 'topics', q.topicsLine)) {
          q.topics = value
            .split(',')
            .map(unquote)
            .filter((t) => t !== '');
          q.topicsLine = line;
        }
      } else if (key === 'difficulty') {
        if (this.once(item, 'difficulty', q.difficultyLine)) [q.difficulty, q.difficultyLine] = [value, line];
      } else {
        const what = key
          ? `unknown metadata field "${key}"`
          : `"${shorten(raw)}" is not a \`key: value\` metadata item`;
        this.problem(item, `${what} (expected id, topics, difficulty)`);
      }
    }
  }

  private once(item: ListItem, key: string, seenAt: number | undefined): boolean {
    if (seenAt === undefined) return true;
    this.problem(item, `"${key}" is given twice (first at line ${seenAt}); the second is ignored`);
    return false;
  }

  private keyPoint(item: ListItem): ParsedKeyPoint {
    const raw = this.itemText(item);
    const also = ALSO_SUFFIX.exec(raw);
    const synonyms = (also?.[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return {
      text: also ? raw.slice(0, also.index).trim() : raw,
      synonyms: [...new Set(synonyms)],
      line: lineOf(item),
    };
  }

  private hasBankStructure(body: RootContent[]): boolean {
    return body.some((node) => {
      if (node.type === 'heading' && node.depth === 3)
        return subsection(this.inlineText(node.children)) !== undefined;
      return (
        node === body[0] &&
        node.type === 'list' &&
        node.children.some((i) => /^(id|topics?|difficulty)\s*:/i.test(this.itemText(i)))
      );
    });
  }

  // A setext heading (`text` over `---`) inside an answer is content, not a new question.
  private isAtx(node: Heading): boolean {
    return this.slice([node]).trimStart().startsWith('#');
  }

  private itemText(item: ListItem): string {
    return this.slice(item.children).replace(/\s+/g, ' ').trim();
  }

  private inlineText(nodes: Nodes[]): string {
    return this.slice(nodes).replace(/\s+/g, ' ').trim();
  }

  /** Source text from the first node's line to the last node's end, so formatting survives. */
  private slice(nodes: readonly Nodes[]): string {
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    if (!first || !last) return '';
    let start = first.position?.start.offset ?? 0;
    const end = last.position?.end.offset ?? start;
    // Keep the indentation of the first line (e.g. an indented code block).
    const lineStart = this.src.lastIndexOf('\n', start - 1) + 1;
    if (this.src.slice(lineStart, start).trim() === '') start = lineStart;
    return this.src.slice(start, end).replace(/^\n+|\s+$/g, '');
  }

  private problem(node: Nodes, message: string): void {
    this.problems.push({ file: this.file, line: lineOf(node), message });
  }
}

function subsection(text: string): 'keyPoints' | 'answer' | undefined {
  const name = text.toLowerCase().replace(/[\s:]+$/, '');
  if (/^key[ -]?points?$/.test(name)) return 'keyPoints';
  if (name === 'answer' || name === 'model answer') return 'answer';
  return undefined;
}

function lineOf(node: Nodes): number {
  return Math.max(1, node.position?.start.line ?? 1);
}

function unquote(s: string): string {
  return s
    .trim()
    .replace(/^`+|`+$/g, '')
    .trim();
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
