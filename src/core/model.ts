// The domain model: every stored record's shape, owned here. src/store/records.ts declares one zod
// schema per record type that `satisfies` these types, so the two cannot drift apart.
import type { Difficulty, Grade, KeyPoint, QuestionKind } from './types.ts';

/** A local calendar day, 'yyyy-MM-dd'. */
export type LocalDay = string;
/** An instant, ISO 8601. */
export type IsoInstant = string;

export interface Streak {
  /** Practised days in the running streak; days covered by a freeze do not add to it. */
  current: number;
  longest: number;
  /** Freezes held, 0..MAX_FREEZES. */
  freezes: number;
  /**
   * The last day already accounted for: practised, or missed but covered by a freeze (settling
   * moves it forward over frozen days so a freeze is never spent twice for the same day). Null
   * before the first practice.
   */
  lastDay: LocalDay | null;
}

export interface Mastery {
  attempts: number;
  /** 0..1, exponentially weighted over the grades, most recent weighing most. */
  score: number;
}

/** JSON form of a ts-fsrs Card (src/core/srs.ts). */
export interface SrsCardJson {
  due: IsoInstant;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: IsoInstant | null;
}

export interface PeriodTotals {
  key: string;
  points: number;
  answers: number;
}

/** An answer day that earned points for a question (core/awards.ts); `at` and `tz` are missing before v2. */
export interface Award {
  day: LocalDay;
  at?: IsoInstant | undefined;
  tz?: string | undefined;
}

export interface QuestionProgress {
  card: SrsCardJson;
  lastAnsweredAt: IsoInstant;
  lastGrade?: Grade | undefined;
}

/** A member's totals in one server. */
export interface UserRecord {
  v: 2;
  guildId: string;
  userId: string;
  displayName: string;
  points: number;
  answers: number;
  streak: Streak;
  mastery: Record<string, Mastery>;
  progress: Record<string, QuestionProgress>;
  lastQuestionId?: string | undefined;
  /** questionId -> the answer days that earned points (once per question per day), pruned by date. */
  awarded: Record<string, Award[]>;
  /** questionId -> local days the user revealed the model answer (no points for that day's answers). */
  revealed: Record<string, LocalDay[]>;
  /** local day -> answers stored that day (pruned to ~20 weeks, for the heatmap). */
  days: Record<LocalDay, number>;
  week: PeriodTotals;
  month: PeriodTotals;
  /** The most recent answer ids; every answer is also its own record. */
  answerIds: string[];
  /** Answer ids whose grade is applied; the idempotency guard against double-counting. */
  graded: string[];
  /** What each graded answer counted (same ids as `graded`), to repair an answer's copy after a crash. */
  gradeLog: Record<string, { grade: Grade; points: number }>;
}

/** One stored answer, with what the matcher found and the self-grade once given. */
export interface AnswerRecord {
  v: 1;
  id: string;
  guildId: string;
  userId: string;
  questionId: string;
  text: string;
  at: IsoInstant;
  day: LocalDay;
  /** The server's timezone `day` was reckoned in (missing in answers stored before it was kept). */
  tz?: string | undefined;
  daily: boolean;
  covered: number[];
  missed: number[];
  grade?: Grade | undefined;
  gradedAt?: IsoInstant | undefined;
  points?: number | undefined;
}

/** A channel's question-of-the-day schedule. */
export interface StoredSchedule {
  guildId: string;
  channelId: string;
  /** 'HH:mm' local time. */
  time: string;
  timeZone: string;
  roleId?: string | undefined;
  thread?: boolean | undefined;
  enabled: boolean;
  lastError?: { code?: number | undefined; message: string; at: IsoInstant } | undefined;
  disabledReason?: string | undefined;
}

/** Which questions the daily rotation used, so restarts and every channel agree. */
export interface Rotation {
  /** Question ids already used in the current cycle. */
  used: string[];
  /** localDate → question id; pruned to the latest BY_DATE_KEEP dates (core/rotation.ts). */
  byDate: Record<LocalDay, string>;
  cycle: number;
}

