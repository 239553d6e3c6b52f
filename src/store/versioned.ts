import type { z } from 'zod';
import { writeCheck } from './write-check.ts';

// Every stored record carries `v`, its schema version. A record type declares its current version
// and one migration per older version (v1 -> v2, v2 -> v3 …). A read runs the migrations in order,
// then zod-parses the result against the current schema. A record newer than the code is refused:
// the code cannot know what it would drop by rewriting it.

/** Turns the raw JSON of version n into the raw JSON of version n + 1. */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

export class RecordTooNewError extends Error {
  constructor(
    readonly key: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `stored record ${key} is version ${found}, but this build reads up to version ${supported}: it was written by a newer release. Upgrade the bot; the record was left untouched.`,
    );
    this.name = 'RecordTooNewError';
  }
}

export class CorruptRecordError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`stored record ${key} does not match its schema: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}

export interface RecordType<S extends z.ZodType> {
  schema: S;
  version: number;
  /** Parses a stored value: `migrated` says it was older and should be written back. */
  read(raw: unknown, key: string): { value: z.infer<S>; migrated: boolean };
  /** Checks a record about to be written (throws a ZodError); see write-check.ts. */
  check(record: z.infer<S>): void;
}

export function recordType<S extends z.ZodType>(
  schema: S,
  version: number,
  migrations: Record<number, Migration> = {},
): RecordType<S> {
  for (let from = 1; from < version; from++) {
    if (!migrations[from]) throw new Error(`record type v${version} has no migration from v${from}`);
  }
  const checker = writeCheck(schema);
  return {
    schema,
    version,
    check: (record) => checker.check(record),
    read(raw, key) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new CorruptRecordError(key, 'not an object');
      }
      let record = raw as Record<string, unknown>;
      const found = record.v;
      if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) {
        throw new CorruptRecordError(key, `no valid version (v = ${JSON.stringify(found)})`);
      }
      if (found > version) throw new RecordTooNewError(key, found, version);
      for (let v = found; v < version; v++) {
        record = { ...(migrations[v] as Migration)(record), v: v + 1 };
      }
      const parsed = schema.safeParse(record);
      if (!parsed.success) throw new CorruptRecordError(key, parsed.error.message);
      checker.vouch(parsed.data);
      return { value: parsed.data, migrated: found < version };
    },
  };
}
