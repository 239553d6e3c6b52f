import type { DailyService } from '../daily/service.ts';
import type { GuildService } from './guilds.ts';
import type { LeaderboardService } from './leaderboard.ts';
import type { PracticeService } from './practice.ts';

export interface Services {
  guilds: GuildService;
  practice: PracticeService;
  daily: DailyService;
  leaderboard: LeaderboardService;
}
