import { keys } from '../store/keys.ts';
import type { KeyedMutex } from '../store/mutex.ts';
import type { KvStore } from '../store/open.ts';
import { GUILD_RECORD, type GuildRecord, type guildRecordSchema } from '../store/records.ts';
import { RecordRepo } from '../store/repo.ts';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Per-server settings: daily schedules and the question-of-the-day rotation live in one record. */
export class GuildService {
  readonly repo: RecordRepo<typeof guildRecordSchema>;

  constructor(store: KvStore, mutex: KeyedMutex) {
    this.repo = new RecordRepo(store, mutex, GUILD_RECORD);
  }

  /**
   * Guild records are read on every answer and grade (for the server's timezone and question of the
   * day) and change rarely: they are cached, written through. Correct because each guild is served
   * by exactly one process (see docs/architecture.md), and every write goes through update().
   */
  private readonly cache = new Map<string, Promise<GuildRecord | undefined>>();

  get(guildId: string): Promise<GuildRecord | undefined> {
    let cached = this.cache.get(guildId);
    if (!cached) {
      cached = this.repo.get(keys.guild(guildId));
      // A failed read is not cached: the next call asks the store again.
      cached.catch(() => this.cache.delete(guildId));
      this.cache.set(guildId, cached);
    }
    return cached;
  }

  /** The server's calendar for streaks and periods: its (first enabled) daily schedule's zone. */
  async timeZone(guildId: string): Promise<string> {
    return timeZoneOf(await this.get(guildId));
  }

  update<R>(
    guildId: string,
    fn: (
      current: GuildRecord,
    ) => { next: GuildRecord | undefined; result: R } | Promise<{ next: GuildRecord | undefined; result: R }>,
  ): Promise<R> {
    return this.repo
      .update(keys.guild(guildId), async (current) => {
        const outcome = await fn(current ?? emptyGuild(guildId));
        // update() writes `next` right after this returns; a failed write drops the entry (below).
        if (outcome.next) this.cache.set(guildId, Promise.resolve(outcome.next));
        return outcome;
      })
      .catch((err: unknown) => {
        this.cache.delete(guildId);
        throw err;
      });
  }
}

export function emptyGuild(guildId: string): GuildRecord {
  return { v: 1, guildId, schedules: {} };
}

export function timeZoneOf(record: GuildRecord | undefined): string {
  const schedules = Object.values(record?.schedules ?? {});
  const chosen = schedules.find((s) => s.enabled) ?? schedules[0];
  return chosen?.timeZone ?? DEFAULT_TIME_ZONE;
}
