import { createHash } from 'node:crypto';
import type { KvStore } from './open.ts';
import { MAX_ROWS_PER_STATEMENT } from './writer.ts';

export interface CopyResult {
  records: number;
  /** sha256 over every key and value in key order: equal in both stores after a copy. */
  checksum: string;
}

/** Count and sha256 of rows given in key order. */
class Fingerprint {
  private readonly hash = createHash('sha256');
  records = 0;

  add(key: string, value: string): void {
    this.hash.update(key).update('\0').update(value).update('\n');
    this.records++;
  }

  result(): CopyResult {
    return { records: this.records, checksum: this.hash.digest('hex') };
  }
}

/** Count and checksum of a store's rows, read in key order. */
export async function fingerprint(store: KvStore): Promise<CopyResult> {
  const print = new Fingerprint();
  for await (const [key, value] of store.raw.rows()) print.add(key, value);
  return print.result();
}

/**
 * Checks that every row of `from` is in `to` with the same bytes, walking both in key order (both
 * adapters iterate in byte order of the keys); returns the rows of `to` that are not in `from`.
 */
async function verifyCopied(from: KvStore, to: KvStore): Promise<number> {
  const target = to.raw.rows();
  let next = await target.next();
  let extra = 0;
  for await (const [key, value] of from.raw.rows()) {
    while (!next.done && next.value[0] < key) {
      extra++;
      next = await target.next();
    }
    if (next.done || next.value[0] !== key)
      throw new Error(`verification failed: ${key} is missing in the target`);
    if (next.value[1] !== value) throw new Error(`verification failed: ${key} differs in the target`);
    next = await target.next();
  }
  for (; !next.done; next = await target.next()) extra++;
  return extra;
}

/**
 * Copies every record of `from` into `to` byte for byte (keys and serialized values as stored), then
 * verifies it: every source row reads back identical from the target, which into an empty target
 * also means the same count and checksum. A target that already holds records is refused unless
 * `force` (copied keys are then overwritten, the target's other records kept). Run it with the bot
 * stopped.
 */
export async function copyStore(
  from: KvStore,
  to: KvStore,
  opts: { force?: boolean } = {},
): Promise<CopyResult> {
  const existing = await fingerprint(to);
  if (existing.records > 0 && !opts.force) {
    throw new Error(
      `the target already holds ${existing.records} records; copy into an empty store, or pass --force`,
    );
  }
  const source = new Fingerprint();
  let batch: [string, string][] = [];
  for await (const row of from.raw.rows()) {
    source.add(...row);
    batch.push(row);
    if (batch.length === MAX_ROWS_PER_STATEMENT) {
      await to.raw.put(batch);
      batch = [];
    }
  }
  await to.raw.put(batch);
  const extra = await verifyCopied(from, to);
  if (existing.records === 0 && extra > 0) {
    throw new Error(`verification failed: the target holds ${extra} records the source does not`);
  }
  return source.result();
}
