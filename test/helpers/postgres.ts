// A real PostgreSQL server for tests: Debian's `postgresql` package (installed by .ci/run), one
// private cluster per test process on 127.0.0.1 (initdb into a temp folder, password auth), a fresh
// database per test. No mocks. Without the package, outside CI, the PostgreSQL tests are skipped.
import { type PostgresServer, postgresBin, startCluster } from '../../tools/postgres/cluster.ts';

export {
  PG_PASSWORD,
  PG_USER,
  type PostgresServer,
  postgresBin,
  startCluster,
} from '../../tools/postgres/cluster.ts';

/** Why PostgreSQL tests cannot run here, or undefined when they can (CI must have it). */
export function postgresUnavailable(): string | undefined {
  if (postgresBin()) return undefined;
  const reason = 'PostgreSQL is not installed (apt install postgresql; .ci/run does)';
  if (process.env.CI) throw new Error(`${reason}: CI must run the PostgreSQL tests`);
  return reason;
}

let server: Promise<PostgresServer> | undefined;

/** The test process's shared cluster, started on first use and stopped when the process exits. */
export function postgres(): Promise<PostgresServer> {
  server ??= startCluster();
  return server;
}
