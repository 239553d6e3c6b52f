// Which key points of a question a free-text answer covers. This is feedback, not grading (the user
// self-grades), but it must be feedback people can trust: a point is credited for what the answer
// says, with the words that say it quoted back, never for vocabulary that merely appears.
//
// Evidence for a point (docs/feedback-quality.md has the rules and how honest they are, measured):
// - its own wording: half of its content words (at least 2) within a few sentences, anchored by a
//   clause of three or more words that states two of them together, so a list of buzzwords ("Dice,
//   IoU, overlap") states nothing, while "Readers look for masses, calcifications, …" does;
// - or one of its synonyms (the bank's "(also: …)"): a synonym names the concept, so it counts only
//   with a word of the point's own text beside it in the same clause;
// - negated words ("not", "never", "without", "n't", "rather than", "instead of", up to the end of the
//   clause, a colon or a closing quote) count only for a point that negates them too, and a clause
//   saying the opposite of one of the point's words ("bigger" for "shrinks") earns nothing;
// - every "(needs: …)" group of the point is said, in order, in the sentence of the evidence.
// The clause that says most of the point is quoted back to the member.
import { stemmer } from 'stemmer';
import { BoundedMemo } from './bounded-memo.ts';
import type { KeyPoint } from './types.js';

export interface KeyPointEvidence {
  /** Index of the covered key point. */
  point: number;
  /** The words of the answer that earned it, as the user wrote them (one sentence at most). */
  quote: string;
}

export interface KeyPointMatch {
  covered: number[];
  missed: number[];
  /** One entry per covered point, in the same order. */
  evidence: KeyPointEvidence[];
}

/**
 * Key point text counts as covered when at least this share of its distinct content words occurs
 * near the anchoring clause (as stems). Half lets a candidate say the point in their own words; the
 * anchor, negation, opposite and "(needs: …)" rules, not a higher share, keep vocabulary from earning
 * it (on the labelled answers, 60% instead of half cost about twelve points of recall on strong answers).
 */
export const TEXT_MATCH_SHARE = 0.5;
/**
 * ...and never fewer than this many words, so one shared word cannot cover a long point. Points of
 * two or fewer content words need all of them, as a single word of two is a coin toss.
 */
export const TEXT_MATCH_MIN_WORDS = 2;
/** Quotes longer than this are cut around the matched words (Discord embeds are small). */
export const QUOTE_MAX_LENGTH = 120;
/**
 * A point's words may spread over this many sentences either side of the clause that anchors them:
 * candidates often state a definition and its consequence in consecutive sentences.
 */
export const SENTENCE_WINDOW = 2;

// Deliberately small: words that carry no subject matter. Negations are handled separately (they
// flip what the words around them claim), so they are not content words either.
const STOPWORDS = new Set(
  (
    'a an the and or but nor of to in on at by for from with without into onto over under about as ' +
    'is are was were be been being am do does did done has have had having it its this that these ' +
    'those there here than then so such very just also too can could may might must shall should ' +
    'will would i me my we our you your he she they them their his her him what which who whom ' +
    'us whose when where why how all any each both either neither some more most other own same only ' +
    'not no yes if while because until up down out off again further once ll re ve etc ie eg vs ' +
    'via per use used using never cannot none instead rather'
  ).split(' '),
);

/** Words that negate what follows them, up to the end of the clause. */
const NEGATIONS = new Set(['not', 'no', 'never', 'neither', 'nor', 'without', 'cannot', 'none']);
/** Two-word cues that reject what follows: "use X rather than Y", "Y instead of X". */
const CONTRASTS = new Set(['rather than', 'instead of', 'opposed to']);
/** Words that start a new clause, ending a negation's scope: "not X but Y". */
const CLAUSE_STARTS = new Set(['but', 'however', 'whereas', 'although', 'though', 'yet', 'so', 'because']);

