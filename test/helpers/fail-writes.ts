// Store faults injected inside SQLite itself (a trigger), so writes fail through the real path.
import { type KvStore, NAMESPACE, TABLE } from '../../src/store/open.ts';

/** Fails every write of keys matching `glob` (without the namespace); returns how to heal. */
export async function failWrites(store: Pick<KvStore, 'query'>, glob: string): Promise<() => Promise<void>> {
  const pattern = `${NAMESPACE}:${glob}`.replace(/'/g, "''");
  const name = `fail_${Math.random().toString(36).slice(2, 8)}`;
  for (const op of ['INSERT', 'UPDATE'])
    await store.query(
      `CREATE TRIGGER ${name}_${op.toLowerCase()} BEFORE ${op} ON ${TABLE} WHEN NEW.key GLOB '${pattern}' BEGIN SELECT RAISE(ABORT, 'injected write failure'); END`,
    );
  return async () => {
    for (const op of ['insert', 'update']) await store.query(`DROP TRIGGER ${name}_${op}`);
  };
}
