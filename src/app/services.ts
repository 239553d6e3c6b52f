import type { DailyService } from '../daily/service.ts';
import type { GuildService } from './guilds.ts';
import type { HistoryService } from './history.ts';
import type { InterviewService } from './interviews.ts';
import type { LeaderboardService } from './leaderboard.ts';
import type { PeerService } from './peer.ts';
import type { PracticeService } from './practice.ts';
import type { ReminderService } from './reminders.ts';
import type { ReportService } from './reports.ts';
import type { ServerBankService } from './server-bank.ts';

export interface Services {
  guilds: GuildService;
  practice: PracticeService;
  history: HistoryService;
  interviews: InterviewService;
  peer: PeerService;
  reminders: ReminderService;
  reports: ReportService;
  serverBank: ServerBankService;
  daily: DailyService;
  leaderboard: LeaderboardService;
}