/** Per-server settings. */
/**
 * A scope's settings: a server's daily schedules and question-of-the-day rotation, or (for a
 * personal scope, core/scope.ts) the member's own timezone.
 */
export interface GuildRecord {
  v: 3;
  guildId: string;
  schedules: Record<string, StoredSchedule>;
  rotation?: Rotation | undefined;
  /** A personal scope's day boundary (/settings); a server's follows its daily schedule. */
  timeZone?: string | undefined;
  /** Where the question of the day comes from (/daily set source:); missing: the shared bank. */
  dailySource?: DailySource | undefined;
  /** Members with this role may edit the server's questions, besides those with Manage Server. */
  editorRoleId?: string | undefined;
}

export const DAILY_SOURCES = ['shared', 'server', 'both'] as const;
export type DailySource = (typeof DAILY_SOURCES)[number];

/**
 * A member's streak reminder for their personal practice (/settings remind): a DM with a question
 * when they have not practised by `time` (HH:MM in `timeZone`) and their streak is at least 2.
 */
export interface ReminderRecord {
  v: 1;
  userId: string;
  time: string;
  timeZone: string;
  enabled: boolean;
  /** Why it was turned off by the bot (the member closed their DMs). */
  disabledReason?: 'dms-closed' | undefined;
  /** The latest day handled: a DM claimed (sending, with its nonce), sent, or not needed (skipped). */
  last?:
    | {
        day: LocalDay;
        state: 'sending' | 'sent' | 'skipped' | 'failed';
        nonce?: string | undefined;
        at: IsoInstant;
      }
    | undefined;
}

/** A member's report of a problem with a shared-bank question ("Report a problem"). */
export interface ReportRecord {
  v: 2;
  id: string;
  userId: string;
  questionId: string;
  /** The server, for a report on one of its own questions (the shared bank's have none). */
  guildId?: string | undefined;
  /** What the member says is wrong (their words; shown only to the bot's owners). */
  text: string;
  at: IsoInstant;
  /** A short hash of the question as it was reported (it may have been fixed since). */
  bankVersion: string;
  /** Where the question was in the bank then. */
  source?: { file: string; line: number } | undefined;
}

/** The state of a channel's latest daily post (exactly-once posting). */
export interface StoredPostRecord {
  v: 1;
  localDate: LocalDay;
  questionId: string;
  state: 'sending' | 'sent' | 'failed';
  nonce: string;
  messageId?: string | undefined;
  at: IsoInstant;
  error?: { code?: number | undefined; message: string } | undefined;
}

export interface PeriodEntry {
  k: string;
  p: number;
  a: number;
}

/** One member's line in the leaderboard index (compact: 100,000 of these live in a server's buckets). */
export interface BoardEntry {
  n: string;
  p: number;
  a: number;
  w: PeriodEntry;
  m: PeriodEntry;
  s: Streak;
}

export interface BoardBucket {
  v: 1;
  entries: Record<string, BoardEntry>;
}

/** Written last when an index is built; its absence (or an older `v`) means "rebuild from users". */
export interface BoardMeta {
  v: 1;
  buckets: number;
  builtAt: IsoInstant;
}

/** One question of a mock interview, filled in as the candidate goes. */
export interface MockStep {
  questionId: string;
  /** Minutes the question is given (overtime is shown, never enforced). */
  budgetMinutes: number;
  /** When the question was first shown; missing until the mock reaches it. */
  shownAt?: IsoInstant | undefined;
  answerId?: string | undefined;
  answeredAt?: IsoInstant | undefined;
  /** Key points the answer covered, of how many the question had then. */
  covered?: number | undefined;
  keyPoints?: number | undefined;
  grade?: Grade | undefined;
  /** Points the grade earned (the same rules as a single answer). */
  points?: number | undefined;
}

