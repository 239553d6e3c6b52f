import { type FSWatcher, watch } from 'node:fs';

/** Files settle for this long after the last change before the bank is reloaded (editors write in steps). */
export const WATCH_SETTLE_MS = 1000;

/**
 * Calls `onChange` once the question folder has been quiet for WATCH_SETTLE_MS after a change.
 * Returns a function that stops watching. A folder that cannot be watched is reported through
 * `onError` (the bot still runs; /bank reload still works).
 */
export function watchBankFolder(
  dir: string,
  onChange: () => void,
  onError: (err: Error) => void,
  settleMs = WATCH_SETTLE_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && !name.endsWith('.md')) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, settleMs);
    });
  } catch (err) {
    onError(err as Error);
    return () => {};
  }
  watcher.on('error', onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
