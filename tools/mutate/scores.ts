// The mutation-testing scopes and the score of a Stryker JSON report (mutation-testing-report-schema).

export interface Scope {
  name: string;
  config: string;
  report: string;
  /** The floor, in percent. */
  target: number;
}

export const SCOPES: readonly Scope[] = [
  { name: 'core', config: 'stryker.config.json', report: 'reports/mutation/core.json', target: 85 },
  { name: 'store', config: 'stryker.store.config.json', report: 'reports/mutation/store.json', target: 75 },
  {
    name: 'store-tools',
    config: 'stryker.store-tools.config.json',
    report: 'reports/mutation/store-tools.json',
    target: 75,
  },
  { name: 'daily', config: 'stryker.daily.config.json', report: 'reports/mutation/daily.json', target: 75 },
  {
    name: 'services',
    config: 'stryker.services.config.json',
    report: 'reports/mutation/services.json',
    target: 75,
  },
];

export function scopeOf(name: string): Scope {
  const scope = SCOPES.find((s) => s.name === name);
  if (!scope) throw new Error(`unknown scope ${name}`);
  return scope;
}

export interface StrykerReport {
  files: Record<string, { mutants: { status: string; mutatorName?: string; location?: unknown }[] }>;
}

export interface Score {
  score: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}

/** Stryker's score: detected (killed or timed out) over every valid mutant; ignored ones do not count. */
export function mutationScore(report: StrykerReport, files?: (file: string) => boolean): Score {
  const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    if (files && !files(file)) continue;
    for (const m of mutants) {
      if (m.status === 'Killed') count.killed++;
      else if (m.status === 'Timeout') count.timeout++;
      else if (m.status === 'Survived') count.survived++;
      else if (m.status === 'NoCoverage') count.noCoverage++;
      else if (m.status === 'Ignored') count.ignored++;
    }
  }
  const detected = count.killed + count.timeout;
  const valid = detected + count.survived + count.noCoverage;
  return { score: valid === 0 ? 100 : (100 * detected) / valid, ...count };
}
