import type { GuildRecord } from '../core/model.ts';
import { isPersonalScope } from '../core/scope.ts';
import type { Repository } from '../store/ports.ts';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Per-server settings: daily schedules and the question-of-the-day rotation live in one record. */
export class GuildService {
  constructor(private readonly repo: Repository<GuildRecord, [guildId: string]>) {}

  /**
   * Guild records are read on every answer and grade (for the server's timezone and question of the
   * day) and change rarely: they are cached, written through. Correct because each guild is served
   * by exactly one process (see docs/architecture.md), and every write goes through update().
   */
  private readonly cache = new Map<string, Promise<GuildRecord | undefined>>();

  get(guildId: string): Promise<GuildRecord | undefined> {
    // A personal scope is reached from DMs and from any server, so from any shard's process: not
    // cached (core/scope.ts), read like any record.
    if (isPersonalScope(guildId)) return this.repo.get(guildId);
    let cached = this.cache.get(guildId);
    if (!cached) {
      cached = this.repo.get(guildId);
      // A failed read is not cached: the next call asks the store again.
      cached.catch(() => this.cache.delete(guildId));
      this.cache.set(guildId, cached);
    }
    return cached;
  }

  /** Several servers' records in one read (start-up), bypassing the cache. */
  getMany(guildIds: readonly string[]): Promise<(GuildRecord | undefined)[]> {
    return this.repo.getMany(guildIds.map((id) => [id] as [string]));
  }

  /** The server's calendar for streaks and periods: its (first enabled) daily schedule's zone. */
  async timeZone(guildId: string): Promise<string> {
    return timeZoneOf(await this.get(guildId));
  }

  /** Sets a personal scope's day boundary (a server's follows its daily schedule). */
  async setTimeZone(scopeId: string, timeZone: string): Promise<void> {
    if (!isPersonalScope(scopeId)) throw new Error('only a personal scope has its own timezone');
    await this.update(scopeId, (current) => ({ next: { ...current, timeZone }, result: undefined }));
  }

  update<R>(
    guildId: string,
    fn: (
      current: GuildRecord,
    ) => { next: GuildRecord | undefined; result: R } | Promise<{ next: GuildRecord | undefined; result: R }>,
  ): Promise<R> {
    return this.repo
      .update([guildId], async (current) => {
        const outcome = await fn(current ?? emptyGuild(guildId));
        // update() writes `next` right after this returns; a failed write drops the entry (below).
        if (outcome.next && !isPersonalScope(guildId)) this.cache.set(guildId, Promise.resolve(outcome.next));
        return outcome;
      })
      .catch((err: unknown) => {
        this.cache.delete(guildId);
        throw err;
      });
  }
}

export function emptyGuild(guildId: string): GuildRecord {
  return { v: 3, guildId, schedules: {} };
}

export function timeZoneOf(record: GuildRecord | undefined): string {
  if (record?.timeZone) return record.timeZone;
  const schedules = Object.values(record?.schedules ?? {});
  const chosen = schedules.find((s) => s.enabled) ?? schedules[0];
  return chosen?.timeZone ?? DEFAULT_TIME_ZONE;
}