/** One thing a key point asks for: a word stem, or an abbreviation compared as a whole token. */
interface Unit {
  key: string;
  /** Abbreviations that are also everyday words ("US", "IT") only match when written in capitals. */
  exact?: string;
  /** Stated under a negation in the key point itself. */
  negated: boolean;
}

interface Phrase {
  units: Unit[];
}

interface Token {
  raw: string;
  start: number;
  end: number;
  sentence: number;
  /** The clause (a list item after a statement shares the statement's). */
  clause: number;
  negated: boolean;
  /** Joined to the previous word by a bare hyphen, both starting with a letter ("cross-entropy"). */
  hyphenated: boolean;
}

interface AnswerIndex {
  text: string;
  tokens: Token[];
  /** Stem and abbreviation keys to the tokens carrying them. */
  byKey: Map<string, number[]>;
  /** Raw tokens exactly as written, for the case-sensitive abbreviations. */
  byRaw: Map<string, number[]>;
  /** Words per clause: a clause of one or two words is a list item or a bare term, not a statement. */
  clauseSize: number[];
  /** Tokens carrying a unit, by unit (the same units are looked up for every candidate). */
  occurrences: Map<string, number[]>;
}

/** A clause needs this many words to state something ("Dice loss" names; "Dice loss helps" says). */
const STATEMENT_MIN_WORDS = 3;

// Opposites: a clause that says the opposite of a point's word ("erosion makes objects bigger" for
// "erosion shrinks objects") contradicts the point; an opposite under a negation ("never lower")
// agrees with it ("higher").
const OPPOSITES: readonly (readonly [string, string])[] = [
  ['between', 'within'],
  [
    'increase increases increased raise raises rises higher',
    'decrease decreases decreased reduce reduces falls lower drops',
  ],
  ['high', 'low'],
  ['larger bigger grows grow enlarges expands', 'smaller shrinks shrink'],
  ['maximises maximise maximum largest', 'minimises minimise minimum smallest'],
  ['overestimates', 'underestimates'],
  ['overconfident', 'underconfident'],
  ['before', 'after'],
  ['bright hyperintense', 'dark hypointense'],
  ['wide wider', 'narrow narrower'],
  ['includes', 'excludes'],
  ['same identical', 'different'],
  ['better', 'worse'],
  ['improves', 'degrades'],
  ['early', 'late'],
  ['keep keeps kept retain retains', 'remove removes removed delete deletes deleted strip strips'],
];
let oppositeOf: Map<string, Set<string>> | undefined;
function opposites(key: string): ReadonlySet<string> | undefined {
  if (!oppositeOf) {
    const map = new Map<string, Set<string>>();
    for (const [a, b] of OPPOSITES) {
      const left = a.split(' ').map(stem);
      const right = b.split(' ').map(stem);
      for (const [from, to] of [
        [left, right],
        [right, left],
      ] as const) {
        for (const k of from) map.set(k, new Set([...(map.get(k) ?? []), ...to]));
      }
    }
    oppositeOf = map;
  }
  return oppositeOf.get(key);
}

export function matchKeyPoints(answer: string, keyPoints: readonly KeyPoint[]): KeyPointMatch {
  return answerMatcher(answer)(keyPoints);
}

/** Indexes the answer once, for matching it against many questions' key points (the bank lint). */
export function answerMatcher(answer: string): (keyPoints: readonly KeyPoint[]) => KeyPointMatch {
  const index = indexAnswer(answer);
  return (keyPoints) => matchIndexed(index, keyPoints);
}

function matchIndexed(index: AnswerIndex, keyPoints: readonly KeyPoint[]): KeyPointMatch {
  const covered: number[] = [];
  const missed: number[] = [];
  const evidence: KeyPointEvidence[] = [];
  keyPoints.forEach((point, i) => {
    const found = evidenceFor(point, index);
    if (found === undefined) {
      missed.push(i);
      return;
    }
    covered.push(i);
    evidence.push({ point: i, quote: quote(index, found) });
  });
  return { covered, missed, evidence };
}

