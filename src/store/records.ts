import { z } from 'zod';
import type {
  AnswerRecord,
  Award,
  BoardBucket,
  BoardEntry,
  BoardMeta,
  GuildRecord,
  MockRecord,
  PeerPairRecord,
  PeerQueueRecord,
  PeerSessionRecord,
  ReminderRecord,
  ReportRecord,
  ServerQuestionRecord,
  StoredPostRecord,
  StoredQuestion,
  StoredSchedule,
  SuggestionRecord,
  UserRecord,
} from '../core/model.ts';
import { DAILY_SOURCES } from '../core/model.ts';
import { CASE_STUDY_STAGES, DIFFICULTIES, GRADES, QUESTION_KINDS } from '../core/types.ts';
import { type Migration, recordType } from './versioned.ts';

// Every stored record carries `v` (its schema version), is migrated to the current version and
// zod-parsed on read (versioned.ts); a record that does not parse is an error, never silently
// treated as missing. To change a shape: bump its version and add the migration from the old one
// to its record type at the end of this file.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const iso = z.string().min(10);
const grade = z.enum(GRADES);

export const streakSchema = z.object({
  current: z.number().int().min(0),
  longest: z.number().int().min(0),
  freezes: z.number().int().min(0).max(2),
  lastDay: day.nullable(),
});

export const masterySchema = z.object({ attempts: z.number().int().min(0), score: z.number().min(0).max(1) });

/** JSON form of a ts-fsrs Card (src/core/srs.ts). */
export const srsCardSchema = z.object({
  due: iso,
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.number().int(),
  last_review: iso.nullable(),
});

export const periodTotalsSchema = z.object({
  key: z.string(),
  points: z.number().int().min(0),
  answers: z.number().int().min(0),
});

/** An answer day that earned points for a question (core/awards.ts); `at` and `tz` are missing before v2. */
export const awardSchema = z.object({ day, at: iso.optional(), tz: z.string().optional() });

export const userRecordSchema = z.object({
  v: z.literal(2),
  guildId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  points: z.number().int().min(0),
  answers: z.number().int().min(0),
  streak: streakSchema,
  mastery: z.record(z.string(), masterySchema),
  progress: z.record(
    z.string(),
    z.object({ card: srsCardSchema, lastAnsweredAt: iso, lastGrade: grade.optional() }),
  ),
  lastQuestionId: z.string().optional(),
  /** questionId -> the answer days that earned points (once per question per day), pruned by date. */
  awarded: z.record(z.string(), z.array(awardSchema)),
  /** questionId -> local days the user revealed the model answer (no points for that day's answers). */
  revealed: z.record(z.string(), z.array(day)),
  /** local day -> answers stored that day (pruned to ~20 weeks, for the heatmap). */
  days: z.record(day, z.number().int().min(0)),
  week: periodTotalsSchema,
  month: periodTotalsSchema,
  /** The most recent answer ids (KEEP_ANSWER_IDS); every answer is also its own record. */
  answerIds: z.array(z.string()),
  /** Answer ids whose grade is applied; the idempotency guard against double-counting. */
  graded: z.array(z.string()),
  /** What each graded answer counted (same ids as `graded`), to repair an answer's copy after a crash. */
  gradeLog: z.record(z.string(), z.object({ grade, points: z.number().int().min(0) })).default({}),
}) satisfies z.ZodType<UserRecord>;

export const answerRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  guildId: z.string(),
  userId: z.string(),
  questionId: z.string(),
  text: z.string().max(4000),
  at: iso,
  day,
  /** The server's timezone `day` was reckoned in (missing in answers stored before it was kept). */
  tz: z.string().optional(),
  daily: z.boolean(),
  covered: z.array(z.number().int().min(0)),
  missed: z.array(z.number().int().min(0)),
  grade: grade.optional(),
  gradedAt: iso.optional(),
  points: z.number().int().min(0).optional(),
}) satisfies z.ZodType<AnswerRecord>;

