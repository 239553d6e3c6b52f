// @keyv/test-suite is written for vitest but only calls `it`, `beforeEach`, `afterEach` and a small
// set of `expect` matchers: this maps them onto node:test and node:assert, so the suite runs inside
// `npm test` with no second runner.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';

const matchers = (actual: unknown) => ({
  toBe: (expected: unknown) =>
    assert.ok(Object.is(actual, expected), `${String(actual)} is ${String(expected)}`),
  toEqual: (expected: unknown) => assert.deepStrictEqual(actual, expected),
  toBeTruthy: () => assert.ok(actual),
  toBeFalsy: () => assert.ok(!actual),
  toBeUndefined: () => assert.equal(actual, undefined),
  toBeNull: () => assert.equal(actual, null),
  toBeDefined: () => assert.notEqual(actual, undefined),
  toContain: (expected: unknown) =>
    assert.ok((actual as { includes(v: unknown): boolean }).includes(expected)),
  not: { toBe: (expected: unknown) => assert.ok(!Object.is(actual, expected)) },
});

type Body = (context: { expect: unknown }) => unknown;

export const vitestLike = {
  beforeEach: (fn: () => unknown) => beforeEach(async () => void (await fn())),
  afterEach: (fn: () => unknown) => afterEach(async () => void (await fn())),
  it: (name: string, fn: Body) =>
    it(name, async () => {
      let made = 0;
      let planned: number | undefined;
      const expect = Object.assign(
        (value: unknown) => {
          made++;
          return matchers(value);
        },
        {
          assertions: (n: number) => {
            planned = n;
          },
        },
      );
      await fn({ expect });
      if (planned !== undefined) assert.equal(made, planned, 'expected number of assertions');
    }),
};
