import { readFileSync, rmSync, writeFileSync } from 'node:fs';

// One bot process per store file: two would each cache records the other changes. The running bot
// holds `<file>.pid` (its pid); `npm run restore` refuses while a live process holds it. A file
// left by a killed process names a dead pid and is taken over.

export const lockFileOf = (storeFile: string) => `${storeFile}.pid`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live process holding the store, if any. */
export function storeHolder(storeFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lockFileOf(storeFile), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

export class StoreLockedError extends Error {
  constructor(
    readonly storeFile: string,
    readonly pid: number,
  ) {
    super(
      `another process (pid ${pid}) is running the bot on ${storeFile}. Stop it first; if no bot is running, delete ${lockFileOf(storeFile)}.`,
    );
    this.name = 'StoreLockedError';
  }
}

/** Takes the store for this process; returns the release function. */
export function holdStore(storeFile: string): () => void {
  const holder = storeHolder(storeFile);
  if (holder !== undefined) throw new StoreLockedError(storeFile, holder);
  const file = lockFileOf(storeFile);
  writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}
