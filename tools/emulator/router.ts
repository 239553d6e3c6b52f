/** A tiny method + path-pattern router for the REST API. */
import type { InteractionRecord } from './interactions.ts';
import type { MultipartPart } from './multipart.ts';
import type { RecordedRequest } from './types.ts';

export interface Ctx {
  method: string;
  /** Decoded path below /api/v10. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: MultipartPart[];
  headers: Record<string, string | string[] | undefined>;
  rec: RecordedRequest;
  /** performance.now() of the request's arrival (plus injected latency), before body parsing. */
  arrivedAt: number;
  interaction?: InteractionRecord | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  /** Needs `Authorization: Bot <token>` (interaction callbacks and webhook-token routes do not). */
  auth: boolean;
}

export type Match =
  | { kind: 'ok'; handler: Handler; params: Record<string, string>; auth: boolean }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler, opts: { auth?: boolean } = {}): void {
    this.routes.push({ method, segments: splitPath(pattern), handler, auth: opts.auth ?? true });
  }

  match(method: string, path: string): Match {
    const segs = splitPath(path);
    let pathMatched = false;
    for (const r of this.routes) {
      if (r.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length; i++) {
        const pat = r.segments[i] ?? '';
        const seg = segs[i] ?? '';
        if (pat.startsWith(':')) params[pat.slice(1)] = seg;
        else if (pat !== seg) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (r.method !== method) {
        pathMatched = true;
        continue;
      }
      return { kind: 'ok', handler: r.handler, params, auth: r.auth };
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}
