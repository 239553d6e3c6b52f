import { type KvStore, NAMESPACE, TABLE } from './open.ts';

/**
 * Every key under a prefix, read straight from SQLite. Keyv's iterator pages with OFFSET, has no
 * order and overflows the stack on large sets; a range on the primary key is one indexed query.
 * For rebuilds and deletions, never per request.
 */
export async function scanPrefix(store: KvStore, prefix: string): Promise<{ key: string; value: unknown }[]> {
  const full = `${NAMESPACE}:${prefix}`;
  // The upper bound is the prefix with its last character incremented: [prefix, next) is the range.
  const upper = full.slice(0, -1) + String.fromCharCode(full.charCodeAt(full.length - 1) + 1);
  const rows = (await store.query(
    `SELECT key, value FROM ${TABLE} WHERE key >= ? AND key < ?`,
    full,
    upper,
  )) as { key: string; value: string }[];
  return rows.map((row) => ({
    key: row.key.slice(NAMESPACE.length + 1),
    value: (JSON.parse(row.value) as { value?: unknown }).value,
  }));
}
