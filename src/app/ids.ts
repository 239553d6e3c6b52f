import { randomBytes } from 'node:crypto';

/** Short, URL- and custom_id-safe unique id: time-ordered prefix plus randomness. */
export function newId(now: Date): string {
  return `${now.getTime().toString(36)}${randomBytes(5).toString('hex')}`;
}
