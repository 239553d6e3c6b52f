/**
 * At most `size` tasks at once; the others wait their turn in call order. Daily posts go through
 * one of these, whatever starts them (2,500 cron tasks firing at one minute, the sweep, /daily
 * set): requests are paced per process, and a post queued far behind would outlive its request
 * timeout.
 */
export class Permits {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
