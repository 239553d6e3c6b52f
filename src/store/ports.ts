// The store port: what services see of storage. Repositories are addressed by domain ids (the key
// layout, Keyv and SQL stay inside src/store/), and `commit` writes staged records atomically.
import type {
  AnswerRecord,
  BoardBucket,
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
  SuggestionRecord,
  UserRecord,
} from '../core/model.ts';

/** A write or deletion prepared by a repository, to be committed with others. Opaque to services. */
export interface Staged {
  readonly key: string;
}

export interface Repository<T, Id extends readonly unknown[]> {
  /** Undefined only when there is no record; a failed read, a corrupt or too-new record throws. */
  get(...id: Id): Promise<T | undefined>;
  getMany(ids: readonly Id[]): Promise<(T | undefined)[]>;
  set(id: Id, value: T): Promise<void>;
  /** Validates now; the commit writes it. */
  stage(id: Id, value: T): Staged;
  /** Computed (and validated) when the commit is queued: the newest in-memory state in queue order. */
  stageLazy(id: Id, value: () => T): Staged;
  stageDelete(id: Id): Staged;
  delete(...id: Id): Promise<void>;
  /** Runs `fn` under the record's lock (the one per-key mutex of the process). */
  locked<R>(id: Id, fn: () => Promise<R>): Promise<R>;
  /** Read-modify-write under the record's lock; `next` undefined leaves the record untouched. */
  update<R>(
    id: Id,
    fn: (
      current: T | undefined,
    ) => { next: T | undefined; result: R } | Promise<{ next: T | undefined; result: R }>,
  ): Promise<R>;
}

export interface UserRepository extends Repository<UserRecord, [guildId: string, userId: string]> {
  /** Every member's record in a server, in user-id order (rebuilds, never per request). */
  listGuild(guildId: string): Promise<UserRecord[]>;
}

export interface AnswerRepository
  extends Repository<AnswerRecord, [guildId: string, userId: string, answerId: string]> {
  /** Ids of every stored answer of a member, orphans included. */
  idsOf(guildId: string, userId: string): Promise<string[]>;
  /** Every stored answer of a member in a scope (one prefix scan), in id order. */
  listOf(guildId: string, userId: string): Promise<AnswerRecord[]>;
}

export interface BoardBucketRepository extends Repository<BoardBucket, [guildId: string, bucket: number]> {
  /** Deletions of every stored bucket and the meta record of a server's leaderboard index. */
  stageDeleteAll(guildId: string): Promise<Staged[]>;
}

export interface ReminderRepository extends Repository<ReminderRecord, [userId: string]> {
  /** Every reminder (the sweep's source of truth: another process may have changed one). */
  listAll(): Promise<ReminderRecord[]>;
}

export interface ReportRepository extends Repository<ReportRecord, [userId: string, reportId: string]> {
  listOf(userId: string): Promise<ReportRecord[]>;
  /** Every report (for the owners and the maintainers' CLI). */
  listAll(): Promise<ReportRecord[]>;
}

export interface MockRepository
  extends Repository<MockRecord, [guildId: string, userId: string, mockId: string]> {
  /** Ids of every stored mock interview of a member in a scope, unreadable ones included. */
  idsOf(guildId: string, userId: string): Promise<string[]>;
  /** Every mock interview of a member in a scope (one prefix scan), in id (= time) order. */
  listOf(guildId: string, userId: string): Promise<MockRecord[]>;
}

export interface PeerSessionRepository
  extends Repository<PeerSessionRecord, [guildId: string, sessionId: string]> {
  /** Every peer mock interview of a server (for /forget-me), in id order. */
  listGuild(guildId: string): Promise<PeerSessionRecord[]>;
}

export interface ServerQuestionRepository
  extends Repository<ServerQuestionRecord, [guildId: string, slug: string]> {
  /** Every question of a server (removed ones too), in slug order. */
  listGuild(guildId: string): Promise<ServerQuestionRecord[]>;
}

export interface SuggestionRepository extends Repository<SuggestionRecord, [guildId: string, id: string]> {
  /** Every suggestion of a server, oldest first. */
  listGuild(guildId: string): Promise<SuggestionRecord[]>;
}

export interface SettingRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface Store {
  /**
   * Other processes may write the same records (PostgreSQL): what a service derives from them in
   * memory (a leaderboard index) must be re-derived from the records now and then.
   */
  readonly shared: boolean;
  users: UserRepository;
  answers: AnswerRepository;
  guilds: Repository<GuildRecord, [guildId: string]>;
  posts: Repository<StoredPostRecord, [guildId: string, channelId: string]>;
  boardBuckets: BoardBucketRepository;
  boardMeta: Repository<BoardMeta, [guildId: string]>;
  reminders: ReminderRepository;
  reports: ReportRepository;
  mocks: MockRepository;
  peerSessions: PeerSessionRepository;
  peerQueues: Repository<PeerQueueRecord, [guildId: string]>;
  peerPairs: Repository<PeerPairRecord, [guildId: string, a: string, b: string]>;
  serverQuestions: ServerQuestionRepository;
  suggestions: SuggestionRepository;
  /** App-level values (the registered commands' hash). */
  settings: SettingRepository;
  /** Writes every staged record atomically, after every earlier write: all land, or none. */
  commit(staged: readonly Staged[]): Promise<void>;
  /** After deleting what must be gone: leaves no copy of deleted values on disk (WAL truncated). */
  flushDeleted(): Promise<void>;
  /** Resolves if the store answers a trivial query (health checks). */
  ping(): Promise<void>;
}
