// Turns one bank file into loosely typed questions plus structural problems. Nothing is judged
// here beyond structure: load.ts validates every field so one run reports every problem with a line.
import MarkdownIt from 'markdown-it';
import { CASE_STUDY_STAGES, type CaseStudyStage, type KeyPoint } from '../core/types.ts';

export interface BankProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedKeyPoint extends KeyPoint {
  line: number;
}

/** A bullet item of an interviewer's section, with its line for problems. */
export interface ParsedItem {
  text: string;
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
  /** Raw text; the schema decides whether it is a known kind (absent: a concept question). */
  kind?: string;
  kindLine?: number;
  keyPoints?: ParsedKeyPoint[];
  /** Line of the `### Key points` heading. */
  keyPointsLine?: number;
  /** `### Follow-ups`: what an interviewer asks next, one per bullet item. */
  followUps?: ParsedItem[];
  followUpsLine?: number;
  /** `### Red flags`: what should worry an interviewer in an answer, one per bullet item. */
  redFlags?: ParsedItem[];
  redFlagsLine?: number;
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

// The previous markdown parser (micromark) was super-linear on long runs of container or emphasis
// markers: 32 kB of `>` or of `*_` took over 5 s (found by fuzzing). No real question needs a run
// like that, and which files are refused must not depend on the parser, so such a file is still
// refused before parsing, at the line of the run.
const MARKER_RUN = /(?:[>*_~`[\]][ \t]?){200,}/;
// The first 200 markers of such a run: the same verdict, five times faster on ordinary text (every
// marker in it is a place where MARKER_RUN starts matching). MARKER_RUN then measures the run.
const MARKER_RUN_START = /[>*_~`[\]](?:[ \t]?[>*_~`[\]]){199}/;

// markdown-it stops descending at this depth (each list counts twice: list and item). Past it, a
// list item swallows the rest of the file unparsed, so such a file is refused instead. Every level
// is a recursive call, so the limit also keeps the stack bounded.
const MAX_NESTING = 100;

// Block structure only, with line maps: the answer is kept as source, so inline parsing (half of
// markdown-it's time on the bank) is skipped. `html` makes `<!-- comments -->` blocks of their own.
// Built once; parse() keeps no state between calls. (maxNesting is an option of markdown-it that
// @types/markdown-it does not list, hence the variable.)
const markdownOptions = { html: true, maxNesting: MAX_NESTING };
const markdown = new MarkdownIt('commonmark', markdownOptions);
// `normalize` would turn NUL into U+FFFD in heading text; this.src is already normalised otherwise.
markdown.core.ruler.disable(['normalize', 'inline', 'text_join']);
// Link reference definitions (`[x]: /url`) stay paragraph text. markdown-it's own rule leaves no
// token, so a definition ending an answer would be cut off, and it parses the line after one afresh
// where CommonMark continues the paragraph (an indented line is text, not code).
markdown.block.ruler.disable('reference');
// A lazy line (indented less than its list item's content) continues the item's paragraph unless it
// starts a block at the list's own level, where 4+ spaces of indentation make it code, which starts
// nothing there. markdown-it checks that for list markers only; the other blocks that can end a
// paragraph get the same check here (the terminator chains each rule is in are kept as they were).
for (const rule of markdown.block.ruler.getRules('')) {
  if (!['fence', 'blockquote', 'hr', 'html_block', 'heading'].includes(rule.name)) continue;
  const alt = ['paragraph', 'reference', 'blockquote', 'list'].filter((chain) =>
    markdown.block.ruler.getRules(chain).includes(rule),
  );
  markdown.block.ruler.at(
    rule.name,
    (state, line, end, silent) => {
      const indent = state.sCount[line] ?? 0;
      const lazyCode = state.listIndent >= 0 && indent - state.listIndent >= 4 && indent < state.blkIndent;
      return !(silent && lazyCode) && rule(state, line, end, silent);
    },
    { alt },
  );
}

/** The block parse alone (no bank rules), for the benchmark's parser-only baseline. */
export function parseBlocks(src: string): number {
  return markdown.parse(src, {}).length;
}

// The marker that opens a list item's first line (a top-level list has no container prefix); sticky,
// so it is matched in place instead of on a copy of the line.
const LIST_MARKER = /[ \t]*(?:[-+*]|\d{1,9}[.)])/y;

const SEED_HEADING = /^Q(\d+)\s*:\s*(.*)$/s;
// `1.** X-ray**:` in the seed: the list marker is glued to the bold, which breaks both.
const BROKEN_BOLD = /^([ \t]*)(\d{1,9}[.)]|[-+*])\*\*[ \t]+([^*\n]*?[^*\s])[ \t]*\*\*/gm;
const META_ITEM = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/s;
const STAGE_PREFIX = new RegExp(`^(${CASE_STUDY_STAGES.join('|')})\\s*:\\s*`, 'i');
const KEY_POINT_SUFFIX = /\(\s*(also|needs)\s*:([^()]*)\)\s*$/i;

function splitList(list: string, separator: string): string[] {
  return list
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `maxChars`: a larger bound for a server's import (one file holding up to a thousand questions). */
export function parseBankFile(file: string, text: string, maxChars = MAX_FILE_CHARS): ParseResult {
  const problems: BankProblem[] = [];
  try {
    if (text.length > maxChars) {
      problems.push({
        file,
        line: 1,
        message: `file has ${text.length} characters; bank files must stay under ${maxChars}`,
      });
      return { questions: [], problems };
    }
    const run = MARKER_RUN_START.test(text) ? MARKER_RUN.exec(text) : null;
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

/** Lines [start, end) of the file, 0-based, as in markdown-it's token maps. */
interface Span {
  start: number;
  end: number;
}

/** A top-level block of the file. */
type Block = Span &
  (
    | { kind: 'heading'; depth: number; atx: boolean; text: string }
    | { kind: 'list'; items: Span[] }
    | { kind: 'html' | 'other' }
  );

type Heading = Block & { kind: 'heading' };
type List = Block & { kind: 'list' };

interface Section {
  heading: Heading;
  body: Block[];
}

type Part = 'meta' | 'keyPoints' | 'answer' | 'followUps' | 'redFlags' | 'skip';

/** The interviewer's sections: optional bullet lists after the answer. */
const RUBRIC_PARTS = { followUps: 'Follow-ups', redFlags: 'Red flags' } as const;

class FileParser {
  private readonly src: string;
  /** Offset of each line's first character; see offset(). */
  private readonly lineStarts: number[];

  constructor(
    private readonly file: string,
    text: string,
    private readonly problems: BankProblem[],
  ) {
    // Same line count as the original, so line numbers still point at the author's lines; markdown-it
    // only ends lines at \n, and a BOM would hide a heading on the first line.
    this.src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    this.lineStarts = [0];
    for (let i = this.src.indexOf('\n'); i !== -1; i = this.src.indexOf('\n', i + 1))
      this.lineStarts.push(i + 1);
  }

  parse(): ParsedQuestion[] {
    const blocks = this.blocks();
    if (!blocks) return [];
    const sections: Section[] = [];
    let current: Section | undefined;
    for (const node of blocks) {
      if (node.kind === 'heading' && node.atx && node.depth <= 2) {
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

  /** The top-level blocks in file order, or undefined (with a problem) when nesting is too deep. */
  private blocks(): Block[] | undefined {
    const blocks: Block[] = [];
    let items: Span[] | undefined;
    const tokens = markdown.parse(this.src, {});
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const map = token.map;
      if (!map) continue; // `_close` tokens
      if (token.type === 'list_item_open') {
        if (token.level >= MAX_NESTING - 1) {
          this.problems.push({
            file: this.file,
            line: map[0] + 1,
            message: `lists nested ${MAX_NESTING / 2} deep or more; flatten them`,
          });
          return undefined;
        }
        if (token.level === 1) items?.push({ start: map[0], end: map[1] });
        continue;
      }
      // Level 0 holds the top-level blocks: an `_open` token (its content is deeper, its `_close`
      // has no map) or a leaf (fence, code_block, html_block, hr).
      if (token.level !== 0) continue;
      const [start, end] = map;
      if (token.type === 'heading_open') {
        blocks.push({
          start,
          end,
          kind: 'heading',
          depth: Number(token.tag.slice(1)),
          // Setext headings (`text` over `---`) have `=` or `-` as markup.
          atx: token.markup.startsWith('#'),
          text: tokens[i + 1]?.content ?? '',
        });
      } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
        items = [];
        blocks.push({ start, end, kind: 'list', items });
      } else blocks.push({ start, end, kind: token.type === 'html_block' ? 'html' : 'other' });
    }
    return blocks;
  }

  private parseSection({ heading, body }: Section): ParsedQuestion {
    const title = collapse(heading.text);
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

  private parseBankSection(title: string, heading: Heading, body: Block[]): ParsedQuestion {
    const q: ParsedQuestion = { file: this.file, format: 'bank', title, line: lineOf(heading), answer: '' };
    let part: Part = 'meta';
    const answerNodes: Block[] = [];
    for (const node of body) {
      const section = node.kind === 'heading' && node.depth === 3 ? subsection(node.text) : undefined;
      if (node.kind === 'heading' && section === 'keyPoints') {
        part = this.startPart(node, q.keyPointsLine, 'Key points', 'keyPoints');
        q.keyPointsLine ??= lineOf(node);
        q.keyPoints ??= [];
        continue;
      }
      if (node.kind === 'heading' && section === 'answer') {
        part = this.startPart(node, q.answerLine, 'Answer', 'answer');
        q.answerLine ??= lineOf(node);
        continue;
      }
      if (node.kind === 'heading' && (section === 'followUps' || section === 'redFlags')) {
        const lineKey = section === 'followUps' ? 'followUpsLine' : 'redFlagsLine';
        part = this.startPart(node, q[lineKey], RUBRIC_PARTS[section], section);
        q[lineKey] ??= lineOf(node);
        q[section] ??= [];
        continue;
      }
      if (node.kind === 'html' || part === 'skip') continue; // comments are fine anywhere
      if (part === 'answer') answerNodes.push(node);
      else if (node.kind !== 'list') this.unexpected(node, part);
      else if (part === 'followUps' || part === 'redFlags')
        q[part]?.push(...node.items.map((item) => ({ text: this.itemText(item), line: lineOf(item) })));
      else if (part === 'keyPoints')
        q.keyPoints?.push(...node.items.map((item) => this.keyPoint(item, q.kind === 'case-study')));
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

  private unexpected(node: Block, part: Part): void {
    const list =
      part === 'keyPoints'
        ? 'Key points'
        : part === 'followUps' || part === 'redFlags'
          ? RUBRIC_PARTS[part]
          : undefined;
    this.problem(
      node,
      list !== undefined
        ? `expected only a bullet list under \`### ${list}\``
        : 'unexpected text between the question heading and `### Key points`: metadata is a bullet list like `- id: my-id`; the answer goes under `### Answer`',
    );
  }

  private metadata(list: List, q: ParsedQuestion): void {
    for (const item of list.items) {
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
      } else if (key === 'kind') {
        if (this.once(item, 'kind', q.kindLine)) [q.kind, q.kindLine] = [value, line];
      } else {
        const what = key
          ? `unknown metadata field "${key}"`
          : `"${shorten(raw)}" is not a \`key: value\` metadata item`;
        this.problem(item, `${what} (expected id, topics, difficulty, kind)`);
      }
    }
  }

