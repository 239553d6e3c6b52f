import { z } from 'zod';

// A record about to be written is checked against its schema so a bug can never persist a record
// that would be refused when read back. Most of a record is unchanged between writes: the pure
// reducers copy a record and replace the parts they change, so a nested object that was already
// checked (or came out of a read's parse) is the same object the next time. Those are remembered
// by identity (a WeakSet: nothing is kept alive) and skipped, so a write costs the parts it
// changed, not the whole record (a member's progress map holds one card per question answered).
// Records are treated as immutable once checked: code that changed one in place would be a bug
// the read-back parse still refuses, as before.

export interface WriteCheck {
  /** Throws a ZodError when the record does not match its schema. */
  check(record: unknown): void;
  /** Remembers the parts of a record the schema has just parsed (a read). */
  vouch(record: unknown): void;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && !Array.isArray(value);

/** Unwraps optional / default wrappers to find a record (map) schema, if the field is one. */
function isMap(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner instanceof z.ZodRecord;
}

export function writeCheck(schema: z.ZodType): WriteCheck {
  if (!(schema instanceof z.ZodObject)) {
    return { check: (record) => void schema.parse(record), vouch: () => {} };
  }
  const shape = schema.shape as Record<string, z.ZodType>;
  const maps = Object.keys(shape).filter((name) => isMap(shape[name] as z.ZodType));
  // Every field that is not a map is checked in one parse (each parse call has a fixed cost).
  const rest = schema.omit(Object.fromEntries(maps.map((name) => [name, true])) as never);
  /** A checked map, or a map entry checked under the key it maps to. */
  const vouchedMaps = new WeakSet<object>();
  const vouchedEntries = new WeakMap<object, string>();

  const vouchMap = (map: unknown) => {
    if (!isPlainRecord(map)) return;
    vouchedMaps.add(map);
    for (const [key, entry] of Object.entries(map)) if (isObject(entry)) vouchedEntries.set(entry, key);
  };

  const checkMap = (name: string, map: unknown) => {
    const field = shape[name] as z.ZodType;
    // Missing (optional / default) or not a map at all: the field's own schema decides.
    if (!isPlainRecord(map)) return void field.parse(map);
    if (vouchedMaps.has(map)) return;
    const changed: [string, unknown][] = [];
    for (const [key, entry] of Object.entries(map)) {
      if (!isObject(entry) || vouchedEntries.get(entry) !== key) changed.push([key, entry]);
    }
    if (changed.length > 0) field.parse(Object.fromEntries(changed));
    vouchMap(map);
  };

  return {
    check(record) {
      if (!isPlainRecord(record)) return void schema.parse(record);
      rest.parse(record);
      for (const name of maps) checkMap(name, record[name]);
    },
    vouch(record) {
      if (!isPlainRecord(record)) return;
      for (const name of maps) vouchMap(record[name]);
    },
  };
}
