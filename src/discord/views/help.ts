import { type InteractionReplyOptions, MessageFlags } from 'discord.js';

const GUIDE = [
  '**How this bot helps you prepare for medical-imaging data-scientist interviews**',
  '',
  '`/question [topic] [id] [difficulty] [kind]`: a question for everyone in the channel (`kind`: concept, case study, behavioural or coding). Press **Answer** to write yours privately; you then see which key points you covered (with the words that earned each), the model answer, and grade yourself **Nailed it / Partly / Missed it**. Your grade schedules the question to come back (spaced repetition). With no options you get your next question: due reviews first, then new ones from your weakest topics.',
  '`/stats [user]`: streak, freezes, points, answers, mastery per topic and a 12-week practice calendar.',
  '`/leaderboard [by] [period]`: this server by points, streak or answers, all time, this month or this week.',
  '`/daily set|off|status|preview` (Manage Server): a question of the day in a channel, at a time in your timezone. `/daily archive`: past questions of the day, to practise.',
  '`/history [question] [grade] [export]`: your own past answers (only you see them), or all of them as a file.',
  "`/settings [timezone] [remind]`: your personal practice's timezone, and a DM reminder to keep your streak.",
  '`/forget-me`: delete everything stored about you in this server (in a DM: your personal practice).',
  '',
  '**Anywhere**: add the app to your account and use `/question`, `/stats`, `/history`, `/settings` and `/help` in a DM with the bot or in any server. Outside servers that have added the bot, your practice is personal: private replies, your own streak and points, on no leaderboard.',
  '**Points**: 3 / 2 / 1 for Nailed / Partly / Missed, +2 for the question of the day answered the same day; once per question per day; none after **Show answer**.',
  "**Streak**: a day counts when you answer at least once (server's timezone). Every 7 days in a row earns a freeze (hold up to 2); a freeze covers a missed day automatically.",
].join('\n');

export const helpReply: InteractionReplyOptions = { content: GUIDE, flags: MessageFlags.Ephemeral };