export const dailyScheduleSchema = z.object({
  guildId: z.string(),
  channelId: z.string(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  timeZone: z.string(),
  roleId: z.string().optional(),
  thread: z.boolean().optional(),
  enabled: z.boolean(),
  lastError: z.object({ code: z.number().optional(), message: z.string(), at: iso }).optional(),
  disabledReason: z.string().optional(),
}) satisfies z.ZodType<StoredSchedule>;

export const rotationSchema = z.object({
  used: z.array(z.string()),
  byDate: z.record(z.string(), z.string()),
  cycle: z.number().int().min(0),
});

export const guildRecordSchema = z.object({
  v: z.literal(3),
  guildId: z.string(),
  schedules: z.record(z.string(), dailyScheduleSchema),
  rotation: rotationSchema.optional(),
  timeZone: z.string().optional(),
  dailySource: z.enum(DAILY_SOURCES).optional(),
  editorRoleId: z.string().optional(),
}) satisfies z.ZodType<GuildRecord>;

export const postRecordSchema = z.object({
  v: z.literal(1),
  localDate: day,
  questionId: z.string(),
  state: z.enum(['sending', 'sent', 'failed']),
  nonce: z.string(),
  messageId: z.string().optional(),
  at: iso,
  error: z.object({ code: z.number().optional(), message: z.string() }).optional(),
}) satisfies z.ZodType<StoredPostRecord>;

export const reminderRecordSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  timeZone: z.string(),
  enabled: z.boolean(),
  disabledReason: z.literal('dms-closed').optional(),
  last: z
    .object({
      day,
      state: z.enum(['sending', 'sent', 'skipped', 'failed']),
      nonce: z.string().optional(),
      at: iso,
    })
    .optional(),
}) satisfies z.ZodType<ReminderRecord>;

export const reportRecordSchema = z.object({
  v: z.literal(2),
  id: z.string(),
  userId: z.string(),
  questionId: z.string(),
  guildId: z.string().optional(),
  text: z.string().max(1000),
  at: iso,
  bankVersion: z.string(),
  source: z.object({ file: z.string(), line: z.number().int() }).optional(),
}) satisfies z.ZodType<ReportRecord>;

export const mockRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  guildId: z.string(),
  userId: z.string(),
  topic: z.string().optional(),
  kind: z.enum(QUESTION_KINDS).optional(),
  createdAt: iso,
  updatedAt: iso,
  endedAt: iso.optional(),
  steps: z
    .array(
      z.object({
        questionId: z.string(),
        budgetMinutes: z.number().int().min(1).max(60),
        shownAt: iso.optional(),
        answerId: z.string().optional(),
        answeredAt: iso.optional(),
        covered: z.number().int().min(0).optional(),
        keyPoints: z.number().int().min(0).optional(),
        grade: grade.optional(),
        points: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .max(20),
}) satisfies z.ZodType<MockRecord>;

const level = z.enum(['junior', 'mid', 'senior']);

export const peerSessionRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  guildId: z.string(),
  channelId: z.string(),
  threadId: z.string().optional(),
  memberIds: z.tuple([z.string(), z.string()]),
  state: z.enum(['invited', 'declined', 'active', 'ended']),
  topic: z.string().optional(),
  level: level.optional(),
  length: z.number().int().min(1).max(20),
  createdAt: iso,
  updatedAt: iso,
  steps: z
    .array(
      z.object({
        questionId: z.string(),
        round: z.number().int().min(0),
        interviewerId: z.string(),
        candidateId: z.string(),
        shownAt: iso,
        checked: z.array(z.number().int().min(0)),
        note: z.string().max(500).optional(),
        scoredAt: iso.optional(),
      }),
    )
    .max(200),
  upcoming: z.array(z.string()).max(20),
  awards: z.array(
    z.object({ round: z.number().int().min(0), userId: z.string(), points: z.number().int().min(0) }),
  ),
}) satisfies z.ZodType<PeerSessionRecord>;

export const peerQueueRecordSchema = z.object({
  v: z.literal(1),
  guildId: z.string(),
  waiting: z.array(
    z.object({
      userId: z.string(),
      channelId: z.string(),
      topic: z.string().optional(),
      level: level.optional(),
      at: iso,
    }),
  ),
}) satisfies z.ZodType<PeerQueueRecord>;

export const peerPairRecordSchema = z.object({
  v: z.literal(1),
  lastAwardDay: day,
}) satisfies z.ZodType<PeerPairRecord>;

export const difficultySchema = z.enum(DIFFICULTIES);

/** The bank's rules are checked by src/bank before a server question is stored; this is its shape. */
export const storedQuestionSchema = z.object({
  title: z.string().min(1).max(256),
  topics: z.array(z.string()).min(1).max(3),
  difficulty: z.enum(DIFFICULTIES),
  kind: z.enum(QUESTION_KINDS),
  keyPoints: z
    .array(
      z.object({
        text: z.string().min(1),
        synonyms: z.array(z.string()),
        needs: z.array(z.array(z.string())).optional(),
        stage: z.enum(CASE_STUDY_STAGES).optional(),
      }),
    )
    .min(1)
    .max(14),
  answer: z.string().min(1).max(8000),
  followUps: z.array(z.string()).optional(),
  redFlags: z.array(z.string()).optional(),
}) satisfies z.ZodType<StoredQuestion>;