  private once(item: Span, key: string, seenAt: number | undefined): boolean {
    if (seenAt === undefined) return true;
    this.problem(item, `"${key}" is given twice (first at line ${seenAt}); the second is ignored`);
    return false;
  }

  private keyPoint(item: Span, staged: boolean): ParsedKeyPoint {
    let text = this.itemText(item);
    // A case study's points start with their stage: "Data: sample by patient across sites".
    const stagePrefix = staged ? STAGE_PREFIX.exec(text) : null;
    if (stagePrefix) text = text.slice(stagePrefix[0].length);
    const synonyms: string[] = [];
    const needs: string[][] = [];
    // Trailing "(also: a, b)" and "(needs: a | b; c)", in either order.
    for (let m = KEY_POINT_SUFFIX.exec(text); m; m = KEY_POINT_SUFFIX.exec(text)) {
      const body = m[2] ?? '';
      if ((m[1] ?? '').toLowerCase() === 'also') synonyms.unshift(...splitList(body, ','));
      else needs.unshift(...body.split(';').map((group) => splitList(group, '|')));
      text = text.slice(0, m.index).trim();
    }
    return {
      text,
      synonyms: [...new Set(synonyms)],
      ...(needs.length > 0 ? { needs } : {}),
      ...(stagePrefix ? { stage: (stagePrefix[1] ?? '').toLowerCase() as CaseStudyStage } : {}),
      line: lineOf(item),
    };
  }

