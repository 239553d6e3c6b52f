import { keys } from '../store/keys.ts';
import type { KeyedMutex } from '../store/mutex.ts';
import type { KvStore } from '../store/open.ts';
import { type GuildRecord, guildRecordSchema } from '../store/records.ts';
import { RecordRepo } from '../store/repo.ts';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Per-server settings: daily schedules and the question-of-the-day rotation live in one record. */
export class GuildService {
  readonly repo: RecordRepo<typeof guildRecordSchema>;

  constructor(store: KvStore, mutex: KeyedMutex) {
    this.repo = new RecordRepo(store, mutex, guildRecordSchema);
  }

  get(guildId: string): Promise<GuildRecord | undefined> {
    return this.repo.get(keys.guild(guildId));
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
    return this.repo.update(keys.guild(guildId), (current) => fn(current ?? emptyGuild(guildId)));
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
