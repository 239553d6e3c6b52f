/**
 * Spaces calls evenly: each `slot()` resolves at least 1/perSecond after the previous one *was
 * released*. discord.js limits the bot to 50 requests per *fixed* second, which lets a queue burst at
 * the start of each second (up to twice the limit within one sliding second, and Discord answers
 * 429). Evenly spaced requests stay under the limit in every window, however it is measured. The
 * spacing is measured from the previous release, not from its planned time, so a timer that fires
 * late (a busy event loop) delays what follows instead of bunching it.
 */
export class RequestPacer {
  private readonly intervalMs: number;
  private last = Number.NEGATIVE_INFINITY;
  private tail: Promise<void> = Promise.resolve();

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
  slot(): Promise<void> {
    const turn = this.tail.then(async () => {
      const wait = this.last + this.intervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.last = this.now();
    });
    this.tail = turn;
    return turn;
  }
}
