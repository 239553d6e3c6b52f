// What a suite returns, and the table run.ts prints for it.

export interface Figure {
  /** What was measured, e.g. "/question p99 @200/s". */
  name: string;
  value: number;
  unit: string;
  /** The same figure for the baseline, measured in the same run. */
  baseline?: number;
  /** What the baseline is, e.g. "pong client" or "1k users". */
  baselineLabel?: string;
  /** value / baseline (computed when both exist, unless given). */
  ratio?: number;
  /** Human-readable target, e.g. "≤ 25 ms" or "≤ 1.5× baseline". */
  target?: string;
  /** Whether the target is met; undefined for informational figures. */
  met?: boolean;
}

export interface SuiteResult {
  suite: string;
  /** Commit of the code measured ('+dirty' with local changes in src/, commands/ or questions/). */
  commit: string;
  quick: boolean;
  date: string;
  durationS: number;
  figures: Figure[];
  notes: string[];
  /** Raw detail (per-run samples summaries etc.) kept in results.json only. */
  detail?: unknown;
}

export interface SuiteContext {
  quick: boolean;
  /** Progress lines on stderr (the tables go to stdout). */
  log(message: string): void;
  /** Extra command-line flags after the suite names (e.g. --inproc). */
  flags: ReadonlySet<string>;
}

export interface Suite {
  name: string;
  description: string;
  run(ctx: SuiteContext): Promise<Omit<SuiteResult, 'suite' | 'commit' | 'quick' | 'date' | 'durationS'>>;
}

export function fig(f: Figure): Figure {
  const ratio = f.ratio ?? (f.baseline !== undefined && f.baseline !== 0 ? f.value / f.baseline : undefined);
  return ratio === undefined ? f : { ...f, ratio };
}

function fmt(n: number | undefined, unit = ''): string {
  if (n === undefined) return '';
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return unit ? `${n} ${unit}` : String(n);
  const abs = Math.abs(n);
  const s = abs >= 1000 ? n.toFixed(0) : abs >= 100 ? n.toFixed(1) : abs >= 10 ? n.toFixed(2) : n.toFixed(3);
  return unit ? `${s} ${unit}` : s;
}

export function formatTable(result: SuiteResult): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'met'];
  const rows = result.figures.map((f) => [
    f.name,
    fmt(f.value, f.unit),
    f.baseline === undefined
      ? ''
      : `${fmt(f.baseline, f.unit)}${f.baselineLabel ? ` (${f.baselineLabel})` : ''}`,
    f.ratio === undefined ? '' : `${fmt(f.ratio)}×`,
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [
    `## ${result.suite}${result.quick ? ' (--quick)' : ''}: ${result.durationS.toFixed(0)} s`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  for (const n of result.notes) out.push(`- ${n}`);
  return out.join('\n');
}
