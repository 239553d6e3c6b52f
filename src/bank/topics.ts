// The bank's topic vocabulary, read from the bank's own `topics.md`: adding a topic is a bank
// edit, never a code change. A question whose topic is not listed there is a bank error.
import type { Topic } from '../core/types.ts';
import type { BankProblem } from './parse.ts';

export type { Topic };

export const TOPICS_FILE = 'topics.md';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SLUG_MAX = 40;
const NAME_MAX = 80;
const ALIAS_MAX = 40;

/**
 * `## slug` starts a topic; `- name: …` and `- aliases: a, b` describe it; other lines are prose
 * for humans. Every problem is reported with its line.
 */
export function parseTopicsFile(file: string, text: string): { topics: Topic[]; problems: BankProblem[] } {
  const problems: BankProblem[] = [];
  const topics: (Topic & { line: number })[] = [];
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  let current: { slug: string; line: number; name?: string; aliases: string[] } | undefined;
  const close = () => {
    if (!current) return;
    if (current.name === undefined) problem(current.line, `topic "${current.slug}" has no "- name: …" line`);
    else
      topics.push({ slug: current.slug, name: current.name, aliases: current.aliases, line: current.line });
    current = undefined;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const heading = /^##\s+(.*?)\s*$/.exec(raw);
    if (heading) {
      close();
      const slug = heading[1] ?? '';
      if (!SLUG.test(slug) || slug.length > SLUG_MAX) {
        problem(
          line,
          `topic slug "${slug}" must be lowercase kebab-case of at most ${SLUG_MAX} characters, like "deep-learning"`,
        );
      } else if (topics.some((t) => t.slug === slug)) {
        problem(line, `topic "${slug}" is defined twice`);
      } else {
        current = { slug, line, aliases: [] };
      }
      return;
    }
    const field = /^-\s+([a-z]+):\s*(.*?)\s*$/.exec(raw);
    if (!field || !current) return;
    const [, key, value = ''] = field;
    if (key === 'name') {
      if (value.length === 0 || value.length > NAME_MAX)
        problem(line, `a topic name has 1-${NAME_MAX} characters`);
      else current.name = value;
    } else if (key === 'aliases') {
      for (const alias of value
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a.length > 0)) {
        if (alias !== alias.toLowerCase() || alias.length > ALIAS_MAX) {
          problem(line, `alias "${alias}" must be lowercase and at most ${ALIAS_MAX} characters`);
        } else current.aliases.push(alias);
      }
    } else {
      problem(line, `unknown topic field "${key}" (use "- name:" and "- aliases:")`);
    }
  });
  close();
  // An alias (or name) that two topics claim would make `/question topic:` ambiguous.
  const owner = new Map<string, string>();
  for (const t of topics) {
    for (const word of new Set([t.slug, t.name.toLowerCase(), ...t.aliases])) {
      const other = owner.get(word);
      if (other !== undefined && other !== t.slug) {
        problem(t.line, `"${word}" names both topic "${other}" and topic "${t.slug}"`);
      } else owner.set(word, t.slug);
    }
  }
  if (topics.length === 0 && problems.length === 0)
    problem(1, 'no topics: add "## slug" headings with "- name:" lines');
  return { topics: topics.map(({ line: _, ...t }) => t), problems };
}

/** A topic from what a user typed: its slug, its name, or one of its aliases (case-insensitive). */
export function resolveTopic(topics: readonly Topic[], input: string): string | undefined {
  const typed = input.trim().toLowerCase();
  return topics.find((t) => t.slug === typed || t.name.toLowerCase() === typed || t.aliases.includes(typed))
    ?.slug;
}

/** Topics whose slug, name or aliases contain what the user has typed so far (for autocomplete). */
export function searchTopics(topics: readonly Topic[], input: string): Topic[] {
  const typed = input.trim().toLowerCase();
  return topics.filter(
    (t) =>
      t.slug.includes(typed) ||
      t.name.toLowerCase().includes(typed) ||
      t.aliases.some((a) => a.includes(typed)),
  );
}

export function topicName(topics: readonly Topic[], slug: string): string {
  return topics.find((t) => t.slug === slug)?.name ?? slug;
}
