import type { CommandModule } from '../src/discord/command.ts';
import { bank } from './bank.ts';
import { daily } from './daily.ts';
import { forgetMe } from './forget-me.ts';
import { help } from './help.ts';
import { history } from './history.ts';
import { interviewer } from './interviewer.ts';
import { leaderboard } from './leaderboard.ts';
import { mock } from './mock.ts';
import { question } from './question.ts';
import { settings } from './settings.ts';
import { stats } from './stats.ts';

/** Every slash command of the bot. Static, so the registered definitions are known before login. */
export const commands: readonly CommandModule[] = [
  question,
  mock,
  interviewer,
  daily,
  leaderboard,
  stats,
  history,
  settings,
  forgetMe,
  help,
  bank,
];