/** The token indexes that earn the point, or undefined. */
function evidenceFor(point: KeyPoint, index: AnswerIndex): number[] | undefined {
  const { own, synonyms, needs } = compiled(point);
  // Cheap rejection: without any of the point's own words, neither its text nor a synonym can count.
  if (!own.units.some((unit) => occurrences(index, unit).length > 0)) return undefined;
  // Every way the answer earns the point; the clause that says the most of it is quoted. Text
  // anchors come strongest first, so only the first that meets the needs can win.
  let best: number[] | undefined;
  let bestScore = -1;
  const consider = (candidate: number[]): boolean => {
    if (!needs.every((group) => satisfies(group, candidate, index))) return false;
    const clause = index.tokens[candidate[0] as number]?.clause;
    let score = 0;
    for (const u of own.units) {
      if (occurrences(index, u).some((t) => index.tokens[t]?.clause === clause)) score += 1;
    }
    if (score > bestScore) [best, bestScore] = [candidate, score];
    return true;
  };
  for (const phrase of synonyms)
    for (const candidate of qualifiedSynonym(phrase, own, index)) consider(candidate);
  const n = own.units.length;
  const needed =
    n <= TEXT_MATCH_MIN_WORDS ? n : Math.max(TEXT_MATCH_MIN_WORDS, Math.ceil(n * TEXT_MATCH_SHARE));
  for (const candidate of matchText(own.units, needed, index)) if (consider(candidate)) break;
  return best;
}

interface CompiledPoint {
  own: Phrase;
  synonyms: Phrase[];
  needs: Phrase[][];
}

// Bank key points live as long as their bank: each is turned into phrases once.
const compiledPoints = new WeakMap<KeyPoint, CompiledPoint>();

function compiled(point: KeyPoint): CompiledPoint {
  let c = compiledPoints.get(point);
  if (!c) {
    const { text, inlineSynonyms } = splitAlsoSuffix(point.text);
    c = {
      own: phraseOf(text),
      synonyms: [...point.synonyms, ...inlineSynonyms].map(phraseOf).filter((p) => p.units.length > 0),
      needs: (point.needs ?? []).map((group) => group.map(neededPhraseOf)),
    };
    compiledPoints.set(point, c);
  }
  return c;
}

/**
 * A "(needs: a | b; c)" group of the point: one of its phrases is said in the sentence of the
 * evidence, its words in order ("erosion then dilation" is not "dilation then erosion"), and not
 * contradicted there.
 */
function satisfies(group: readonly Phrase[], evidence: readonly number[], index: AnswerIndex): boolean {
  const sentence = index.tokens[evidence[0] as number]?.sentence;
  return group.some((phrase) => {
    let after = -1;
    return phrase.units.every((unit) => {
      const next = occurrences(index, unit).find((t) => {
        const token = index.tokens[t];
        return (
          t > after &&
          token !== undefined &&
          token.sentence === sentence &&
          !contradicts(index, phrase.units, token.clause)
        );
      });
      if (next === undefined) return false;
      after = next;
      return true;
    });
  });
}

/**
 * At least `needed` of the units within a few neighbouring sentences, anchored by a clause that
 * states two of them together (so the answer says something, rather than listing terms).
 */
