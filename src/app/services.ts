import type { DailyService } from '../daily/service.ts';
import type { GuildService } from './guilds.ts';
import type { HistoryService } from './history.ts';
import type { LeaderboardService } from './leaderboard.ts';
import type { PracticeService } from './practice.ts';

export interface Services {
  guilds: GuildService;
  practice: PracticeService;
  history: HistoryService;
  daily: DailyService;
  leaderboard: LeaderboardService;
}
