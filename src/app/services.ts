import type { DailyService } from '../daily/service.ts';
import type { KeyedMutex } from '../store/mutex.ts';
import type { KvStore } from '../store/open.ts';
import type { GuildService } from './guilds.ts';
import type { LeaderboardService } from './leaderboard.ts';
import type { PracticeService } from './practice.ts';

export interface Services {
  store: KvStore;
  mutex: KeyedMutex;
  guilds: GuildService;
  practice: PracticeService;
  daily: DailyService;
  leaderboard: LeaderboardService;
}
