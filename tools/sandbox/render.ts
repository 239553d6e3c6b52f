/**
 * Bot messages as terminal text. Pure (the caller passes the clock, the names and the next button
 * number), so what people see in the sandbox is unit-tested with colour on and off.
 */
import type { EmuComponent, EmuEmbed, EmuMessage } from '../emulator/types.ts';

export interface Names {
  channel(id: string): string | undefined;
  role(id: string): string | undefined;
  user(id: string): string | undefined;
}

export interface RenderOptions {
  colour: boolean;
  /** The sandbox clock, for `<t:…:R>` ("in 3 days"). */
  now: Date;
  names: Names;
  /** Number of the first button of this message; numbers keep counting across the session. */
  firstButton: number;
  /** Timezone for `<t:…>` (default: the machine's, as a Discord client would). */
  timeZone?: string;
  /** The message as last shown: embeds an update did not change are not printed again. */
  previous?: EmuMessage;
}

export interface Heading {
  /** e.g. 'reply to /question', 'posted in #daily'. */
  what: string;
  ephemeral: boolean;
  updated?: boolean;
}

export interface RenderedButton {
  n: number;
  customId: string;
  label: string;
  /** A string select menu's options: pressing its number asks which to pick. */
  options?: { label: string; value: string }[];
}

export interface Rendered {
  lines: string[];
  buttons: RenderedButton[];
}

export type Paint = (text: string) => string;

export function palette(on: boolean) {
  const sgr =
    (open: string, close = '0'): Paint =>
    (t) =>
      on ? `\x1b[${open}m${t}\x1b[${close}m` : t;
  return {
    bold: sgr('1', '22'),
    dim: sgr('2', '22'),
    italic: sgr('3', '23'),
    red: sgr('31', '39'),
    green: sgr('32', '39'),
    yellow: sgr('33', '39'),
    blue: sgr('34', '39'),
    magenta: sgr('35', '39'),
    cyan: sgr('36', '39'),
    grey: sgr('90', '39'),
    rgb: (hex: number | undefined): Paint =>
      hex === undefined
        ? sgr('90', '39')
        : sgr(`38;2;${(hex >> 16) & 255};${(hex >> 8) & 255};${hex & 255}`, '39'),
  };
}

