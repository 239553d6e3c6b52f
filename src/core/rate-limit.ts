/**
 * At most `limit` events per key in any `windowMs` (a sliding window). Pure in time: the caller
 * passes `nowMs`. Memory is bounded: each key keeps at most `limit` instants, and beyond `maxKeys`
 * the least recently used key is forgotten (which can only let that member through sooner).
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts an event, or says how long until one is allowed (nothing is counted then). */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = (this.events.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
    this.events.delete(key);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return { ok: false, retryAfterMs: (recent[0] as number) + this.windowMs - nowMs };
    }
    recent.push(nowMs);
    this.events.set(key, recent);
    if (this.events.size > this.maxKeys) this.events.delete(this.events.keys().next().value as string);
    return { ok: true };
  }
}
