// Open-loop load: interaction i is due at t0 + i/rate and is dispatched then, whether or not earlier
// ones were answered (no coordinated omission from waiting). A late timer is recorded as lag.
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../../tools/emulator/index.ts';

export interface Shot<T> {
  index: number;
  /** performance.now() the shot was due. */
  dueAt: number;
  value: T;
}

export interface OpenLoopResult<T> {
  shots: Shot<T>[];
  /** Shots per second actually dispatched (count / time from first due to last dispatch). */
  achievedRate: number;
  /** How late the generator's timer dispatched shots (ms): p99 and max. */
  lagP99: number;
  lagMax: number;
}

export function openLoop<T>(rate: number, count: number, fire: (i: number) => T): Promise<OpenLoopResult<T>> {
  const interval = 1000 / rate;
  const shots: Shot<T>[] = [];
  const lags: number[] = [];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let sent = 0;
    const tick = (): void => {
      try {
        const now = performance.now();
        const due = Math.min(count, Math.floor((now - t0) / interval) + 1);
        while (sent < due) {
          const dueAt = t0 + sent * interval;
          lags.push(performance.now() - dueAt);
          shots.push({ index: sent, dueAt, value: fire(sent) });
          sent++;
        }
        if (sent < count) {
          setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
          return;
        }
        const elapsed = performance.now() - t0;
        lags.sort((a, b) => a - b);
        resolve({
          shots,
          achievedRate: elapsed > 0 ? (count - 1) / (elapsed / 1000) : Number.POSITIVE_INFINITY,
          lagP99: lags[Math.min(lags.length - 1, Math.ceil(0.99 * lags.length) - 1)] ?? 0,
          lagMax: lags.at(-1) ?? 0,
        });
      } catch (err) {
        reject(err);
      }
    };
    tick();
  });
}

/** Resolves once the emulator saw no REST request for `idleMs` (the bot finished its work). */
export function quiet(emu: Emulator, idleMs = 200, maxMs = 30_000): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = performance.now();
    const on = () => {
      last = performance.now();
    };
    emu.on('request', on);
    const check = () => {
      const now = performance.now();
      if (now - last >= idleMs || now - started > maxMs) {
        emu.off('request', on);
        resolve();
      } else setTimeout(check, Math.max(10, idleMs - (now - last)));
    };
    setTimeout(check, idleMs);
  });
}
