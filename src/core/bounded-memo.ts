/**
 * A memo bounded in entries and key length, with least-recently-used eviction by generations: hits
 * in the current generation cost one lookup; a hit in the previous one is promoted; when the
 * current generation is full it becomes the previous one and the oldest is dropped. Memory stays
 * under 2 × maxEntries keys of at most maxKeyLength characters, whatever the input.
 */
export class BoundedMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength: number,
  ) {}

  get(key: string, compute: (key: string) => V): V {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    // Keys this long are one-offs (pasted noise): computed, never kept.
    if (key.length > this.maxKeyLength) return compute(key);
    const value = this.previous.get(key) ?? compute(key);
    if (this.current.size >= this.maxEntries) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return value;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
