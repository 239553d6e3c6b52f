import { randomBytes } from 'node:crypto';

export const DISCORD_EPOCH = 1420070400000n;

/** Generates real-looking snowflakes: (ms since Discord epoch) << 22 | worker << 17 | increment. */
export class SnowflakeGenerator {
  private increment = 0n;
  constructor(
    private readonly now: () => number,
    private readonly worker = 1n,
  ) {}

  next(): string {
    const ts = BigInt(Math.floor(this.now())) - DISCORD_EPOCH;
    this.increment = (this.increment + 1n) & 0xfffn;
    return ((ts << 22n) | (this.worker << 17n) | this.increment).toString();
  }
}

/** An interaction token: only [A-Za-z0-9_-], like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(60).toString('base64url')}`;
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

export class ClosedError extends Error {
  constructor() {
    super('Discord emulator closed');
    this.name = 'ClosedError';
  }
}

/**
 * Every timer the emulator starts goes through here, so close() can clear them all and reject the
 * promises still waiting on them.
 */
export class Timers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<(err: Error) => void>();
  closed = false;

  set(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
    return t;
  }

  clear(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  /** Resolves after ms; rejects with ClosedError if the emulator closes first. */
  sleep(ms: number): Promise<void> {
    if (this.closed) return Promise.reject(new ClosedError());
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onClose = (err: Error): void => reject(err);
      this.sleepers.add(onClose);
      this.set(() => {
        this.sleepers.delete(onClose);
        resolve();
      }, ms);
    });
  }

  /** Registers a callback run (with ClosedError) on close, returns an unregister function. */
  onClose(fn: (err: Error) => void): () => void {
    this.sleepers.add(fn);
    return () => this.sleepers.delete(fn);
  }

  closeAll(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const err = new ClosedError();
    for (const fn of [...this.sleepers]) fn(err);
    this.sleepers.clear();
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Width/height of a PNG from its IHDR chunk, if the buffer is one. */
export function pngSize(buf: Buffer): { width: number; height: number } | undefined {
  if (buf.length < 24) return undefined;
  if (buf.readUInt32BE(0) !== 0x89504e47 || buf.readUInt32BE(4) !== 0x0d0a1a0a) return undefined;
  if (buf.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
