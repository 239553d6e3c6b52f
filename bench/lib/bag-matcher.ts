// The key-point matcher as it was before it checked statements, negations and opposites (commit
// 1db6120): a point is covered when 60% of its content stems (at least 2), or every stem of one of
// its synonyms, occur anywhere in the answer. Kept here only as the matcher suite's baseline.
import { stemmer } from 'stemmer';
import type { KeyPoint } from '../../src/core/types.ts';

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

const stems = new Map<string, string>();
const stem = (w: string) => {
  const known = stems.get(w);
  if (known !== undefined) return known;
  const s = stemmer(w);
  stems.set(w, s);
  return s;
};
const unitsMemo = new Map<string, string[]>();
function units(phrase: string): string[] {
  let u = unitsMemo.get(phrase);
  if (!u) {
    const words = phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    u = [...new Set(words.filter((w) => !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w))).map(stem))];
    unitsMemo.set(phrase, u);
  }
  return u;
}

export function bagMatch(answer: string, keyPoints: readonly KeyPoint[]): number[] {
  const tokens = answer.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const keys = new Set<string>();
  tokens.forEach((t, i) => {
    keys.add(stem(t));
    const next = tokens[i + 1];
    if (next !== undefined) keys.add(stem(t + next));
  });
  const covered: number[] = [];
  keyPoints.forEach((point, i) => {
    if (point.synonyms.some((s) => units(s).length > 0 && units(s).every((u) => keys.has(u)))) {
      covered.push(i);
      return;
    }
    const own = units(point.text);
    const needed = own.length <= 2 ? own.length : Math.max(2, Math.ceil(own.length * 0.6));
    if (own.length > 0 && own.filter((u) => keys.has(u)).length >= needed) covered.push(i);
  });
  return covered;
}