const UNITS: [number, string][] = [
  [365 * 86_400_000, 'year'],
  [30 * 86_400_000, 'month'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

export function relativeTime(at: Date, now: Date): string {
  const diff = at.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const unit = UNITS.find(([ms]) => abs >= ms);
  if (!unit) return diff >= 0 ? 'in less than a minute' : 'just now';
  const n = Math.round(abs / unit[0]);
  const text = `${n} ${unit[1]}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

/** 90000000 → '1d 1h'; minutes only when under a day. */
export function formatDuration(ms: number): string {
  const d = Math.floor(ms / 86_400_000);
  const h = Math.floor((ms % 86_400_000) / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m && !d ? `${m}m` : ''].filter(Boolean);
  return parts.join(' ') || '0m';
}

function timestamp(seconds: number, style: string | undefined, o: RenderOptions): string {
  const at = new Date(seconds * 1000);
  if (style === 'R') return relativeTime(at, o.now);
  const zone = o.timeZone ? { timeZone: o.timeZone } : {};
  const date = { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' } as const;
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' } as const;
  const parts =
    style === 't' || style === 'T' ? time : style === 'd' || style === 'D' ? date : { ...date, ...time };
  return new Intl.DateTimeFormat('en-GB', { ...parts, ...zone }).format(at);
}

/** Discord markdown and mentions → terminal text (bold kept as bold; ids shown as names). */
export function inline(text: string, o: RenderOptions): string {
  const p = palette(o.colour);
  return text
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, s: string, style?: string) =>
      p.cyan(timestamp(Number(s), style, o)),
    )
    .replace(/<#(\d+)>/g, (_, id: string) => p.blue(`#${o.names.channel(id) ?? id}`))
    .replace(/<@&(\d+)>/g, (_, id: string) => p.blue(`@${o.names.role(id) ?? id}`))
    .replace(/<@!?(\d+)>/g, (_, id: string) => p.blue(`@${o.names.user(id) ?? id}`))
    .replace(/\*\*(.+?)\*\*/g, (_, t: string) => p.bold(t))
    .replace(/(?<!`)`([^`\n]+)`(?!`)/g, (_, t: string) => (o.colour ? p.yellow(t) : `\`${t}\``))
    .replace(/\\([*_~`|>\\])/g, '$1');
}

const BUTTON_STYLE: Record<number, keyof ReturnType<typeof palette>> = {
  1: 'blue',
  2: 'grey',
  3: 'green',
  4: 'red',
};

function attachmentName(url: string | undefined): string | undefined {
  return url?.startsWith('attachment://') ? url.slice('attachment://'.length) : url;
}

function embedLines(e: EmuEmbed, o: RenderOptions): string[] {
  const p = palette(o.colour);
  const bar = `${p.rgb(e.color)('▌')} `;
  const out: string[] = [];
  const add = (text: string, style: Paint = (t) => t) => {
    for (const line of inline(text, o).split('\n')) out.push(bar + style(line));
  };
  if (e.author?.name) add(e.author.name, p.dim);
  if (e.title) add(e.title, p.bold);
  if (e.description) add(e.description);
  for (const f of e.fields ?? []) {
    if (!f.value.includes('\n')) add(`${p.bold(f.name)}: ${f.value}`);
    else {
      add(p.bold(f.name));
      add(f.value.replace(/^/gm, '  '));
    }
  }
  if (e.image?.url) add(`[image] ${attachmentName(e.image.url)}`, p.dim);
  if (e.thumbnail?.url) add(`[thumbnail] ${attachmentName(e.thumbnail.url)}`, p.dim);
  if (e.footer?.text) add(e.footer.text, p.dim);
  return out;
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** Buttons and string menus get session-wide numbers; link buttons and other menus are only shown. */
function componentLines(components: EmuComponent[], o: RenderOptions, buttons: RenderedButton[]): string[] {
  const p = palette(o.colour);
  const out: string[] = [];
  const walk = (list: EmuComponent[]) => {
    const row: string[] = [];
    for (const c of list) {
      if (c.type === 2 && c.style === 5) row.push(p.blue(`[link] ${c.label ?? ''} ${c.url ?? ''}`.trim()));
      else if (c.type === 2 && c.custom_id !== undefined) {
        const n = o.firstButton + buttons.length;
        buttons.push({ n, customId: c.custom_id, label: c.label ?? '' });
        const paint = p[BUTTON_STYLE[c.style ?? 2] ?? 'grey'] as Paint;
        const text = `[${n}] ${c.label ?? c.custom_id}`;
        row.push(c.disabled ? p.dim(`${text} (disabled)`) : paint(text));
      } else if (c.type === 3 && c.custom_id !== undefined) {
        const n = o.firstButton + buttons.length;
        const options = (Array.isArray(c.options) ? c.options : []) as {
          label: string;
          value: string;
          default?: boolean;
        }[];
        const label = String(c.placeholder ?? 'select menu');
        buttons.push({ n, customId: c.custom_id, label, options });
        row.push(p.blue(`[${n}] ☰ ${label} (press ${n}, then pick by number)`));
        out.push(row.splice(0).join('   '));
        for (const [i, opt] of options.entries()) {
          out.push(`     ${opt.default ? '☑' : '☐'} ${i + 1}. ${opt.label}`);
        }
      } else if ([3, 5, 6, 7, 8].includes(c.type)) {
        row.push(
          p.dim(`[menu] ${String(c.placeholder ?? 'select menu')} (menus are not supported in the sandbox)`),
        );
      } else if (c.type === 10 && typeof c.content === 'string') {
        out.push(...inline(c.content, o).split('\n'));
      }
      if (c.components) walk(c.components);
      if (c.accessory) walk([c.accessory]);
    }
    if (row.length) out.push(row.join('   '));
  };
  walk(components);
  return out;
}

export function renderMessage(msg: EmuMessage, head: Heading, o: RenderOptions): Rendered {
  const p = palette(o.colour);
  const tags = [head.what, head.ephemeral ? 'only you can see this' : '', head.updated ? 'updated' : ''];
  const lines = [p.cyan(`── bot · ${tags.filter(Boolean).join(' · ')}`)];
  const indent = (l: string) => `   ${l}`;
  if (msg.content) lines.push(...inline(msg.content, o).split('\n').map(indent));
  const same =
    o.previous && msg.embeds.length > 0 && JSON.stringify(o.previous.embeds) === JSON.stringify(msg.embeds);
  if (same)
    lines.push(
      indent(p.dim(`(${msg.embeds.length === 1 ? 'embed' : `${msg.embeds.length} embeds`} as above)`)),
    );
  else for (const e of msg.embeds) lines.push(...embedLines(e, o).map(indent));
  for (const a of msg.attachments) {
    const kind = a.content_type ? `${a.content_type}, ` : '';
    lines.push(indent(p.magenta(`[file] ${a.filename} (${kind}${formatSize(a.size)}) ${a.url}`)));
  }
  const buttons: RenderedButton[] = [];
  lines.push(...componentLines(msg.components, o, buttons).map(indent));
  if (lines.length === 1) lines.push(indent(p.dim('(empty message)')));
  return { lines, buttons };
}
