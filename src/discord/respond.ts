import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a handler may work before it acknowledges the interaction. Discord allows 3 s for the
 * first response; answering directly saves a REST round trip (and discord.js routes the follow-up
 * edit through its 50 requests/s global queue), so the usual path replies once, and only work
 * still running after this deferral point is acknowledged first and edited in afterwards.
 */
export const DEFER_AFTER_MS = 1200;

/** Resolves true if `work` settles (either way) within `ms`, false otherwise; never rejects. */
export async function settlesWithin(work: Promise<unknown>, ms = DEFER_AFTER_MS): Promise<boolean> {
  const controller = new AbortController();
  const settled = work.then(
    () => true,
    () => true,
  );
  const timedOut = sleep(ms, false, { signal: controller.signal }).catch(() => false);
  const result = await Promise.race([settled, timedOut]);
  controller.abort();
  return result;
}
