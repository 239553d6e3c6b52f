// The benchmarks' PostgreSQL: a private cluster from Debian's package, started once per run with
// PostgreSQL's own defaults (fsync, synchronous commit), as a production server runs.
import { type PostgresServer, postgresBin, startCluster } from '../../tools/postgres/cluster.ts';

let cluster: Promise<PostgresServer> | undefined;

/** A fresh database on the bench's cluster; throws a clear message without PostgreSQL. */
export async function postgresDatabase(): Promise<string> {
  if (!postgresBin()) throw new Error('PostgreSQL is not installed (apt install postgresql)');
  cluster ??= startCluster({ durable: true });
  return (await cluster).createDatabase();
}
