/**
 * Tab completion for the sandbox prompt, from the commands the bot registered. Options the bot
 * autocompletes itself (topic, id, timezone) are answered by asking the bot, as Discord does.
 */
import type { OptionValue } from '../emulator/types.ts';
import {
  type CommandDef,
  convertOption,
  type Directory,
  leafOf,
  META_COMMANDS,
  OptionType,
  splitOptions,
} from './parse.ts';

export type Completion =
  | { kind: 'list'; items: string[]; word: string }
  | {
      kind: 'ask-bot';
      name: string;
      subcommand?: string;
      options: Record<string, OptionValue>;
      focused: string;
      typed: string;
      word: string;
    };

const isGroup = (o: { type: number }) =>
  o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup;
const none = (word: string): Completion => ({ kind: 'list', items: [], word });
const startingWith = (items: string[], word: string): Completion => ({
  kind: 'list',
  items: items.filter((i) => i.toLowerCase().startsWith(word.toLowerCase())),
  word,
});

export function complete(line: string, defs: CommandDef[], dir: Directory): Completion {
  const word = /\S*$/.exec(line)?.[0] ?? '';
  const before = line.slice(0, line.length - word.length);
  if (before.trim() === '') {
    if (word.startsWith(':')) return startingWith([...META_COMMANDS.map((m) => `${m} `)], word);
    if (word !== '' && !word.startsWith('/')) return none(word);
    return startingWith([...defs.map((d) => `/${d.name} `), '/as '], word);
  }
  const [head = '', ...words] = before.trim().split(/\s+/);
  if (head === ':time') return startingWith(['+1h', '+1d', '+1w'], word);
  if (head === '/as' || head === ':as') {
    return words.length === 0
      ? startingWith(
          dir.users.map((u) => `${u.name} `),
          word,
        )
      : startingWith(['admin'], word);
  }
  const def = defs.find((d) => `/${d.name}` === head.toLowerCase());
  if (!def) return none(word);
  const leaf = leafOf(def, words);
  if (!leaf.ok) {
    // still choosing the subcommand (group): walk the complete words, offer the next level
    let level = def.options;
    for (const w of words) {
      const sub = level.find((o) => o.name === w.toLowerCase() && isGroup(o));
      if (!sub) return none(word);
      level = sub.options;
    }
    return startingWith(
      level.filter(isGroup).map((o) => `${o.name} `),
      word,
    );
  }
  const options = leaf.value.options;
  const colon = word.indexOf(':');
  if (colon < 0) {
    const used = new Set(
      [...before.matchAll(/(?:^|\s)([a-z][\w-]*):/gi)].map((m) => (m[1] ?? '').toLowerCase()),
    );
    return startingWith(
      options.filter((o) => !used.has(o.name)).map((o) => `${o.name}:`),
      word,
    );
  }
  const name = word.slice(0, colon).toLowerCase();
  const typed = word.slice(colon + 1);
  const opt = options.find((o) => o.name === name);
  if (!opt) return none(word);
  const prefix = `${name}:`;
  if (opt.choices.length)
    return startingWith(
      opt.choices.map((c) => `${prefix}${c.value} `),
      word,
    );
  if (opt.autocomplete) {
    const others: Record<string, OptionValue> = {};
    const split = splitOptions(words.slice(leaf.value.used).join(' '));
    for (const o of split.ok ? split.value : []) {
      const d = options.find((x) => x.name === o.name);
      const v = d && convertOption(d, o.raw, dir);
      if (v?.ok) others[o.name] = v.value;
    }
    return {
      kind: 'ask-bot',
      name: def.name,
      ...(leaf.value.path.length ? { subcommand: leaf.value.path.join(' ') } : {}),
      options: others,
      focused: name,
      typed,
      word,
    };
  }
  const values: Record<number, string[]> = {
    [OptionType.Boolean]: ['true', 'false'],
    [OptionType.Channel]: dir.channels.map((c) => `#${c.name}`),
    [OptionType.Role]: dir.roles.map((r) => `@${r.name}`),
    [OptionType.User]: dir.users.map((u) => `@${u.name}`),
  };
  return startingWith(
    (values[opt.type] ?? []).map((v) => `${prefix}${v} `),
    word,
  );
}
