import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlidingWindowLimiter } from '../../src/core/rate-limit.ts';

test('given a sliding window of 3 a minute, then the 4th event within a minute is refused with the wait, and allowed once the first leaves the window', () => {
  const limiter = new SlidingWindowLimiter(3, 60_000);
  for (const t of [0, 10_000, 20_000]) assert.deepEqual(limiter.take('u', t), { ok: true });
  assert.deepEqual(limiter.take('u', 30_000), { ok: false, retryAfterMs: 30_000 });
  assert.deepEqual(limiter.take('other', 30_000), { ok: true }, 'per key');
  assert.deepEqual(limiter.take('u', 60_001), { ok: true });
});

test('given more keys than the limiter keeps, then the least recently used is forgotten and memory stays bounded', () => {
  const limiter = new SlidingWindowLimiter(1, 60_000, 2);
  limiter.take('a', 0);
  limiter.take('b', 0);
  limiter.take('c', 0);
  assert.deepEqual(limiter.take('a', 1), { ok: true }, 'a was forgotten');
  assert.equal(limiter.take('c', 1).ok, false);
});

test('given an event exactly one window ago, then it has left the window', () => {
  const limiter = new SlidingWindowLimiter(1, 1000);
  assert.deepEqual(limiter.take('u', 0), { ok: true });
  assert.deepEqual(limiter.take('u', 999), { ok: false, retryAfterMs: 1 });
  assert.deepEqual(limiter.take('u', 1000), { ok: true });
});