function* matchText(units: readonly Unit[], needed: number, index: AnswerIndex): Generator<number[]> {
  const found = units.map((unit) => occurrences(index, unit));
  if (found.filter((list) => list.length > 0).length < needed) return;
  const clauseUnits = new Map<number, Map<number, number>>();
  found.forEach((tokens, u) => {
    for (const t of tokens) {
      const clause = index.tokens[t]?.clause ?? -1;
      const perUnit = clauseUnits.get(clause) ?? new Map<number, number>();
      clauseUnits.set(clause, perUnit);
      if (!perUnit.has(u)) perUnit.set(u, t);
    }
  });
  // The clause that states the most of the point is the best evidence, and the one quoted.
  const byStrength = [...clauseUnits].sort((a, b) => b[1].size - a[1].size);
  for (const [clause, perUnit] of byStrength) {
    if (perUnit.size < Math.min(2, needed)) continue;
    if (!isStatement(index, clause) || contradicts(index, units, clause)) continue;
    const anchor = index.tokens[perUnit.values().next().value as number] as Token;
    const inWindow = (t: number) =>
      Math.abs((index.tokens[t]?.sentence ?? -99) - anchor.sentence) <= SENTENCE_WINDOW;
    const present = found.filter((tokens) => tokens.some(inWindow)).length;
    if (present >= needed) yield [...perUnit.values()];
  }
}

/**
 * A synonym names the point's concept ("PPV", "temperature scaling"); naming it is not saying
 * anything about it, so it needs, in the same clause, a word of the point's own text that it does not
 * contain itself.
 */
function* qualifiedSynonym(synonym: Phrase, own: Phrase, index: AnswerIndex): Generator<number[]> {
  // Most synonyms are not in a given answer at all.
  if (!synonym.units.every((u) => occurrences(index, u).length > 0)) return;
  const named = new Set(synonym.units.map((u) => u.key));
  const qualifiers = own.units.filter((u) => !named.has(u.key));
  const clauses = new Map<number, number[]>();
  for (const q of qualifiers) {
    for (const t of occurrences(index, q)) {
      const clause = index.tokens[t]?.clause ?? -1;
      const list = clauses.get(clause);
      if (list) list.push(t);
      else clauses.set(clause, [t]);
    }
  }
  for (const [clause, qualifying] of clauses) {
    if (!isStatement(index, clause) || contradicts(index, own.units, clause)) continue;
    const naming = synonym.units.map((u) =>
      occurrences(index, u).find((t) => index.tokens[t]?.clause === clause),
    );
    if (!naming.every((t) => t !== undefined)) continue;
    // The qualifier must be a word of its own, not part of the synonym ("k-space", "BI-RADS").
    const separate = qualifying.filter(
      (t) => !naming.includes(t) && !(index.tokens[t]?.hyphenated && naming.includes(t - 1)),
    );
    if (separate.length > 0) yield [...(naming as number[]), ...separate];
  }
}

function occurrences(index: AnswerIndex, unit: Unit): number[] {
  const memoKey = `${unit.negated ? '!' : ''}${unit.exact === undefined ? unit.key : `=${unit.exact}`}`;
  let found = index.occurrences.get(memoKey);
  if (found === undefined) {
    found = findOccurrences(index, unit);
    index.occurrences.set(memoKey, found);
  }
  return found;
}

function findOccurrences(index: AnswerIndex, unit: Unit): number[] {
  if (unit.exact !== undefined) {
    return (index.byRaw.get(unit.exact) ?? []).filter((t) => index.tokens[t]?.negated === unit.negated);
  }
  const same = (index.byKey.get(unit.key) ?? []).filter((t) => index.tokens[t]?.negated === unit.negated);
  const others = opposites(unit.key);
  if (others === undefined) return same;
  const flipped = [...others].flatMap((other) =>
    (index.byKey.get(other) ?? []).filter((t) => index.tokens[t]?.negated !== unit.negated),
  );
  return flipped.length === 0 ? same : [...new Set([...same, ...flipped])].sort((a, b) => a - b);
}

/** The clause says the opposite of one of the point's words. */
function contradicts(index: AnswerIndex, units: readonly Unit[], clause: number): boolean {
  return units.some((unit) => {
    const others = unit.exact === undefined ? opposites(unit.key) : undefined;
    if (others === undefined) return false;
    for (const other of others) {
      // "numbers before and after": a point that names both sides is not contradicted by either.
      if (units.some((u) => u.key === other)) continue;
      for (const t of index.byKey.get(other) ?? []) {
        const token = index.tokens[t];
        if (token?.clause === clause && token.negated === unit.negated) return true;
      }
    }
    return false;
  });
}