export const serverQuestionRecordSchema = z.object({
  v: z.literal(1),
  slug: z.string().min(1).max(60),
  guildId: z.string(),
  question: storedQuestionSchema,
  authorId: z.string(),
  suggestedBy: z.string().optional(),
  createdAt: iso,
  updatedAt: iso,
  removedAt: iso.optional(),
}) satisfies z.ZodType<ServerQuestionRecord>;

export const suggestionRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  guildId: z.string(),
  authorId: z.string(),
  question: storedQuestionSchema,
  at: iso,
  state: z.enum(['pending', 'approved', 'rejected']),
  reviewedBy: z.string().optional(),
  reviewedAt: iso.optional(),
  questionId: z.string().optional(),
}) satisfies z.ZodType<SuggestionRecord>;

/** One member's line in the leaderboard index (compact: 100,000 of these live in a server's buckets). */
export const boardEntrySchema = z.object({
  n: z.string(),
  p: z.number().int().min(0),
  a: z.number().int().min(0),
  w: z.object({ k: z.string(), p: z.number().int().min(0), a: z.number().int().min(0) }),
  m: z.object({ k: z.string(), p: z.number().int().min(0), a: z.number().int().min(0) }),
  s: streakSchema,
}) satisfies z.ZodType<BoardEntry>;

export const boardBucketSchema = z.object({
  v: z.literal(1),
  entries: z.record(z.string(), boardEntrySchema),
}) satisfies z.ZodType<BoardBucket>;

/** Written last when an index is built; its absence (or an older `v`) means "rebuild from users". */
export const boardMetaSchema = z.object({
  v: z.literal(1),
  buckets: z.number().int().min(1),
  builtAt: iso,
}) satisfies z.ZodType<BoardMeta>;

// ---------------------------------------------------------------------------------------------
// Record types: current version and migrations from every older one.

const mapValues = <A, B>(record: unknown, fn: (value: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries((record ?? {}) as Record<string, A>).map(([k, v]) => [k, fn(v)]));

/** v1 kept one day per question in `awarded` and `revealed`; v2 keeps every day still relevant. */
const userV1toV2: Migration = (raw) => ({
  ...raw,
  awarded: mapValues<string, Award[]>(raw.awarded, (d) => [{ day: d }]),
  revealed: mapValues<string, string[]>(raw.revealed, (d) => [d]),
});

export const USER_RECORD = recordType(userRecordSchema, 2, { 1: userV1toV2 });
export const ANSWER_RECORD = recordType(answerRecordSchema, 1);
/** v2 adds an optional `timeZone` (personal scopes): a v1 record is a v2 record without it. */
const guildV1toV2: Migration = (raw) => raw;

/** v3 adds the optional `dailySource` and `editorRoleId` (server questions): a v2 record is a v3 without them. */
const guildV2toV3: Migration = (raw) => raw;

export const GUILD_RECORD = recordType(guildRecordSchema, 3, { 1: guildV1toV2, 2: guildV2toV3 });
export const POST_RECORD = recordType(postRecordSchema, 1);
export const REMINDER_RECORD = recordType(reminderRecordSchema, 1);
/** v2 adds the optional `guildId` (reports on a server's own questions). */
const reportV1toV2: Migration = (raw) => raw;
export const REPORT_RECORD = recordType(reportRecordSchema, 2, { 1: reportV1toV2 });
export const SERVER_QUESTION_RECORD = recordType(serverQuestionRecordSchema, 1);
export const SUGGESTION_RECORD = recordType(suggestionRecordSchema, 1);
export const MOCK_RECORD = recordType(mockRecordSchema, 1);
export const PEER_SESSION_RECORD = recordType(peerSessionRecordSchema, 1);
export const PEER_QUEUE_RECORD = recordType(peerQueueRecordSchema, 1);
export const PEER_PAIR_RECORD = recordType(peerPairRecordSchema, 1);
export const BOARD_BUCKET = recordType(boardBucketSchema, 1);
export const BOARD_META = recordType(boardMetaSchema, 1);

export type {
  AnswerRecord,
  BoardBucket,
  BoardEntry,
  BoardMeta,
  GuildRecord,
  MockRecord,
  PeerPairRecord,
  PeerQueueRecord,
  PeerSessionRecord,
  ReminderRecord,
  ReportRecord,
  ServerQuestionRecord,
  StoredPostRecord,
  StoredSchedule,
  SuggestionRecord,
  UserRecord,
};
