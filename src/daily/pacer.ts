/**
 * Spaces calls evenly: each `slot()` resolves at least 1/perSecond after the previous one. discord.js
 * limits the bot to 50 requests per *fixed* second, which lets a queue burst at the start of each
 * second (up to twice the limit within one sliding second, and Discord answers 429). Evenly spaced
 * requests stay under the limit in every window, however it is measured.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private next = Number.NEGATIVE_INFINITY;

  constructor(
    perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    // A microsecond more than the exact interval, so rounding can never fit perSecond + 1 slots in
    // one second.
    this.intervalMs = 1000 / perSecond + 0.001;
  }

  /** Waits for this caller's turn. Slots are handed out in call order. */
  async slot(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await this.sleep(at - now);
  }
}
