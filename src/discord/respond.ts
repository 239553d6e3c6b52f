/**
 * How long a handler may work before it acknowledges the interaction. Discord allows 3 s for the
 * first response; answering directly saves a REST round trip (and discord.js routes the follow-up
 * edit through its 50 requests/s global queue), so the usual path replies once, and only work
 * still running after this deferral point is acknowledged first and edited in afterwards.
 */
export const DEFER_AFTER_MS = 1200;

/** Resolves true if `work` settles (either way) within `ms`, false otherwise; never rejects. */
export function settlesWithin(work: Promise<unknown>, ms = DEFER_AFTER_MS): Promise<boolean> {
  // A plain timer: an AbortController per interaction cost a DOMException each (seen in profiles).
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(settled, settled);
  });
}