function isStatement(index: AnswerIndex, clause: number): boolean {
  return (index.clauseSize[clause] ?? 0) >= STATEMENT_MIN_WORDS;
}

/** The clause that holds the evidence, as the user wrote it, cut around the evidence when long. */
function quote(index: AnswerIndex, evidence: readonly number[]): string {
  const clause = index.tokens[evidence[0] as number]?.clause;
  const inClause = index.tokens.filter((t) => t.clause === clause);
  const spanText = (from: number, to: number) =>
    index.text.slice((inClause[from] as Token).start, (inClause[to] as Token).end).replace(/\s+/g, ' ');
  const last = inClause.length - 1;
  if (spanText(0, last).length <= QUOTE_MAX_LENGTH) return spanText(0, last);
  // Whole words around the evidence, grown one word at a time on either side while they fit.
  const positions = evidence.map((t) => inClause.indexOf(index.tokens[t] as Token)).filter((i) => i >= 0);
  let from = Math.min(...positions);
  let to = from;
  const fits = (a: number, b: number) => spanText(a, b).length <= QUOTE_MAX_LENGTH - 2;
  for (let grew = true; grew; ) {
    grew = false;
    if (to < last && fits(from, to + 1)) [to, grew] = [to + 1, true];
    if (from > 0 && fits(from - 1, to)) [from, grew] = [from - 1, true];
  }
  return `${from > 0 ? '…' : ''}${spanText(from, to)}${to < last ? '…' : ''}`;
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
const phraseMemo = new BoundedMemo<Phrase>(20_000, 400);
const stemMemo = new BoundedMemo<string>(30_000, 40);

/** Entries held by the memos (for tests of the bound). */
export function memoSize(): number {
  return phraseMemo.size + stemMemo.size + neededMemo.size;
}

function phraseOf(text: string): Phrase {
  return phraseMemo.get(text, computePhrase);
}

const neededMemo = new BoundedMemo<Phrase>(5_000, 200);

/** A "(needs: …)" phrase keeps every word, in order: "more than two" is not "two". */
function neededPhraseOf(text: string): Phrase {
  return neededMemo.get(text, (phrase) => ({
    units: scan(phrase).map(
      (token) =>
        toUnit(token.raw, token.negated) ?? { key: stem(token.raw.toLowerCase()), negated: token.negated },
    ),
  }));
}

function computePhrase(text: string): Phrase {
  const units: (Unit | null)[] = [];
  let compound = '';
  for (const token of scan(text)) {
    if (token.hyphenated && compound !== '' && !carriesPolarity(token.raw) && !carriesPolarity(compound)) {
      // "cross-entropy", "k-space", "Grad-CAM" name one thing: one unit, written joined, hyphenated
      // or spaced in the answer (the index joins adjacent words).
      units[units.length - 1] = {
        key: compoundKey(compound, token.raw.toLowerCase()),
        negated: token.negated,
      };
      compound += token.raw.toLowerCase();
      continue;
    }
    compound = /^\p{L}/u.test(token.raw) ? token.raw.toLowerCase() : '';
    units.push(toUnit(token.raw, token.negated));
  }
  const seen = new Map<string, Unit>();
  for (const unit of units) if (unit && !seen.has(unit.key)) seen.set(unit.key, unit);
  return { units: [...seen.values()] };
}

// "between-class" must stay two words: "within-class" says the opposite.
function carriesPolarity(word: string): boolean {
  return opposites(stem(word.toLowerCase())) !== undefined;
}

function toUnit(token: string, negated: boolean): Unit | null {
  const lower = token.toLowerCase();
  if (isAbbreviation(token)) {
    // "HU", "CT", "FDA": stemming would mangle them, so they are compared whole (case-insensitively;
    // a plural "CTs" in the answer also counts).
    const key = abbreviationKey(lower);
    return STOPWORDS.has(lower) ? { key, exact: token, negated } : { key, negated };
  }
  const camel = camelKey(token);
  if (camel !== undefined) return { key: camel, negated };
  // Single letters are initials or list markers ("a)", the "s" of "user's"); single digits count.
  if (STOPWORDS.has(lower) || (lower.length === 1 && !/\d/.test(lower))) return null;
  return { key: stem(lower), negated };
}

function indexAnswer(answer: string): AnswerIndex {
  const tokens = scan(answer);
  const byKey = new Map<string, number[]>();
  const byRaw = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, t: number) => {
    const list = map.get(key);
    if (list) {
      if (list[list.length - 1] !== t) list.push(t);
    } else map.set(key, [t]);
  };
  tokens.forEach((token, t) => {
    add(byRaw, token.raw, t);
    const lower = token.raw.toLowerCase();
    add(byKey, stem(lower), t);
    add(byKey, abbreviationKey(lower), t);
    if (lower.length > 2 && lower.endsWith('s')) add(byKey, abbreviationKey(lower.slice(0, -1)), t);
    const camel = camelKey(token.raw);
    if (camel !== undefined) add(byKey, camel, t);
    // "multi-class" written as one word in the bank: also try each adjacent pair joined up.
    const next = tokens[t + 1];
    if (next !== undefined && next.clause === token.clause) {
      add(byKey, compoundKey(lower, next.raw.toLowerCase()), t);
    }
  });
  return { text: answer, tokens, byKey, byRaw, clauseSize: joinListItems(tokens), occurrences: new Map() };
}