/**
 * A solo mock interview (/mock): questions one at a time under a time budget, kept as its
 * scorecard. Running until the last answer or /mock stop; one left untouched for a day has expired
 * (core/mock.ts).
 */
export interface MockRecord {
  v: 1;
  id: string;
  guildId: string;
  userId: string;
  topic?: string | undefined;
  kind?: QuestionKind | undefined;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  endedAt?: IsoInstant | undefined;
  steps: MockStep[];
}

/** One question of a peer mock interview: who asked, who answered, what the interviewer ticked. */
export interface PeerStep {
  questionId: string;
  /** 0 for the first round, 1 after the first swap of roles, ... */
  round: number;
  interviewerId: string;
  candidateId: string;
  /** When the question was put to the candidate (its message posted). */
  shownAt: IsoInstant;
  /** Indexes of the key points the interviewer ticked (a draft until scoredAt). */
  checked: number[];
  /** The interviewer's short note for the candidate. */
  note?: string | undefined;
  scoredAt?: IsoInstant | undefined;
}

/**
 * A peer mock interview between two members of a server (/mock pair, /mock find): invited, then a
 * round of questions one asks and the other answers, then maybe a round with roles swapped.
 * A member erased by /forget-me shows as FORGOTTEN_MEMBER in the partner's copy.
 */
export interface PeerSessionRecord {
  v: 1;
  id: string;
  guildId: string;
  /** The channel it was started from; the private thread it runs in, when the bot could open one. */
  channelId: string;
  threadId?: string | undefined;
  /** [who invited (or queued first), the partner]. */
  memberIds: [string, string];
  state: 'invited' | 'declined' | 'active' | 'ended';
  topic?: string | undefined;
  level?: 'junior' | 'mid' | 'senior' | undefined;
  /** Questions per round. */
  length: number;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  steps: PeerStep[];
  /** Question ids still to ask in this round, in order. */
  upcoming: string[];
  /** Rounds (0, 1, ...) whose interviewer was credited, and with how many points. */
  awards: { round: number; userId: string; points: number }[];
}

/** Members of a server waiting for a peer mock partner (/mock find). */
export interface PeerQueueRecord {
  v: 1;
  guildId: string;
  waiting: {
    userId: string;
    channelId: string;
    topic?: string | undefined;
    level?: 'junior' | 'mid' | 'senior' | undefined;
    at: IsoInstant;
  }[];
}

/** The last local day a member earned interview points for interviewing another (once a day each way). */
export interface PeerPairRecord {
  v: 1;
  lastAwardDay: LocalDay;
}

/** A question as a server stores it: the bank format's fields, validated by the bank's schema. */
export interface StoredQuestion {
  title: string;
  topics: string[];
  difficulty: Difficulty;
  kind: QuestionKind;
  keyPoints: KeyPoint[];
  answer: string;
  followUps?: string[] | undefined;
  redFlags?: string[] | undefined;
}

/**
 * A server's own question (/bank add, import, an approved suggestion). Its id is `srv.{slug}`: a dot
 * never appears in the shared bank's ids, so the two can never clash. Removed ones are kept (marked)
 * so members' answers to them still show the question.
 */
export interface ServerQuestionRecord {
  v: 1;
  slug: string;
  guildId: string;
  question: StoredQuestion;
  authorId: string;
  /** The member whose suggestion this was (credited on the question). */
  suggestedBy?: string | undefined;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  removedAt?: IsoInstant | undefined;
}

/** A member's proposed question (/bank suggest), waiting for an editor (/bank queue). */
export interface SuggestionRecord {
  v: 1;
  id: string;
  guildId: string;
  authorId: string;
  question: StoredQuestion;
  at: IsoInstant;
  state: 'pending' | 'approved' | 'rejected';
  reviewedBy?: string | undefined;
  reviewedAt?: IsoInstant | undefined;
  /** The server question an approval created. */
  questionId?: string | undefined;
}
