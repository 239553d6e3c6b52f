// The real bank's topics (questions/topics.md), for tests that validate or build banks of their own.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTopicsFile, TOPICS_FILE } from '../../src/bank/topics.ts';
import type { Topic } from '../../src/core/types.ts';

const FILE = fileURLToPath(new URL(`../../questions/${TOPICS_FILE}`, import.meta.url));

export const BANK_TOPICS: readonly Topic[] = (() => {
  const { topics, problems } = parseTopicsFile(FILE, readFileSync(FILE, 'utf8'));
  if (problems.length > 0) throw new Error(`questions/${TOPICS_FILE} is invalid: ${problems[0]?.message}`);
  return topics;
})();

/** Gives a test's own question folder the real bank's topics. */
export function copyTopics(dir: string): void {
  copyFileSync(FILE, join(dir, TOPICS_FILE));
}