/**
 * "Readers look for masses, calcifications, architectural distortion and asymmetries": the short
 * items after a statement belong to it, so their clause becomes the statement's. Items after a
 * short first clause ("Dice, IoU, overlap") stay apart: nothing states them. Returns the words per
 * (joined) clause, counting a hyphenated compound as one word.
 */
function joinListItems(tokens: Token[]): number[] {
  const words = new Map<number, number>();
  for (const token of tokens) {
    if (!token.hyphenated) words.set(token.clause, (words.get(token.clause) ?? 0) + 1);
  }
  const size: number[] = [];
  const joinedTo = new Map<number, number>();
  let previous: Token | undefined;
  for (const token of tokens) {
    if (!joinedTo.has(token.clause)) {
      const own = words.get(token.clause) ?? 0;
      const lead = previous && previous.sentence === token.sentence ? previous.clause : undefined;
      const join =
        own < STATEMENT_MIN_WORDS && lead !== undefined && (size[lead] ?? 0) >= STATEMENT_MIN_WORDS;
      joinedTo.set(token.clause, join ? (lead as number) : token.clause);
      if (!join) size[token.clause] = own;
    }
    token.clause = joinedTo.get(token.clause) as number;
    previous = token;
  }
  return size;
}

/**
 * Splits text into word tokens with their sentence, clause and negation. Letters and digits only, so
 * punctuation and hyphens separate words ("self-supervised" becomes "self supervised"); accents are
 * folded so "Frechet" matches "Fréchet" (offsets stay those of the original text).
 */
