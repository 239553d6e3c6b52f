import { createServer, type Server } from 'node:http';
import type { Logger } from './logger.ts';

export interface HealthReport {
  ready: boolean;
  version: string;
  gateway: 'starting' | 'ready' | 'reconnecting';
  store: { ok: boolean; error?: string };
  lastDailyRun: string | null;
  uptimeSeconds: number;
}

/**
 * `GET /healthz` on HEALTH_PORT: the report as JSON, 200 when ready (gateway connected, store
 * answering), 503 otherwise. Anything else is 404. For a supervisor's or a container's health check.
 */
export async function startHealthServer(o: {
  port: number;
  host: string;
  report: () => Promise<{ ready: boolean }>;
  logger: Logger;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    o.report().then(
      (report) => {
        res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(report));
      },
      (err: unknown) => {
        o.logger.error({ err }, 'health check failed');
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"ready":false}');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  o.logger.info({ host: o.host, port }, 'health endpoint listening on /healthz');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
