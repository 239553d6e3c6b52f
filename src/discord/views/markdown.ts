// Pure text helpers that turn bank markdown into what a Discord embed can show: Discord renders
// no LaTeX, caps descriptions at 4096 characters, and must never be made to ping from bank text.
import type { Question } from '../../core/types.ts';

export const EMBED_DESCRIPTION_MAX = 4096;

const ZWSP = '\u200B';

/** Replaces `$$...$$` and `$...$` math with plain readable text; code is left alone. */
export function latexToText(markdown: string): string {
  // Most answers have no math at all: skip finding their code spans.
  if (!markdown.includes('$')) return markdown;
  return splitCode(markdown)
    .map(({ code, text }) => (code ? text : replaceMath(text)))
    .join('');
}

/** The answer as a list of embed descriptions. */
export function renderAnswer(
  question: Pick<Question, 'answer'>,
  maxPerChunk = EMBED_DESCRIPTION_MAX,
): string[] {
  return splitForEmbeds(renderText(question.answer), maxPerChunk);
}

/** Everything bank text goes through before it reaches Discord. */
export function renderText(markdown: string): string {
  return neutraliseMentions(latexToText(markdown));
}

// Belt and braces next to allowed_mentions: a zero-width space breaks the mention syntax.
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=everyone|here)/g, `@${ZWSP}`).replace(/<([@#])(?!\u200B)/g, `<$1${ZWSP}`);
}

// ---------------------------------------------------------------------------------------------
// Splitting

const LEVELS = [
  { split: /\n[ \t]*\n\s*/, sep: '\n\n' }, // paragraphs
  { split: /\n/, sep: '\n' }, // lines
  { split: /[ \t]+/, sep: ' ' }, // words
] as const;

/**
 * Chunks that each fit `maxPerChunk`, cut at paragraph, then line, then word boundaries; a word is
 * only cut when it alone is longer than the limit. Blank input gives no chunks.
 */
export function splitForEmbeds(markdown: string, maxPerChunk = EMBED_DESCRIPTION_MAX): string[] {
  const max = Math.max(2, Math.floor(maxPerChunk));
  const text = markdown.trim();
  return text === ''
    ? []
    : pack(text, max, 0)
        .map((c) => c.trimEnd())
        .filter((c) => c.trim() !== '');
}

function pack(text: string, max: number, level: number): string[] {
  if (text.length <= max) return [text];
  const lvl = LEVELS[level];
  if (!lvl) return hardSplit(text, max);
  const chunks: string[] = [];
  let current = '';
  for (const part of text.split(lvl.split)) {
    if (part.trim() === '') continue;
    for (const piece of pack(part, max, level + 1)) {
      if (current === '') current = piece;
      else if (current.length + lvl.sep.length + piece.length <= max) current += lvl.sep + piece;
      else {
        chunks.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function hardSplit(word: string, max: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < word.length; ) {
    let end = Math.min(i + max, word.length);
    // Never separate a surrogate pair: half an emoji renders as garbage.
    if (end < word.length && /[\uD800-\uDBFF]/.test(word.charAt(end - 1))) end--;
    pieces.push(word.slice(i, end));
    i = end;
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// LaTeX

function splitCode(markdown: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  // Fenced blocks, then inline code spans; math inside either is meant literally.
  const re =
    /^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n {0,3}\2[`~]*[ \t]*(?=\n|$)|$(?![\s\S]))|(`+)[^`]+?\3(?!`)/gm;
  let last = 0;
  for (const m of markdown.matchAll(re)) {
    out.push({ code: false, text: markdown.slice(last, m.index) }, { code: true, text: m[0] });
    last = m.index + m[0].length;
  }
  out.push({ code: false, text: markdown.slice(last) });
  return out;
}

// Inline `$` follows pandoc: no space just inside the dollars and no digit right after, so
// "costs $5 and $10" stays as it is.
const MATH = /\$\$([\s\S]+?)\$\$|(?<![\\$\w])\$(?=\S)([^$\n]*?\S)\$(?![\d$])/g;

function replaceMath(text: string): string {
  return text.replace(MATH, (whole, display?: string, inline?: string) => {
    const tex = display ?? inline;
    return tex === undefined ? whole : escapeMarkdown(texToText(tex));
  });
}

// Converted math is plain text, but `_` and `*` in it would turn into italics in Discord.
function escapeMarkdown(s: string): string {
  return s.replace(/[_*]/g, '\\$&');
}

const SYMBOLS: Record<string, string> = {
  cdot: ' · ',
  times: ' × ',
  div: ' ÷ ',
  pm: ' ± ',
  mp: ' ∓ ',
  cap: ' ∩ ',
  cup: ' ∪ ',
  le: ' ≤ ',
  leq: ' ≤ ',
  ge: ' ≥ ',
  geq: ' ≥ ',
  neq: ' ≠ ',
  ne: ' ≠ ',
  approx: ' ≈ ',
  sim: ' ~ ',
  equiv: ' ≡ ',
  propto: ' ∝ ',
  in: ' ∈ ',
  notin: ' ∉ ',
  subset: ' ⊂ ',
  subseteq: ' ⊆ ',
  to: ' → ',
  rightarrow: ' → ',
  leftarrow: ' ← ',
  Rightarrow: ' ⇒ ',
  iff: ' ⇔ ',
  mid: ' | ',
  sum: 'Σ',
  prod: 'Π',
  int: '∫',
  infty: '∞',
  partial: '∂',
  nabla: '∇',
  ldots: '…',
  cdots: '…',
  dots: '…',
  vert: '|',
  lvert: '|',
  rvert: '|',
  Vert: '‖',
  langle: '⟨',
  rangle: '⟩',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  quad: ' ',
  qquad: ' ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};
const ESCAPED: Record<string, string> = { ',': ' ', ';': ' ', ':': ' ', '!': '', ' ': ' ', '\\': ' ' };
const FONT_COMMANDS = new Set([
  'text',
  'textrm',
  'textbf',
  'textit',
  'mathrm',
  'mathbf',
  'mathit',
  'mathsf',
  'mathcal',
  'mathbb',
  'operatorname',
  'boldsymbol',
  'mbox',
]);
const ACCENTS: Record<string, string> = {
  hat: '\u0302',
  bar: '\u0304',
  overline: '\u0304',
  tilde: '\u0303',
  vec: '\u20D7',
  dot: '\u0307',
};
const SUPERSCRIPT: Record<string, string> = {
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
  '+': '⁺',
  '-': '⁻',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  n: 'ⁿ',
  i: 'ⁱ',
  T: 'ᵀ',
};
const SUBSCRIPT: Record<string, string> = {
  0: '₀',
  1: '₁',
  2: '₂',
  3: '₃',
  4: '₄',
  5: '₅',
  6: '₆',
  7: '₇',
  8: '₈',
  9: '₉',
  '+': '₊',
  '-': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  i: 'ᵢ',
  j: 'ⱼ',
  k: 'ₖ',
  n: 'ₙ',
  t: 'ₜ',
  x: 'ₓ',
};

export function texToText(tex: string): string {
  return new TexReader(tex)
    .sequence()
    .replace(/\s+/g, ' ')
    .replace(/([([]) /g, '$1')
    .replace(/ ([)\]])/g, '$1')
    .trim();
}

/** A tiny recursive reader: enough TeX for interview formulas, never throws on anything else. */
class TexReader {
  private i = 0;

  constructor(private readonly s: string) {}

  /** Reads until an unmatched `}` (left for the caller) or the end. */
  sequence(): string {
    let out = '';
    let numerator: string | undefined;
    while (this.i < this.s.length) {
      const c = this.s.charAt(this.i);
      if (c === '}') break;
      this.i++;
      if (c === '{') out += this.group();
      else if (c === '^' || c === '_') out += script(this.argument(), c === '^' ? SUPERSCRIPT : SUBSCRIPT, c);
      else if (c === '&') out += ' ';
      else if (c === '~') out += ' ';
      else if (c !== '\\') out += c;
      else {
        const name = this.commandName();
        if (name === 'over') {
          numerator = numerator === undefined ? out : `${numerator} / ${out}`;
          out = '';
        } else if (name === 'left') out += this.delimiter().trimStart();
        else if (name === 'right') out = out.trimEnd() + this.delimiter();
        else out += this.command(name);
      }
    }
    return numerator === undefined ? out : fraction(numerator, out);
  }

  private group(): string {
    const inner = this.sequence();
    if (this.s.charAt(this.i) === '}') this.i++;
    return inner;
  }

  private commandName(): string {
    const letters = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0];
    if (!letters) return this.s.charAt(this.i++); // `\,`, `\{`, a trailing `\`
    this.i += letters.length;
    return letters;
  }

  private command(name: string): string {
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const num = this.argument();
      return fraction(num, this.argument());
    }
    if (name === 'sqrt') {
      const index = this.optional();
      const radicand = this.argument();
      const root = /^[\w.]+$/.test(radicand.trim()) ? `√${radicand.trim()}` : `√(${radicand.trim()})`;
      return index ? `${index.trim()}${root}` : root;
    }
    if (/^[Bb]ig+[lr]?$/.test(name)) return ''; // a size hint: the delimiter that follows is read as text
    if (FONT_COMMANDS.has(name)) return this.argument();
    const accent = ACCENTS[name];
    if (accent) {
      const arg = this.argument().trim();
      return arg.length === 1 ? arg + accent : arg;
    }
    const symbol = SYMBOLS[name] ?? ESCAPED[name];
    if (symbol !== undefined) return symbol;
    return /^[A-Za-z]+$/.test(name) ? ` ${name} ` : name; // \log, \max, \{, \%: their own text
  }

  private argument(): string {
    while (/\s/.test(this.s.charAt(this.i))) this.i++;
    const c = this.s.charAt(this.i);
    if (c === '' || c === '}') return '';
    this.i++;
    if (c === '{') return this.group();
    if (c === '\\') return this.command(this.commandName()).trim();
    return c;
  }

  // `\left(` and `\right.`: hug the delimiter to its contents, as it is typeset.
  private delimiter(): string {
    const d = this.argument();
    while (/\s/.test(this.s.charAt(this.i))) this.i++;
    return d === '.' ? '' : d.trim();
  }

  private optional(): string | undefined {
    if (this.s.charAt(this.i) !== '[') return undefined;
    const end = this.s.indexOf(']', this.i);
    if (end < 0) return undefined;
    const value = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return value;
  }
}

function script(arg: string, table: Record<string, string>, mark: string): string {
  const chars = [...arg.trim()];
  if (chars.length > 0 && chars.every((ch) => table[ch] !== undefined))
    return chars.map((ch) => table[ch]).join('');
  return chars.length === 1 ? `${mark}${arg.trim()}` : `${mark}(${arg.trim()})`;
}

// "1/n" stays compact so it still reads as one term inside a longer formula.
function fraction(numerator: string, denominator: string): string {
  const [a, b] = [wrap(numerator), wrap(denominator)];
  return /\s/.test(a + b) ? `${a} / ${b}` : `${a}/${b}`;
}

// Parenthesise a fraction part only when precedence makes it ambiguous: "TP / (TP + FP)".
function wrap(part: string): string {
  const t = part.replace(/\s+/g, ' ').trim();
  return /[-+=<>±∓·×÷/≤≥≠≈∩∪−]/.test(t) && !isParenthesised(t) ? `(${t})` : t;
}

function isParenthesised(t: string): boolean {
  if (!t.startsWith('(') || !t.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    depth += t[i] === '(' ? 1 : t[i] === ')' ? -1 : 0;
    if (depth === 0 && i < t.length - 1) return false; // "(a) + (b)" is not one group
  }
  return depth === 0;
}
