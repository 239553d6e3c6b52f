/**
 * Reading what the sandbox user types: slash commands written as in Discord (`/daily set
 * channel:#general time:09:00`), typed by the definitions the bot registered, and the sandbox's own
 * `:commands`. Pure, so the odd cases are unit-tested without a bot.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { OptionValue } from '../emulator/types.ts';

/** Discord's application-command option types (one enum for the emulator and the sandbox). */
export const OptionType = ApplicationCommandOptionType;

export interface Choice {
  name: string;
  value: string | number;
}

export interface OptionDef {
  type: number;
  name: string;
  required: boolean;
  autocomplete: boolean;
  choices: Choice[];
  options: OptionDef[];
}

export interface CommandDef {
  name: string;
  description: string;
  options: OptionDef[];
}

/** Names the user can write instead of ids: `#general`, `@Study group`, `@alice`. */
export interface Directory {
  channels: { id: string; name: string }[];
  roles: { id: string; name: string }[];
  users: { id: string; name: string }[];
  /** Files attached with `:attach`, by file name (an attachment option names one). */
  files?: { id: string; name: string }[];
}

export interface SlashCall {
  name: string;
  /** 'sub' or 'group sub', as the emulator expects. */
  subcommand?: string;
  options: Record<string, OptionValue>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

function toOptionDefs(raw: unknown): OptionDef[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(record).map((o) => ({
    type: typeof o.type === 'number' ? o.type : OptionType.String,
    name: String(o.name ?? ''),
    required: o.required === true,
    autocomplete: o.autocomplete === true,
    choices: Array.isArray(o.choices)
      ? o.choices.map(record).map((c) => ({ name: String(c.name), value: c.value as string | number }))
      : [],
    options: toOptionDefs(o.options),
  }));
}

/** The emulator stores registered commands as raw JSON; this keeps only what the sandbox reads. */
export function toCommandDefs(raw: unknown[]): CommandDef[] {
  return raw.map(record).map((c) => ({
    name: String(c.name ?? ''),
    description: String(c.description ?? ''),
    options: toOptionDefs(c.options),
  }));
}

const isGroup = (o: OptionDef) => o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup;

/** Walks `words` down subcommand groups; returns the leaf's options and how many words it used. */
export function leafOf(
  def: CommandDef,
  words: string[],
): Result<{ path: string[]; options: OptionDef[]; used: number }> {
  let level = def.options;
  const path: string[] = [];
  while (level.some(isGroup)) {
    const word = words[path.length];
    const subs = level.filter(isGroup);
    const label = `/${[def.name, ...path].join(' ')}`;
    if (!word) return fail(`${label} needs a subcommand: ${subs.map((s) => s.name).join(', ')}`);
    const sub = subs.find((s) => s.name === word.toLowerCase());
    if (!sub)
      return fail(`${label} has no subcommand "${word}"; choose ${subs.map((s) => s.name).join(', ')}`);
    path.push(sub.name);
    level = sub.options;
  }
  return { ok: true, value: { path, options: level, used: path.length } };
}

// An option starts at a word `name:` (not `http://`); values run until the next one, so they may hold spaces.
const OPTION_START = /(^|\s)([a-z][\w-]*):(?!\/\/)/gi;

export function splitOptions(text: string): Result<{ name: string; raw: string }[]> {
  const starts = [...text.matchAll(OPTION_START)].map((m) => ({
    name: (m[2] ?? '').toLowerCase(),
    at: (m.index ?? 0) + (m[1] ?? '').length,
    valueAt: (m.index ?? 0) + m[0].length,
  }));
  const before = text.slice(0, starts[0]?.at ?? text.length).trim();
  if (before) return fail(`unexpected "${before}": write options as name:value`);
  return {
    ok: true,
    value: starts.map((s, i) => ({
      name: s.name,
      raw: unquote(text.slice(s.valueAt, starts[i + 1]?.at).trim()),
    })),
  };
}

function unquote(v: string): string {
  const m = /^(["'])(.*)\1$/s.exec(v);
  return m ? (m[2] ?? '') : v;
}

/** A channel, role or user by mention, id or name; `sigil` is the prefix people type (#, @). */
function lookup(
  list: { id: string; name: string }[],
  raw: string,
  mention: RegExp,
  sigil: string,
): string | undefined {
  const id = mention.exec(raw)?.[1] ?? (/^\d{17,20}$/.test(raw) ? raw : undefined);
  if (id) return list.some((x) => x.id === id) ? id : undefined;
  const name = (raw.startsWith(sigil) ? raw.slice(sigil.length) : raw).trim().toLowerCase();
  return list.find((x) => x.name.toLowerCase() === name)?.id;
}

const names = (list: { name: string }[], sigil: string) =>
  list.map((x) => `${sigil}${x.name}`).join(', ') || 'none';

export function convertOption(def: OptionDef, raw: string, dir: Directory): Result<OptionValue> {
  if (raw === '') return fail(`option ${def.name} needs a value, e.g. ${def.name}:${example(def, dir)}`);
  if (def.choices.length > 0) {
    const lower = raw.toLowerCase();
    const hit = def.choices.find(
      (c) => String(c.value).toLowerCase() === lower || c.name.toLowerCase() === lower,
    );
    if (!hit) return fail(`${def.name} must be one of ${def.choices.map((c) => c.value).join(', ')}`);
    return { ok: true, value: hit.value };
  }
  switch (def.type) {
    case OptionType.Integer:
    case OptionType.Number: {
      const n = Number(raw);
      const whole = def.type === OptionType.Integer;
      if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) {
        return fail(`${def.name} must be ${whole ? 'a whole number' : 'a number'}, not "${raw}"`);
      }
      return { ok: true, value: n };
    }
    case OptionType.Boolean: {
      const v = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(v)) return { ok: true, value: true };
      if (['false', 'no', 'off', '0'].includes(v)) return { ok: true, value: false };
      return fail(`${def.name} must be true or false, not "${raw}"`);
    }
    case OptionType.Channel: {
      const id = lookup(dir.channels, raw, /^<#(\d+)>$/, '#');
      return id
        ? { ok: true, value: id }
        : fail(`unknown channel "${raw}"; channels: ${names(dir.channels, '#')}`);
    }
    case OptionType.Role: {
      const id = lookup(dir.roles, raw, /^<@&(\d+)>$/, '@');
      return id ? { ok: true, value: id } : fail(`unknown role "${raw}"; roles: ${names(dir.roles, '@')}`);
    }
    case OptionType.User:
    case OptionType.Mentionable: {
      const role =
        def.type === OptionType.Mentionable ? lookup(dir.roles, raw, /^<@&(\d+)>$/, '@') : undefined;
      const id = role ?? lookup(dir.users, raw, /^<@!?(\d+)>$/, '@');
      if (id) return { ok: true, value: id };
      return fail(`unknown user "${raw}"; members who have used the bot: ${names(dir.users, '@')}`);
    }
    case OptionType.Attachment: {
      const file = dir.files?.find((f) => f.name === raw.trim());
      if (file) return { ok: true, value: file.id };
      return fail(
        `${def.name} is a file: attach one first with :attach path/to/file.md, then use ${def.name}:${dir.files?.[0]?.name ?? 'file.md'}`,
      );
    }
    default:
      return { ok: true, value: raw };
  }
}

function example(def: OptionDef, dir: Directory): string {
  if (def.choices[0]) return String(def.choices[0].value);
  if (def.type === OptionType.Channel) return `#${dir.channels[0]?.name ?? 'general'}`;
  if (def.type === OptionType.Role) return `@${dir.roles[0]?.name ?? 'role'}`;
  if (def.type === OptionType.User) return `@${dir.users[0]?.name ?? 'alice'}`;
  if (def.type === OptionType.Boolean) return 'true';
  return '...';
}

/** `/name [sub] opt:value ...` → what emu.slash needs, or a one-line reason it cannot be sent. */
export function parseSlash(line: string, defs: CommandDef[], dir: Directory): Result<SlashCall> {
  const text = line.trim().replace(/^\//, '');
  const name = (/^\S+/.exec(text)?.[0] ?? '').toLowerCase();
  const def = defs.find((d) => d.name === name);
  if (!def) {
    return fail(
      `unknown command "/${name}"; commands: ${defs.map((d) => `/${d.name}`).join(', ')} (the sandbox adds /as)`,
    );
  }
  let rest = text.slice(name.length).trim();
  const words = rest.split(/\s+/).filter(Boolean);
  const leaf = leafOf(def, words);
  if (!leaf.ok) return leaf;
  for (let i = 0; i < leaf.value.used; i++) rest = rest.replace(/^\S+\s*/, '');
  const label = `/${[def.name, ...leaf.value.path].join(' ')}`;

  const split = splitOptions(rest);
  if (!split.ok) return fail(`${label}: ${split.error}`);
  const known = leaf.value.options;
  const options: Record<string, OptionValue> = {};
  for (const { name: optName, raw } of split.value) {
    const opt = known.find((o) => o.name === optName);
    if (!opt) {
      const list = known.map((o) => o.name).join(', ');
      return fail(
        `${label} has no option "${optName}"${list ? `; options: ${list}` : ' (it takes no options)'}`,
      );
    }
    if (optName in options) return fail(`${label}: option ${optName} given twice`);
    const value = convertOption(opt, raw, dir);
    if (!value.ok) return fail(`${label}: ${value.error}`);
    options[optName] = value.value;
  }
  const missing = known.filter((o) => o.required && !(o.name in options));
  if (missing.length > 0) {
    const hint = missing.map((o) => `${o.name}:${example(o, dir)}`).join(' ');
    return fail(`${label} needs ${missing.map((o) => o.name).join(', ')}, e.g. ${label} ${hint}`);
  }
  return {
    ok: true,
    value: {
      name: def.name,
      ...(leaf.value.path.length ? { subcommand: leaf.value.path.join(' ') } : {}),
      options,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// the sandbox's own commands

export type Action =
  | { kind: 'empty' }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'press'; target: number | string }
  | { kind: 'as'; name: string; admin: boolean }
  | { kind: 'time'; deltaMs?: number }
  | { kind: 'dm' }
  | { kind: 'elsewhere' }
  | { kind: 'attach'; path: string }
  | { kind: 'slash'; line: string }
  | { kind: 'error'; message: string };

export const META_COMMANDS = [
  ':help',
  ':press',
  ':time',
  ':as',
  ':dm',
  ':elsewhere',
  ':attach',
  ':quit',
] as const;

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** `+1d`, `2h`, `+1d12h`, `+90m` → milliseconds. The sandbox clock only moves forward. */
export function parseDuration(text: string): Result<number> {
  const t = text.trim().toLowerCase();
  if (t.startsWith('-'))
    return fail('the sandbox clock only moves forward (restart with --fresh to start over)');
  const body = t.replace(/^\+/, '');
  if (!/^(\d+[wdhm])+$/.test(body))
    return fail(`"${text}" is not a duration; use e.g. +1d, +2h, +30m, +1w or +1d12h`);
  let ms = 0;
  for (const m of body.matchAll(/(\d+)([wdhm])/g)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return ms > 0 ? { ok: true, value: ms } : fail('the duration must be more than zero');
}

const USER_NAME = /^[\w.-]{1,32}$/;

export function parseAction(line: string): Action {
  const text = line.trim();
  if (text === '') return { kind: 'empty' };
  if (/^\d+$/.test(text)) return { kind: 'press', target: Number(text) };
  const [head = '', ...args] = text.split(/\s+/);
  const rest = text.slice(head.length).trim();
  switch (head.toLowerCase()) {
    case ':help':
    case ':h':
    case '/?':
      return { kind: 'help' };
    case ':quit':
    case ':q':
    case ':exit':
      return { kind: 'quit' };
    case ':press':
    case ':p': {
      if (!rest) return { kind: 'error', message: ':press needs a button number or label, e.g. :press 2' };
      return { kind: 'press', target: /^\d+$/.test(rest) ? Number(rest) : rest };
    }
    case ':time': {
      if (!rest) return { kind: 'time' };
      const d = parseDuration(rest);
      return d.ok ? { kind: 'time', deltaMs: d.value } : { kind: 'error', message: d.error };
    }
    case ':dm':
      return { kind: 'dm' };
    case ':elsewhere':
      return { kind: 'elsewhere' };
    case ':attach':
      return rest
        ? { kind: 'attach', path: rest }
        : { kind: 'error', message: 'usage: :attach path/to/file.md' };
    case '/as':
    case ':as': {
      const [name = '', role, ...extra] = args;
      const admin = role?.toLowerCase() === 'admin';
      if (!USER_NAME.test(name) || (role !== undefined && !admin) || extra.length > 0) {
        return { kind: 'error', message: 'usage: /as NAME [admin], e.g. /as alice or /as bob admin' };
      }
      return { kind: 'as', name: name.toLowerCase(), admin };
    }
    default:
      if (text.startsWith('/')) return { kind: 'slash', line: text };
      if (text.startsWith(':'))
        return { kind: 'error', message: `unknown sandbox command "${head}"; type :help` };
      return {
        kind: 'error',
        message: 'type a slash command (e.g. /question), a button number, or :help',
      };
  }
}