  private hasBankStructure(body: Block[]): boolean {
    return body.some((node) => {
      if (node.kind === 'heading' && node.depth === 3) return subsection(node.text) !== undefined;
      return (
        node === body[0] &&
        node.kind === 'list' &&
        node.items.some((i) => /^(id|topics?|difficulty)\s*:/i.test(this.itemText(i)))
      );
    });
  }

  /** The item's source without its list marker, nested lists included, on one line. */
  private itemText(item: Span): string {
    const start = this.offset(item.start);
    LIST_MARKER.lastIndex = start;
    const from = LIST_MARKER.test(this.src) ? LIST_MARKER.lastIndex : start;
    return collapse(this.src.slice(from, this.offset(item.end)));
  }

  /** Source text from the first block's line to the last block's end, so formatting survives. */
  private slice(blocks: readonly Block[]): string {
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    if (!first || !last) return '';
    // Whole lines keep the indentation of the first one (e.g. an indented code block); a block's map
    // may end with blank lines, which the trim drops.
    return this.lines(first.start, last.end).replace(/^\n+/, '').trimEnd();
  }

  private lines(start: number, end: number): string {
    return this.src.slice(this.offset(start), this.offset(end));
  }

  /** Where a line starts; a line past the last one starts at the end of the file. */
  private offset(line: number): number {
    return this.lineStarts[line] ?? this.src.length;
  }

  private problem(node: Span, message: string): void {
    this.problems.push({ file: this.file, line: lineOf(node), message });
  }
}

function subsection(text: string): 'keyPoints' | 'answer' | 'followUps' | 'redFlags' | undefined {
  const name = text.toLowerCase().replace(/[\s:]+$/, '');
  if (/^key[ -]?points?$/.test(name)) return 'keyPoints';
  if (name === 'answer' || name === 'model answer') return 'answer';
  if (/^follow[ -]?ups?( questions)?$/.test(name)) return 'followUps';
  if (/^red[ -]flags?$/.test(name)) return 'redFlags';
  return undefined;
}

function lineOf(node: Span): number {
  return node.start + 1;
}

/** Whitespace runs as one space, trimmed: `.replace(/\s+/g, ' ').trim()`, but leaving the many
 * single spaces alone, which makes it four times faster. */
function collapse(text: string): string {
  return text.trim().replace(/\s{2,}|[^\S ]/g, ' ');
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
