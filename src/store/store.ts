import type { BoardBucket, BoardMeta } from '../core/model.ts';
import { keys } from './keys.ts';
import type { KvStore } from './open.ts';
import type { Staged, Store } from './ports.ts';
import {
  ANSWER_RECORD,
  type AnswerRecord,
  BOARD_BUCKET,
  BOARD_META,
  GUILD_RECORD,
  type GuildRecord,
  MOCK_RECORD,
  type MockRecord,
  PEER_PAIR_RECORD,
  PEER_QUEUE_RECORD,
  PEER_SESSION_RECORD,
  type PeerPairRecord,
  type PeerQueueRecord,
  type PeerSessionRecord,
  POST_RECORD,
  REMINDER_RECORD,
  REPORT_RECORD,
  type ReminderRecord,
  type ReportRecord,
  SERVER_QUESTION_RECORD,
  type ServerQuestionRecord,
  type StoredPostRecord,
  SUGGESTION_RECORD,
  type SuggestionRecord,
  USER_RECORD,
  type UserRecord,
} from './records.ts';
import { commitStaged, RecordRepo } from './repo.ts';

// Active members answer and grade in bursts: their records are kept (a few MB at most).
const USER_CACHE_SIZE = 1000;
// A fresh answer is graded within a minute or two: keeping the last ones spares that read. 2,000
// covers that gap up to ~20 answers/s (a few MB: answers are at most 4,000 characters).
const ANSWER_CACHE_SIZE = 2000;

/**
 * The store port over an opened Keyv store: typed repositories sharing the store's per-key lock.
 * Records are cached only where this process is the store's only writer (SQLite).
 */
export function createStore(kv: KvStore): Store {
  const mutex = kv.lock;
  const cached = (size: number) => (kv.shared ? 0 : size);
  const users = new RecordRepo<UserRecord, [string, string]>(
    kv,
    mutex,
    USER_RECORD,
    keys.user,
    cached(USER_CACHE_SIZE),
  );
  const answers = new RecordRepo<AnswerRecord, [string, string, string]>(
    kv,
    mutex,
    ANSWER_RECORD,
    keys.answer,
    cached(ANSWER_CACHE_SIZE),
  );
  const boardBuckets = new RecordRepo<BoardBucket, [string, number]>(
    kv,
    mutex,
    BOARD_BUCKET,
    keys.boardBucket,
  );
  const reminders = new RecordRepo<ReminderRecord, [string]>(kv, mutex, REMINDER_RECORD, keys.reminder);
  const reports = new RecordRepo<ReportRecord, [string, string]>(kv, mutex, REPORT_RECORD, keys.report);
  const mocks = new RecordRepo<MockRecord, [string, string, string]>(kv, mutex, MOCK_RECORD, keys.mock);
  const serverQuestions = new RecordRepo<ServerQuestionRecord, [string, string]>(
    kv,
    mutex,
    SERVER_QUESTION_RECORD,
    keys.serverQuestion,
  );
  const suggestions = new RecordRepo<SuggestionRecord, [string, string]>(
    kv,
    mutex,
    SUGGESTION_RECORD,
    keys.suggestion,
  );
  const peerSessions = new RecordRepo<PeerSessionRecord, [string, string]>(
    kv,
    mutex,
    PEER_SESSION_RECORD,
    keys.peer,
  );
  return {
    shared: kv.shared,
    users: Object.assign(users, {
      listGuild: async (guildId: string) =>
        (await kv.scan(keys.userPrefix(guildId))).map(({ key, value }) => USER_RECORD.read(value, key).value),
    }),
    answers: Object.assign(answers, {
      idsOf: async (guildId: string, userId: string) => {
        const prefix = keys.answerPrefix(guildId, userId);
        return (await kv.scan(prefix)).map(({ key }) => key.slice(prefix.length));
      },
      listOf: async (guildId: string, userId: string) =>
        (await kv.scan(keys.answerPrefix(guildId, userId))).map(({ key, value }) =>
          answers.parse(value, key),
        ),
    }),
    guilds: new RecordRepo<GuildRecord, [string]>(kv, mutex, GUILD_RECORD, keys.guild),
    posts: new RecordRepo<StoredPostRecord, [string, string]>(kv, mutex, POST_RECORD, keys.post),
    boardBuckets: Object.assign(boardBuckets, {
      stageDeleteAll: async (guildId: string): Promise<Staged[]> =>
        (await kv.scan(keys.boardPrefix(guildId))).map(({ key }) => ({ key, settle: () => {} })),
    }),
    boardMeta: new RecordRepo<BoardMeta, [string]>(kv, mutex, BOARD_META, keys.boardMeta),
    reports: Object.assign(reports, {
      listOf: async (userId: string) =>
        (await kv.scan(keys.reportsOf(userId))).map(({ key, value }) => reports.parse(value, key)),
      listAll: async () =>
        (await kv.scan(keys.reportPrefix)).map(({ key, value }) => reports.parse(value, key)),
    }),
    mocks: Object.assign(mocks, {
      idsOf: async (guildId: string, userId: string) => {
        const prefix = keys.mockPrefix(guildId, userId);
        return (await kv.scan(prefix)).map(({ key }) => key.slice(prefix.length));
      },
      listOf: async (guildId: string, userId: string) =>
        (await kv.scan(keys.mockPrefix(guildId, userId))).map(({ key, value }) => mocks.parse(value, key)),
    }),
    peerSessions: Object.assign(peerSessions, {
      listGuild: async (guildId: string) =>
        (await kv.scan(keys.peerPrefix(guildId))).map(({ key, value }) => peerSessions.parse(value, key)),
    }),
    peerQueues: new RecordRepo<PeerQueueRecord, [string]>(kv, mutex, PEER_QUEUE_RECORD, keys.peerQueue),
    peerPairs: new RecordRepo<PeerPairRecord, [string, string, string]>(
      kv,
      mutex,
      PEER_PAIR_RECORD,
      keys.peerPair,
    ),
    serverQuestions: Object.assign(serverQuestions, {
      listGuild: async (guildId: string) =>
        (await kv.scan(keys.serverQuestionPrefix(guildId))).map(({ key, value }) =>
          serverQuestions.parse(value, key),
        ),
    }),
    suggestions: Object.assign(suggestions, {
      listGuild: async (guildId: string) =>
        (await kv.scan(keys.suggestionPrefix(guildId))).map(({ key, value }) =>
          suggestions.parse(value, key),
        ),
    }),
    reminders: Object.assign(reminders, {
      listAll: async () =>
        (await kv.scan(keys.reminderPrefix)).map(({ key, value }) => reminders.parse(value, key)),
    }),
    settings: {
      get: async (key) => {
        const value = await kv.keyv.get(keys.setting(key));
        return typeof value === 'string' ? value : undefined;
      },
      set: (key, value) => kv.commit([{ key: keys.setting(key), value }]),
    },
    commit: (staged) => commitStaged(kv, staged),
    flushDeleted: () => kv.flushDeleted(),
    ping: async () => {
      await kv.query('SELECT 1');
    },
  };
}
