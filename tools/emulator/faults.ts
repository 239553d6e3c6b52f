/** Fault injection, artificial latency and the optional global rate limit. */
import type { FaultSpec } from './types.ts';

interface ActiveFault extends FaultSpec {
  remaining: number;
}

export interface FaultAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  delayMs: number;
}

const STATUS_TEXT: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  405: '405: Method Not Allowed',
  429: 'You are being rate limited.',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
  504: '504: Gateway Timeout',
};

function matches(re: RegExp, shortPath: string, fullPath: string): boolean {
  re.lastIndex = 0;
  if (re.test(shortPath)) return true;
  re.lastIndex = 0;
  return re.test(fullPath);
}

export class Faults {
  private faults: ActiveFault[] = [];
  private latencies: { path: RegExp; ms: number }[] = [];
  private readonly window: number[] = [];

  constructor(
    private readonly now: () => number,
    private readonly globalRateLimit: number | null,
  ) {}

  inject(f: FaultSpec): void {
    if (!Number.isInteger(f.status) || f.status < 100 || f.status > 599) {
      throw new RangeError(`injectFault: invalid status ${f.status}`);
    }
    this.faults.push({ ...f, remaining: f.times ?? 1 });
  }

  /** setLatency(path, 0) removes the latency for that exact pattern. */
  setLatency(path: RegExp, ms: number): void {
    this.latencies = this.latencies.filter(
      (l) => l.path.source !== path.source || l.path.flags !== path.flags,
    );
    if (ms > 0) this.latencies.push({ path, ms });
  }

  latencyFor(shortPath: string, fullPath: string): number {
    for (let i = this.latencies.length - 1; i >= 0; i--) {
      const l = this.latencies[i];
      if (l && matches(l.path, shortPath, fullPath)) return l.ms;
    }
    return 0;
  }

  /** Consumes one matching fault, if any. */
  take(method: string, shortPath: string, fullPath: string): FaultAnswer | undefined {
    const idx = this.faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        matches(f.path, shortPath, fullPath),
    );
    const f = this.faults[idx];
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.faults.splice(idx, 1);
    const headers: Record<string, string> = {};
    const body: Record<string, unknown> = {
      code: f.code ?? 0,
      message: f.message ?? STATUS_TEXT[f.status] ?? `${f.status}: Injected fault`,
    };
    if (f.status === 429) {
      const retryAfter = f.retryAfterSec ?? 0.1;
      headers['Retry-After'] = String(retryAfter);
      headers['X-RateLimit-Scope'] = 'user';
      body.retry_after = retryAfter;
      body.global = false;
    } else if (f.retryAfterSec !== undefined) {
      headers['Retry-After'] = String(f.retryAfterSec);
    }
    return { status: f.status, body, headers, delayMs: f.delayMs ?? 0 };
  }

  /** Global rate limit over a sliding one-second window; returns a 429 answer when exceeded. */
  rateLimit(): FaultAnswer | undefined {
    const limit = this.globalRateLimit;
    if (limit === null || limit <= 0) return undefined;
    const t = this.now();
    while (this.window.length > 0 && (this.window[0] ?? 0) <= t - 1000) this.window.shift();
    if (this.window.length >= limit) {
      const oldest = this.window[0] ?? t;
      const retryAfter = Math.max(0.001, (oldest + 1000 - t) / 1000);
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 },
        headers: {
          'Retry-After': retryAfter.toFixed(3),
          'X-RateLimit-Global': 'true',
          'X-RateLimit-Scope': 'global',
        },
        delayMs: 0,
      };
    }
    this.window.push(t);
    return undefined;
  }
}
