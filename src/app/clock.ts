/** The bot's only source of time, injected so tests and the sandbox can move it without patching globals. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock offset from the system clock; the sandbox's `:time +1d` moves it forward. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
