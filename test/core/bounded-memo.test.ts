import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedMemo } from '../../src/core/bounded-memo.ts';
import { matchKeyPoints, memoSize } from '../../src/core/keypoints.ts';

test('given more distinct keys than the bound, then the memo holds at most twice the bound and still returns the right values', () => {
  const memo = new BoundedMemo<number>(100, 10);
  for (let i = 0; i < 10_000; i++)
    assert.equal(
      memo.get(`k${i}`, (k) => k.length),
      `k${i}`.length,
    );
  assert.ok(memo.size <= 200, `size ${memo.size}`);
});

test('given a key used again and again, then it survives generations of other keys (least recently used goes first)', () => {
  const memo = new BoundedMemo<number>(10, 10);
  let computed = 0;
  const hot = () => memo.get('hot', () => ++computed);
  hot();
  for (let i = 0; i < 100; i++) {
    memo.get(`cold${i}`, () => 0);
    hot();
  }
  assert.equal(computed, 1);
});

test('given keys longer than the limit, then they are computed every time and never kept', () => {
  const memo = new BoundedMemo<string>(10, 5);
  assert.equal(
    memo.get('a-long-key', (k) => k.toUpperCase()),
    'A-LONG-KEY',
  );
  assert.equal(memo.size, 0);
});

test('given thousands of distinct long answers made of made-up words, when they are matched, then the matcher memos stay bounded', () => {
  const keyPoints = [{ text: 'patient study series instance hierarchy', synonyms: [] }];
  let seed = 1;
  const word = () => {
    let w = '';
    for (let i = 0; i < 12; i++) {
      seed = (seed * 48271) % 2147483647;
      w += String.fromCharCode(97 + (seed % 26));
    }
    return w;
  };
  for (let n = 0; n < 400; n++) {
    const answer = Array.from({ length: 300 }, word).join(' ');
    matchKeyPoints(answer, keyPoints);
  }
  // 120,000 distinct words (and as many adjacent pairs) went through; the memos keep a bounded few.
  assert.ok(memoSize() <= 2 * (20_000 + 30_000 + 5_000), `memo entries ${memoSize()}`);
});

test('given a bound of 2, then a key survives one generation switch (promoted on use), is dropped after two, and size counts both generations', () => {
  const memo = new BoundedMemo<number>(2, 3);
  let computed = 0;
  const get = (k: string) => memo.get(k, () => ++computed);
  get('a');
  get('b');
  assert.equal(memo.size, 2);
  get('c'); // current {a,b} becomes previous
  assert.equal(memo.size, 3);
  assert.equal(computed, 3);
  get('a'); // from previous: not computed again
  assert.equal(computed, 3);
  get('d'); // current {c,a} full -> previous; {b} dropped
  get('e');
  get('f'); // {d,e} -> previous; {c,a} dropped
  const before = computed;
  get('b');
  assert.equal(computed, before + 1, 'b was dropped');
  assert.equal(
    memo.get('abc', () => 0),
    0,
  );
  assert.ok(memo.size >= 1, 'a key of exactly the maximum length is kept');
  const exact = new BoundedMemo<number>(5, 3);
  exact.get('abc', () => 1);
  assert.equal(exact.size, 1);
});