function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let negatedUntilClause = -1;
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const start = m.index ?? 0;
    const gap = text.slice(last, start);
    last = start + m[0].length;
    // Most gaps are one space: nothing to decide.
    if (tokens.length > 0 && gap !== ' ') {
      if (endsSentence(gap, m[0])) {
        sentence += 1;
        clause += 1;
      } else if (/[,;[\]]|\s[-–—]\s|\//.test(gap)) clause += 1;
    }
    // ASCII words need no folding (most of them: the check is cheaper than normalising).
    const word = /^[a-zA-Z0-9]*$/.test(m[0]) ? m[0] : m[0].normalize('NFKD').replace(/\p{M}+/gu, '');
    // "-1000 HU" is not "1000 HU": a minus sign before a number (not a hyphen inside "0-80") is kept.
    const before = text[start - 1];
    const minus = (before === '-' || before === '−') && /^[\s(=]?$/.test(text[start - 2] ?? '');
    const raw = minus && /^\d/.test(word) ? `-${word}` : word;
    // A colon or a closing quote ends what a negation covers, even inside one clause:
    // '"the label does not change": augmentations must preserve it' asserts the second part.
    if (gap.includes(':') || /^["”»]/.test(gap)) negatedUntilClause = -1;
    if (word === '') continue;
    const lower = raw.toLowerCase();
    const previous = tokens[tokens.length - 1];
    if (CLAUSE_STARTS.has(lower)) clause += 1;
    // "don't", "isn't": the apostrophe splits off a "t" after a word ending in "n".
    if (
      lower === 't' &&
      previous &&
      previous.clause === clause &&
      /n$/i.test(previous.raw) &&
      /^['’]$/.test(gap)
    ) {
      negatedUntilClause = clause;
      continue;
    }
    if (NEGATIONS.has(lower)) negatedUntilClause = clause;
    if (
      (lower === 'than' || lower === 'of' || lower === 'to') &&
      previous &&
      previous.clause === clause &&
      CONTRASTS.has(`${previous.raw.toLowerCase()} ${lower}`)
    ) {
      negatedUntilClause = clause;
    }
    tokens.push({
      raw,
      start,
      end: last,
      sentence,
      clause,
      negated: negatedUntilClause === clause && !NEGATIONS.has(lower),
      hyphenated: gap === '-' && previous?.clause === clause && /^\p{L}/u.test(word),
    });
  }
  return tokens;
}

// A full stop, question or exclamation mark followed by a space and a capital (so "e.g. the" and
// "0.5" do not end a sentence), or a line break (bullet lists).
function endsSentence(gap: string, nextWord: string): boolean {
  if (/\n/.test(gap)) return true;
  // Closing quotes, brackets and markdown emphasis may sit between the stop and the space: "**Done.** Next".
  return /[.!?]["'”’)*_]*\s/.test(gap) && /^[\p{Lu}\p{N}]/u.test(nextWord);
}

/** Written in capitals in the key point: "HU", "CT", "FDA", "T1". */
function isAbbreviation(token: string): boolean {
  return /^[A-Z][A-Z0-9]+$/.test(token);
}

function abbreviationKey(lower: string): string {
  return `#${lower}`;
}

/**
 * Two words written as one ("crossentropy", "cross-entropy", "cross entropy"): the first as written,
 * the last stemmed, so a pair costs no stemming of its own (pairs are mostly one-offs).
 */
function compoundKey(firstLower: string, lastLower: string): string {
  return `${firstLower}${stem(lastLower)}`;
}

/**
 * DICOM keywords and names written in CamelCase ("InstanceNumber", "ImagePositionPatient") are
 * compounds: keyed like "instance number" written as a pair, so either spelling matches the other.
 */
function camelKey(token: string): string | undefined {
  const parts = token.split(/(?<=[a-z])(?=[A-Z])/);
  if (parts.length < 2) return undefined;
  const last = (parts.pop() as string).toLowerCase();
  return compoundKey(parts.join('').toLowerCase(), last);
}

function stem(lower: string): string {
  return stemMemo.get(lower, (word) => stemmer(americanise(adverbToAdjective(word))));
}

// Porter keeps "-ly" ("linearly" is not "linear"); answers turn adjectives into adverbs freely.
function adverbToAdjective(word: string): string {
  if (word.length < 7 || !word.endsWith('ly')) return word;
  if (word.endsWith('ically')) return word.slice(0, -4);
  if (word.endsWith('ily')) return `${word.slice(0, -3)}y`;
  return word.endsWith('ally') || word.endsWith('bly') ? word : word.slice(0, -2);
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
