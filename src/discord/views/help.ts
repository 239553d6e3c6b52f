import { type InteractionReplyOptions, MessageFlags } from 'discord.js';

const HEADLINE = '**How this bot helps you prepare for medical-imaging data-scientist interviews**';

// The guide is longer than a message's 2,000 characters of content: it goes in an embed (4,096).
const GUIDE = [
  '`/question [topic] [id] [difficulty] [kind]`: a question for everyone in the channel (`kind`: concept, case study, behavioural or coding). Press **Answer** to write yours privately; you then see which key points you covered (with the words that earned each), the model answer, and grade yourself **Nailed it / Partly / Missed it**. Your grade schedules the question to come back (spaced repetition). With no options you get your next question: due reviews first, then new ones from your weakest topics.',
  '`/mock start [topic] [kind] [length] [minutes]`: a timed mock interview, just for you: 3-8 questions one at a time (mostly concepts, with a case study, coding or behavioural one), each with a time budget (going over is shown, never blocked). After each answer you see the key points you covered and grade yourself; at the end a **scorecard**: per question key points, time and grade, your weakest topics and what to review first. Points count as for single answers. `/mock resume` continues after a pause (a mock left for a day expires), `/mock stop` ends it, `/mock history` lists your scorecards.',
  '`/mock pair partner` or `/mock find`: a mock interview with another member, in a private thread: one asks with a private rubric (key points to tick, follow-ups, red flags), the other answers aloud or in text and then reads the feedback; swap roles after a round. Interviewing a round earns 5 points (once a day for each member you interview).',
  '`/interviewer kit [topic] [level] [count]`: for people who run interviews: a private set of questions with what a strong answer covers, follow-up questions and red flags, plus the same as a markdown file with the model answers.',
  '`/stats [user]`: streak, freezes, points, answers, mastery per topic and a 12-week practice calendar.',
  '`/leaderboard [by] [period]`: this server by points, streak or answers, all time, this month or this week.',
  '`/daily set|off|status|preview` (Manage Server): a question of the day in a channel, at a time in your timezone. `/daily archive`: past questions of the day, to practise.',
  '`/history [question] [grade] [export]`: your own past answers (only you see them), or all of them as a file.',
  "`/settings [timezone] [remind]`: your personal practice's timezone, and a DM reminder to keep your streak.",
  '`/bank suggest`: propose a question for this server; its editors review it (`/bank queue`) and add their own (`/bank add`, `/bank import` a markdown file, `/bank edit`, `/bank remove`, `/bank export`). `/daily set source:` can draw the question of the day from them.',
  '`/forget-me`: delete everything stored about you in this server (in a DM: your personal practice).',
  '',
  '**Anywhere**: add the app to your account and use `/question`, `/mock`, `/interviewer`, `/stats`, `/history`, `/settings` and `/help` in a DM with the bot or in any server. Outside servers that have added the bot, your practice is personal: private replies, your own streak and points, on no leaderboard.',
  '**Points**: 3 / 2 / 1 for Nailed / Partly / Missed, +2 for the question of the day answered the same day; once per question per day; none after **Show answer**.',
  "**Streak**: a day counts when you answer at least once (server's timezone). Every 7 days in a row earns a freeze (hold up to 2); a freeze covers a missed day automatically.",
].join('\n');

export const helpReply: InteractionReplyOptions = {
  content: HEADLINE,
  embeds: [{ description: GUIDE, color: 0x5865f2 }],
  flags: MessageFlags.Ephemeral,
};
