// Which key points of a question a free-text answer covers. This is feedback, not grading (the user
// self-grades), so it errs towards recognising paraphrases while never being a substring test.

import { stemmer } from 'stemmer';
import { BoundedMemo } from './bounded-memo.ts';
import type { KeyPoint } from './types.js';

export interface KeyPointMatch {
  covered: number[];
  missed: number[];
}

/**
 * Key point text counts as covered when at least this share of its distinct content words occurs
 * in the answer (as stems). 60% lets a candidate drop a word or two of the bank's wording ("map",
 * "relative") while still requiring the substance; at half or less, two generic words ("image", "model")
 * would cover a four-word point.
 */
export const TEXT_MATCH_SHARE = 0.6;
/**
 * ...and never fewer than this many words, so one shared word cannot cover a long point. Points of
 * two or fewer content words need all of them, as a single word of two is a coin toss.
 */
export const TEXT_MATCH_MIN_WORDS = 2;

// Deliberately small: words that carry no subject matter. Negations go too: the matcher reports
// whether a point was addressed, not whether the claim was right (the user self-grades that).
const STOPWORDS = new Set(
  (
    'a an the and or but nor of to in on at by for from with without into onto over under about as ' +
    'is are was were be been being am do does did done has have had having it its this that these ' +
    'those there here than then so such very just also too can could may might must shall should ' +
    'will would i me my we our you your he she they them their his her him what which who whom ' +
    'us whose when where why how all any each both either neither some more most other own same only ' +
    'not no yes if while because until up down out off again further once ll re ve etc ie eg vs ' +
    'via per use used using'
  ).split(' '),
);

/** One thing a key point asks for: a word stem, or an abbreviation compared as a whole token. */
interface Unit {
  key: string;
  /** Abbreviations that are also everyday words ("US", "IT") only match when written in capitals. */
  exact?: string;
}

interface AnswerIndex {
  keys: Set<string>;
  /** Raw tokens exactly as written, for the case-sensitive abbreviations. */
  raw: Set<string>;
}

export function matchKeyPoints(answer: string, keyPoints: readonly KeyPoint[]): KeyPointMatch {
  const index = indexAnswer(answer);
  const covered: number[] = [];
  const missed: number[] = [];
  keyPoints.forEach((point, i) => {
    (isCovered(point, index) ? covered : missed).push(i);
  });
  return { covered, missed };
}

function isCovered(point: KeyPoint, index: AnswerIndex): boolean {
  const { text, inlineSynonyms } = splitAlsoSuffix(point.text);
  // A synonym is a named alternative, so every one of its content words must be present.
  for (const synonym of [...point.synonyms, ...inlineSynonyms]) {
    const units = unitsOf(synonym);
    if (units.length > 0 && units.every((u) => has(index, u))) return true;
  }
  const units = unitsOf(text);
  if (units.length === 0) return false;
  const present = units.filter((u) => has(index, u)).length;
  const needed =
    units.length <= TEXT_MATCH_MIN_WORDS
      ? units.length
      : Math.max(TEXT_MATCH_MIN_WORDS, Math.ceil(units.length * TEXT_MATCH_SHARE));
  return present >= needed;
}

function has(index: AnswerIndex, unit: Unit): boolean {
  return unit.exact === undefined ? index.keys.has(unit.key) : index.raw.has(unit.exact);
}

// The bank parser should already have moved "(also: a, b)" into `synonyms`; accepting it here too
// means a point written straight from the bank's wording never demands the word "also".
function splitAlsoSuffix(text: string): { text: string; inlineSynonyms: string[] } {
  const m = /\(\s*also\s*:\s*([^)]*)\)\s*$/i.exec(text);
  if (!m) return { text, inlineSynonyms: [] };
  const inlineSynonyms = (m[1] ?? '')
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { text: text.slice(0, m.index), inlineSynonyms };
}

// Key points and synonyms come from the bank, which is fixed while the process runs, and answers
// repeat the same vocabulary: both memos save most of a match's CPU. They are bounded in entries
// and key length, so answers full of distinct made-up words cannot grow the process (a few MB).
const unitsMemo = new BoundedMemo<Unit[]>(20_000, 400);
const stemMemo = new BoundedMemo<string>(30_000, 40);

/** Entries held by the memos (for tests of the bound). */
export function memoSize(): number {
  return unitsMemo.size + stemMemo.size;
}

function unitsOf(phrase: string): Unit[] {
  return unitsMemo.get(phrase, computeUnits);
}

function computeUnits(phrase: string): Unit[] {
  const seen = new Map<string, Unit>();
  for (const token of tokenize(phrase)) {
    const unit = toUnit(token);
    if (unit && !seen.has(unit.key)) seen.set(unit.key, unit);
  }
  return [...seen.values()];
}

function toUnit(token: string): Unit | null {
  const lower = token.toLowerCase();
  if (isAbbreviation(token)) {
    // "HU", "CT", "FDA": stemming would mangle them, so they are compared whole (case-insensitively;
    // a plural "CTs" in the answer also counts).
    const key = abbreviationKey(lower);
    return STOPWORDS.has(lower) ? { key, exact: token } : { key };
  }
  // Single letters are initials or list markers ("a)", the "s" of "user's"); single digits count.
  if (STOPWORDS.has(lower) || (lower.length === 1 && !/\d/.test(lower))) return null;
  return { key: stem(lower) };
}

function indexAnswer(answer: string): AnswerIndex {
  const keys = new Set<string>();
  const raw = new Set<string>();
  const tokens = tokenize(answer);
  tokens.forEach((token, i) => {
    raw.add(token);
    const lower = token.toLowerCase();
    keys.add(stem(lower));
    keys.add(abbreviationKey(lower));
    if (lower.length > 2 && lower.endsWith('s')) keys.add(abbreviationKey(lower.slice(0, -1)));
    // "multi-class" written as one word in the bank: also try each adjacent pair joined up.
    const next = tokens[i + 1];
    if (next !== undefined) keys.add(stem(lower + next.toLowerCase()));
  });
  return { keys, raw };
}

/** Written in capitals in the key point: "HU", "CT", "FDA", "T1". */
function isAbbreviation(token: string): boolean {
  return /^[A-Z][A-Z0-9]+$/.test(token);
}

function abbreviationKey(lower: string): string {
  return `#${lower}`;
}

// Letters and digits only, so punctuation and hyphens separate words ("self-supervised" becomes
// "self supervised"); accents are folded so "Frechet" matches "Fréchet".
function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

function stem(lower: string): string {
  return stemMemo.get(lower, (word) => stemmer(americanise(word)));
}

// The bank and its readers mix British and American spelling ("tumour", "haemorrhage",
// "normalise"); the Porter stemmer treats them as different words, so fold the common patterns
// first. Both answer and key point go through the same folding, so a rare false fold is harmless.
function americanise(word: string): string {
  if (word.length < 5) return word;
  return (
    word
      .replace(/^(h|p|an|leuk|orthop)ae(?=[md])/, '$1e')
      .replace(/^oe(?=[ds])/, 'e')
      .replace(/(?<=.{3})our(s?)$/, 'or$1')
      .replace(/(?<=.{2})tre(s?)$/, 'ter$1')
      // Not after "v" or "c": supervise/supervision, precise/precision must keep stemming alike.
      .replace(/(?<=.{2}[^vc])is(e|es|ed|ing|ation|ations)$/, 'iz$1')
  );
}
