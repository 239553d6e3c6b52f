/** The HTTP server: request pipeline (record → latency → faults → auth → rate limit → route) and uploads. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Faults } from './faults.ts';
import { ATTACHMENT_SIZE_LIMIT, type InteractionRecord } from './interactions.ts';
import { boundaryOf, type MultipartPart, parseMultipart } from './multipart.ts';
import type { Core } from './rest.ts';
import type { Reply, Router } from './router.ts';
import type { RecordedRequest } from './types.ts';
import { ClosedError, type Timers } from './util.ts';

export interface ServerDeps {
  core: Core;
  router: Router;
  faults: Faults;
  timers: Timers;
  token: string;
  requests: RecordedRequest[];
  onRequestDone(rec: RecordedRequest): void;
}

const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodePath(p: string): string {
  return p
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined && reply.status !== 204) {
    const text = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  } else {
    res.writeHead(reply.status, headers);
    res.end();
  }
}

/** The interaction a request belongs to (to track in-flight requests for settled()). */
function interactionOf(core: Core, path: string): InteractionRecord | undefined {
  const m = /^\/interactions\/([^/]+)\/([^/]+)\/callback$/.exec(path);
  if (m?.[1]) return core.interactionById(m[1]);
  const w = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path);
  if (w?.[1]) return core.interactionByToken(w[1]);
  return undefined;
}

export function createHttpServer(deps: ServerDeps): Server {
  const { core, router, faults, timers } = deps;

  const serveAttachment = (path: string, res: ServerResponse): void => {
    const m = /^\/attachments\/[^/]+\/([^/]+)\//.exec(path);
    const data = m?.[1] ? core.state.attachmentData(m[1]) : undefined;
    if (!m?.[1] || !data) {
      send(res, { status: 404, body: { message: '404: Not Found', code: 0 } });
      return;
    }
    res.writeHead(200, {
      'Content-Type': core.state.attachmentContentType(m[1]) ?? 'application/octet-stream',
      'Content-Length': String(data.length),
    });
    res.end(data);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/attachments/') && method === 'GET') {
      serveAttachment(url.pathname, res);
      return;
    }
    const api = /^\/api(?:\/v(\d+))?(\/.*)?$/.exec(url.pathname);
    const version = api?.[1];
    const path = decodePath(api ? (api[2] ?? '/') : url.pathname);
    const raw = await readBody(req);
    const rec: RecordedRequest = { method, path, query: url.search, body: undefined, status: 0, at };
    deps.requests.push(rec);

    const finish = (reply: Reply): void => {
      rec.status = reply.status;
      rec.durationMs = performance.now() - at;
      send(res, reply);
      deps.onRequestDone(rec);
    };

    // body
    let body: unknown;
    let files: MultipartPart[] = [];
    const contentType = String(req.headers['content-type'] ?? '');
    try {
      if (raw.length > 0 && contentType.startsWith('multipart/form-data')) {
        const boundary = boundaryOf(contentType);
        if (!boundary) throw new Error('multipart without boundary');
        const parts = parseMultipart(raw, boundary);
        const payload = parts.find((p) => p.name === 'payload_json');
        body = payload ? JSON.parse(payload.data.toString('utf8')) : {};
        files = parts.filter((p) => p.filename !== undefined);
        rec.files = files.map((f) => ({
          field: f.name,
          filename: f.filename ?? '',
          contentType: f.contentType ?? 'application/octet-stream',
          size: f.data.length,
        }));
      } else if (raw.length > 0) {
        body = JSON.parse(raw.toString('utf8'));
      }
    } catch (e) {
      rec.body = raw.toString('utf8').slice(0, 2000);
      core.violate({ method, path }, 'invalid-body', `unparseable body: ${(e as Error).message}`);
      finish({ status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } });
      return;
    }
    rec.body = body;
    const uploaded = files.reduce((n, f) => n + f.data.length, 0);
    if (uploaded > ATTACHMENT_SIZE_LIMIT) {
      core.violate(
        { method, path },
        'attachment-size',
        `files of ${uploaded} bytes exceed the ${ATTACHMENT_SIZE_LIMIT}-byte attachment limit`,
      );
      finish({ status: 413, body: { message: 'Request entity too large', code: 40005 } });
      return;
    }

    const it = interactionOf(core, path);
    if (it) {
      it.inFlight++;
      it.touch();
    }
    try {
      const latency = faults.latencyFor(path, url.pathname);
      if (latency > 0) await timers.sleep(latency);

      const fault = faults.take(method, path, url.pathname);
      if (fault) {
        if (fault.delayMs > 0) await timers.sleep(fault.delayMs);
        finish({ status: fault.status, body: fault.body, headers: fault.headers });
        return;
      }

      const match = api && version === '10' ? router.match(method, path) : ({ kind: 'not-found' } as const);
      if (match.kind !== 'ok') {
        core.violate(
          { method, path },
          'unknown-route',
          `${method} ${url.pathname} is not a route the emulator knows`,
        );
        finish(
          match.kind === 'method-not-allowed'
            ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } }
            : { status: 404, body: { message: '404: Not Found', code: 0 } },
        );
        return;
      }

      if (match.auth) {
        if (req.headers.authorization !== `Bot ${deps.token}`) {
          core.violate(
            { method, path },
            'unauthorized',
            req.headers.authorization ? 'wrong Authorization header' : 'missing Authorization header',
          );
          finish({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
          return;
        }
        const limited = faults.rateLimit();
        if (limited) {
          finish({ status: limited.status, body: limited.body, headers: limited.headers });
          return;
        }
      }

      const reply = await match.handler({
        method,
        path,
        params: match.params,
        query: url.searchParams,
        body,
        files,
        headers: req.headers,
        rec,
        // Modelled arrival: when the request came in, plus any injected network latency.
        arrivedAt: at + latency,
        interaction: it,
      });
      finish(reply);
    } finally {
      if (it) {
        it.inFlight--;
        it.touch();
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ClosedError) {
        res.destroy();
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      core.violate({ method: req.method ?? '?', path: req.url ?? '?' }, 'emulator-error', message);
      send(res, { status: 500, body: { message: `500: Emulator error: ${message}`, code: 0 } });
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
