// Stored record shapes: each record type reads back exactly what a valid record holds (with its
// optional fields present and absent), and refuses a record that breaks any one constraint of its
// schema — a day or time that is not one, a negative or fractional count, an unknown grade, state
// or kind, a text over its bound, an empty list that must hold something — naming the key.
// The constraints guard what the services rely on; a record that breaks one is corruption, not data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANSWER_RECORD,
  BOARD_BUCKET,
  BOARD_META,
  GUILD_RECORD,
  MOCK_RECORD,
  PEER_PAIR_RECORD,
  PEER_QUEUE_RECORD,
  PEER_SESSION_RECORD,
  POST_RECORD,
  REMINDER_RECORD,
  REPORT_RECORD,
  SERVER_QUESTION_RECORD,
  SUGGESTION_RECORD,
  USER_RECORD,
} from '../../src/store/records.ts';
import { CorruptRecordError, type RecordType } from '../../src/store/versioned.ts';

type Path = (string | number)[];
type Json = Record<string, unknown>;

const AT = '2026-03-29T01:30:00.000Z';
const clone = <T>(value: T): T => structuredClone(value);

function setAt(record: Json, path: Path, value: unknown): Json {
  const copy = clone(record);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    node = node[step] as Record<string | number, unknown>;
    if (node === undefined) return copy; // a parent already removed
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Optional fields removed: what an older or simpler record holds. */
function without(record: Json, paths: Path[]): Json {
  return paths.reduce((r, path) => setAt(r, path, undefined), record);
}

interface Spec {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: one table over every record type
  type: RecordType<any>;
  full: Json;
  optional: Path[];
  /** [path, value, what it breaks]: each alone makes the record corrupt. */
  refused: [Path, unknown, string][];
  /** [path, value]: the edge values that stay valid. */
  accepted?: [Path, unknown][];
}

const schedule = {
  guildId: 'g1',
  channelId: 'c1',
  time: '09:00',
  timeZone: 'Europe/Berlin',
  roleId: 'r1',
  thread: true,
  enabled: true,
  lastError: { code: 50013, message: 'Missing Permissions', at: AT },
  disabledReason: 'channel deleted',
};

const storedQuestion = {
  title: 'Dice vs IoU',
  topics: ['evaluation'],
  difficulty: 'easy',
  kind: 'case-study',
  keyPoints: [
    { text: 'Dice = 2|A∩B|/(|A|+|B|)', synonyms: ['overlap'], needs: [['dice'], ['twice']], stage: 'data' },
  ],
  answer: 'Dice weighs the overlap twice.',
  followUps: ['When does Dice mislead?'],
  redFlags: ['Reporting Dice on empty masks'],
};

const entry = {
  n: 'alice',
  p: 3,
  a: 2,
  w: { k: '2026-W13', p: 1, a: 1 },
  m: { k: '2026-03', p: 3, a: 2 },
  s: { current: 1, longest: 4, freezes: 2, lastDay: '2026-03-29' },
};

const day = (path: Path): [Path, unknown, string][] => [
  [path, '2026-3-29', 'a day without two-digit month'],
  [path, 'x2026-03-29', 'a day with a prefix'],
  [path, '2026-03-29x', 'a day with a suffix'],
  [path, '29.03.2026', 'a day in another format'],
];
const time = (path: Path): [Path, unknown, string][] => [
  [path, '9:00', 'a time with one hour digit'],
  [path, 'x09:00', 'a time with a prefix'],
  [path, '09:00x', 'a time with a suffix'],
];
const count = (path: Path): [Path, unknown, string][] => [
  [path, -1, 'a negative count'],
  [path, 1.5, 'a fractional count'],
  [path, '1', 'a count as text'],
];
const iso = (path: Path): [Path, unknown, string][] => [
  [path, '2026-03', 'an instant shorter than a date'],
  [path, 1774747800000, 'an instant as a number'],
];

const specs: Spec[] = [
  {
    name: 'user',
    type: USER_RECORD,
    full: {
      v: 2,
      guildId: 'g1',
      userId: 'u1',
      displayName: 'alice',
      points: 3,
      answers: 2,
      streak: { current: 1, longest: 4, freezes: 2, lastDay: '2026-03-29' },
      mastery: { q1: { attempts: 2, score: 1 } },
      progress: {
        q1: {
          card: {
            due: AT,
            stability: 2.5,
            difficulty: 5.1,
            elapsed_days: 0,
            scheduled_days: 3,
            learning_steps: 0,
            reps: 1,
            lapses: 0,
            state: 2,
            last_review: AT,
          },
          lastAnsweredAt: AT,
          lastGrade: 'nailed',
        },
      },
      lastQuestionId: 'q1',
      awarded: { q1: [{ day: '2026-03-29', at: AT, tz: 'Europe/Berlin' }] },
      revealed: { q2: ['2026-03-28'] },
      days: { '2026-03-29': 2 },
      week: { key: '2026-W13', points: 3, answers: 2 },
      month: { key: '2026-03', points: 3, answers: 2 },
      answerIds: ['a1', 'a2'],
      graded: ['a1'],
      gradeLog: { a1: { grade: 'nailed', points: 3 } },
    },
    optional: [
      ['lastQuestionId'],
      ['progress', 'q1', 'lastGrade'],
      ['awarded', 'q1', 0, 'at'],
      ['awarded', 'q1', 0, 'tz'],
    ],
    refused: [
      [['v'], 1.5, 'a fractional version'],
      [['guildId'], 1, 'an id that is not text'],
      [['userId'], undefined, 'no user id'],
      [['displayName'], null, 'no display name'],
      ...count(['points']),
      ...count(['answers']),
      ...count(['streak', 'current']),
      ...count(['streak', 'longest']),
      ...count(['streak', 'freezes']),
      [['streak', 'freezes'], 3, 'more than two freezes'],
      ...day(['streak', 'lastDay']),
      [['streak', 'lastDay'], undefined, 'no last day (null means none)'],
      ...count(['mastery', 'q1', 'attempts']),
      [['mastery', 'q1', 'score'], -0.1, 'a mastery below 0'],
      [['mastery', 'q1', 'score'], 1.1, 'a mastery above 1'],
      [['progress', 'q1', 'card', 'due'], '2026', 'a due date that is not one'],
      [['progress', 'q1', 'card', 'stability'], '2.5', 'a stability as text'],
      [['progress', 'q1', 'card', 'difficulty'], null, 'no difficulty'],
      [['progress', 'q1', 'card', 'elapsed_days'], undefined, 'no elapsed days'],
      [['progress', 'q1', 'card', 'scheduled_days'], '3', 'scheduled days as text'],
      [['progress', 'q1', 'card', 'learning_steps'], undefined, 'no learning steps'],
      [['progress', 'q1', 'card', 'reps'], 1.5, 'fractional repetitions'],
      [['progress', 'q1', 'card', 'lapses'], 0.5, 'fractional lapses'],
      [['progress', 'q1', 'card', 'state'], 2.5, 'a fractional card state'],
      [['progress', 'q1', 'card', 'last_review'], '2026', 'a last review that is not an instant'],
      ...iso(['progress', 'q1', 'lastAnsweredAt']),
      [['progress', 'q1', 'lastGrade'], 'perfect', 'an unknown grade'],
      [['lastQuestionId'], 7, 'a question id that is not text'],
      ...day(['awarded', 'q1', 0, 'day']),
      ...iso(['awarded', 'q1', 0, 'at']),
      [['awarded', 'q1', 0, 'tz'], 1, 'a zone that is not text'],
      [['awarded', 'q1'], '2026-03-29', 'a v1 award kept in a v2 record'],
      ...day(['revealed', 'q2', 0]),
      [['days'], { '2026-3-29': 1 }, 'a heatmap day that is not one'],
      ...count(['days', '2026-03-29']),
      [['week', 'key'], 13, 'a period key that is not text'],
      ...count(['week', 'points']),
      ...count(['week', 'answers']),
      ...count(['month', 'points']),
      ...count(['month', 'answers']),
      [['answerIds', 0], 1, 'an answer id that is not text'],
      [['graded', 0], 1, 'a graded id that is not text'],
      [['gradeLog', 'a1', 'grade'], 'great', 'an unknown logged grade'],
      ...count(['gradeLog', 'a1', 'points']),
    ],
    accepted: [
      [['streak', 'freezes'], 0],
      [['streak', 'lastDay'], null],
      [['mastery', 'q1', 'score'], 0],
      [['progress', 'q1', 'card', 'last_review'], null],
      [['progress', 'q1', 'lastGrade'], 'missed'],
      [['points'], 0],
    ],
  },
  {
    name: 'answer',
    type: ANSWER_RECORD,
    full: {
      v: 1,
      id: 'a1',
      guildId: 'g1',
      userId: 'u1',
      questionId: 'q1',
      text: 'Dice is twice the overlap over the sum of the sizes.',
      at: AT,
      day: '2026-03-29',
      tz: 'Europe/Berlin',
      daily: false,
      covered: [0, 2],
      missed: [1],
      grade: 'partly',
      gradedAt: AT,
      points: 1,
    },
    optional: [['tz'], ['grade'], ['gradedAt'], ['points']],
    refused: [
      [['id'], undefined, 'no id'],
      [['questionId'], 1, 'a question id that is not text'],
      [['text'], 'x'.repeat(4001), 'an answer over 4,000 characters'],
      ...iso(['at']),
      ...day(['day']),
      [['daily'], 'yes', 'a daily flag that is not a boolean'],
      ...count(['covered', 0]),
      ...count(['missed', 0]),
      [['grade'], 'perfect', 'an unknown grade'],
      ...iso(['gradedAt']),
      ...count(['points']),
    ],
    accepted: [[['text'], 'x'.repeat(4000)]],
  },
  {
    name: 'guild',
    type: GUILD_RECORD,
    full: {
      v: 3,
      guildId: 'g1',
      schedules: { c1: schedule },
      rotation: { used: ['q1'], byDate: { '2026-03-29': 'q1' }, cycle: 2 },
      timeZone: 'Europe/Berlin',
      dailySource: 'both',
      editorRoleId: 'r2',
    },
    optional: [
      ['rotation'],
      ['timeZone'],
      ['dailySource'],
      ['editorRoleId'],
      ['schedules', 'c1', 'roleId'],
      ['schedules', 'c1', 'thread'],
      ['schedules', 'c1', 'lastError'],
      ['schedules', 'c1', 'disabledReason'],
    ],
    refused: [
      [['guildId'], undefined, 'no server id'],
      [['schedules', 'c1', 'channelId'], undefined, 'a schedule without its channel'],
      ...time(['schedules', 'c1', 'time']),
      [['schedules', 'c1', 'timeZone'], undefined, 'a schedule without its zone'],
      [['schedules', 'c1', 'enabled'], 'true', 'an enabled flag as text'],
      [['schedules', 'c1', 'thread'], 'yes', 'a thread flag as text'],
      [['schedules', 'c1', 'lastError', 'message'], undefined, 'an error without its message'],
      [['schedules', 'c1', 'lastError', 'code'], '50013', 'an error code as text'],
      ...iso(['schedules', 'c1', 'lastError', 'at']),
      [['rotation', 'used'], 'q1', 'used questions that are not a list'],
      [['rotation', 'byDate', '2026-03-29'], 1, 'a rotation entry that is not a question id'],
      ...count(['rotation', 'cycle']),
      [['dailySource'], 'mine', 'an unknown daily source'],
      [['timeZone'], 1, 'a zone that is not text'],
    ],
    accepted: [
      [['dailySource'], 'shared'],
      [['dailySource'], 'server'],
    ],
  },
  {
    name: 'post',
    type: POST_RECORD,
    full: {
      v: 1,
      localDate: '2026-03-29',
      questionId: 'q1',
      state: 'sent',
      nonce: 'n1',
      messageId: 'm1',
      at: AT,
      error: { code: 50001, message: 'Missing Access' },
    },
    optional: [['messageId'], ['error'], ['error', 'code']],
    refused: [
      ...day(['localDate']),
      [['state'], 'queued', 'an unknown post state'],
      [['nonce'], undefined, 'no nonce'],
      ...iso(['at']),
      [['error', 'message'], undefined, 'an error without its message'],
    ],
    accepted: [
      [['state'], 'sending'],
      [['state'], 'failed'],
    ],
  },
  {
    name: 'reminder',
    type: REMINDER_RECORD,
    full: {
      v: 1,
      userId: 'u1',
      time: '20:00',
      timeZone: 'America/New_York',
      enabled: false,
      disabledReason: 'dms-closed',
      last: { day: '2026-03-08', state: 'sent', nonce: 'n1', at: AT },
    },
    optional: [['disabledReason'], ['last'], ['last', 'nonce']],
    refused: [
      ...time(['time']),
      [['disabledReason'], 'bored', 'an unknown reason to stop'],
      ...day(['last', 'day']),
      [['last', 'state'], 'queued', 'an unknown reminder state'],
      ...iso(['last', 'at']),
    ],
    accepted: [
      [['last', 'state'], 'skipped'],
      [['last', 'state'], 'sending'],
      [['last', 'state'], 'failed'],
    ],
  },
  {
    name: 'report',
    type: REPORT_RECORD,
    full: {
      v: 2,
      id: 'r1',
      userId: 'u1',
      questionId: 'q1',
      guildId: 'g1',
      text: 'KP2 is wrong',
      at: AT,
      bankVersion: 'abc',
      source: { file: 'questions/01.md', line: 12 },
    },
    optional: [['guildId'], ['source']],
    refused: [
      [['text'], 'x'.repeat(1001), 'a report over 1,000 characters'],
      ...iso(['at']),
      [['bankVersion'], undefined, 'no bank version'],
      [['source', 'line'], 1.5, 'a fractional line'],
      [['source', 'file'], undefined, 'a source without its file'],
    ],
    accepted: [[['text'], 'x'.repeat(1000)]],
  },
  {
    name: 'solo mock',
    type: MOCK_RECORD,
    full: {
      v: 1,
      id: 'm1',
      guildId: 'g1',
      userId: 'u1',
      topic: 'evaluation',
      kind: 'coding',
      createdAt: AT,
      updatedAt: AT,
      endedAt: AT,
      steps: [
        {
          questionId: 'q1',
          budgetMinutes: 5,
          shownAt: AT,
          answerId: 'a1',
          answeredAt: AT,
          covered: 2,
          keyPoints: 5,
          grade: 'nailed',
          points: 3,
        },
      ],
    },
    optional: [
      ['topic'],
      ['kind'],
      ['endedAt'],
      ['steps', 0, 'shownAt'],
      ['steps', 0, 'answerId'],
      ['steps', 0, 'answeredAt'],
      ['steps', 0, 'covered'],
      ['steps', 0, 'keyPoints'],
      ['steps', 0, 'grade'],
      ['steps', 0, 'points'],
    ],
    refused: [
      [['kind'], 'essay', 'an unknown kind'],
      ...iso(['createdAt']),
      ...iso(['updatedAt']),
      ...iso(['endedAt']),
      [['steps'], [], 'a mock without questions'],
      [
        ['steps'],
        Array.from({ length: 21 }, () => ({ questionId: 'q', budgetMinutes: 5 })),
        'more than 20 questions',
      ],
      [['steps', 0, 'budgetMinutes'], 0, 'a budget under a minute'],
      [['steps', 0, 'budgetMinutes'], 61, 'a budget over an hour'],
      [['steps', 0, 'budgetMinutes'], 1.5, 'a fractional budget'],
      ...iso(['steps', 0, 'shownAt']),
      ...iso(['steps', 0, 'answeredAt']),
      ...count(['steps', 0, 'covered']),
      ...count(['steps', 0, 'keyPoints']),
      [['steps', 0, 'grade'], 'great', 'an unknown grade'],
      ...count(['steps', 0, 'points']),
    ],
    accepted: [
      [['steps', 0, 'budgetMinutes'], 1],
      [['steps', 0, 'budgetMinutes'], 60],
      [['steps'], Array.from({ length: 20 }, () => ({ questionId: 'q', budgetMinutes: 5 }))],
      [['kind'], 'concept'],
    ],
  },
  {
    name: 'peer session',
    type: PEER_SESSION_RECORD,
    full: {
      v: 1,
      id: 'p1',
      guildId: 'g1',
      channelId: 'c1',
      threadId: 't1',
      memberIds: ['u1', 'u2'],
      state: 'active',
      topic: 'dicom',
      level: 'senior',
      length: 3,
      createdAt: AT,
      updatedAt: AT,
      steps: [
        {
          questionId: 'q1',
          round: 0,
          interviewerId: 'u1',
          candidateId: 'u2',
          shownAt: AT,
          checked: [0, 1],
          note: 'clear on tags',
          scoredAt: AT,
        },
      ],
      upcoming: ['q2'],
      awards: [{ round: 0, userId: 'u1', points: 2 }],
    },
    optional: [['threadId'], ['topic'], ['level'], ['steps', 0, 'note'], ['steps', 0, 'scoredAt']],
    refused: [
      [['memberIds'], ['u1'], 'one member'],
      [['memberIds'], ['u1', 'u2', 'u3'], 'three members'],
      [['state'], 'paused', 'an unknown session state'],
      [['level'], 'staff', 'an unknown level'],
      [['length'], 0, 'no rounds'],
      [['length'], 21, 'more than 20 rounds'],
      [['length'], 2.5, 'a fractional length'],
      ...count(['steps', 0, 'round']),
      [['steps', 0, 'interviewerId'], undefined, 'a step without its interviewer'],
      [['steps', 0, 'candidateId'], undefined, 'a step without its candidate'],
      ...iso(['steps', 0, 'shownAt']),
      ...count(['steps', 0, 'checked', 0]),
      [['steps', 0, 'note'], 'x'.repeat(501), 'a note over 500 characters'],
      ...iso(['steps', 0, 'scoredAt']),
      [['upcoming'], Array.from({ length: 21 }, (_, i) => `q${i}`), 'more than 20 upcoming questions'],
      ...count(['awards', 0, 'round']),
      ...count(['awards', 0, 'points']),
      [['awards', 0, 'userId'], undefined, 'an award without its member'],
    ],
    accepted: [
      [['length'], 1],
      [['length'], 20],
      [['steps', 0, 'note'], 'x'.repeat(500)],
      [['level'], 'junior'],
      [['state'], 'invited'],
      [['state'], 'declined'],
      [['state'], 'ended'],
    ],
  },
  {
    name: 'peer queue',
    type: PEER_QUEUE_RECORD,
    full: {
      v: 1,
      guildId: 'g1',
      waiting: [{ userId: 'u1', channelId: 'c1', topic: 'mri', level: 'mid', at: AT }],
    },
    optional: [
      ['waiting', 0, 'topic'],
      ['waiting', 0, 'level'],
    ],
    refused: [
      [['waiting', 0, 'userId'], undefined, 'a waiting member without an id'],
      [['waiting', 0, 'channelId'], undefined, 'a waiting member without a channel'],
      [['waiting', 0, 'level'], 'staff', 'an unknown level'],
      ...iso(['waiting', 0, 'at']),
    ],
  },
  {
    name: 'peer pair',
    type: PEER_PAIR_RECORD,
    full: { v: 1, lastAwardDay: '2026-10-25' },
    optional: [],
    refused: day(['lastAwardDay']),
  },
  {
    name: 'server question',
    type: SERVER_QUESTION_RECORD,
    full: {
      v: 1,
      slug: 'dice-vs-iou',
      guildId: 'g1',
      question: storedQuestion,
      authorId: 'u1',
      suggestedBy: 'u2',
      createdAt: AT,
      updatedAt: AT,
      removedAt: AT,
    },
    optional: [
      ['suggestedBy'],
      ['removedAt'],
      ['question', 'followUps'],
      ['question', 'redFlags'],
      ['question', 'keyPoints', 0, 'needs'],
      ['question', 'keyPoints', 0, 'stage'],
    ],
    refused: [
      [['slug'], '', 'an empty slug'],
      [['slug'], 'x'.repeat(61), 'a slug over 60 characters'],
      [['question', 'title'], '', 'an empty title'],
      [['question', 'title'], 'x'.repeat(257), 'a title over 256 characters'],
      [['question', 'topics'], [], 'no topic'],
      [['question', 'topics'], ['a', 'b', 'c', 'd'], 'more than 3 topics'],
      [['question', 'difficulty'], 'brutal', 'an unknown difficulty'],
      [['question', 'kind'], 'essay', 'an unknown kind'],
      [['question', 'keyPoints'], [], 'no key point'],
      [
        ['question', 'keyPoints'],
        Array.from({ length: 15 }, (_, i) => ({ text: `p${i}`, synonyms: [] })),
        'more than 14 key points',
      ],
      [['question', 'keyPoints', 0, 'text'], '', 'an empty key point'],
      [['question', 'keyPoints', 0, 'synonyms'], undefined, 'a key point without synonyms'],
      [['question', 'keyPoints', 0, 'needs'], ['dice'], 'needs that are not groups'],
      [['question', 'keyPoints', 0, 'stage'], 'coffee', 'an unknown stage'],
      [['question', 'answer'], '', 'an empty model answer'],
      [['question', 'answer'], 'x'.repeat(8001), 'a model answer over 8,000 characters'],
      [['question', 'followUps', 0], 1, 'a follow-up that is not text'],
      [['question', 'redFlags', 0], 1, 'a red flag that is not text'],
      ...iso(['createdAt']),
      ...iso(['updatedAt']),
      ...iso(['removedAt']),
    ],
    accepted: [
      [['slug'], 'x'.repeat(60)],
      [['question', 'title'], 'x'.repeat(256)],
      [
        ['question', 'topics'],
        ['a', 'b', 'c'],
      ],
      [['question', 'answer'], 'x'.repeat(8000)],
      [['question', 'keyPoints'], Array.from({ length: 14 }, (_, i) => ({ text: `p${i}`, synonyms: [] }))],
      [['question', 'difficulty'], 'hard'],
      [['question', 'kind'], 'behavioural'],
    ],
  },
  {
    name: 'suggestion',
    type: SUGGESTION_RECORD,
    full: {
      v: 1,
      id: 's1',
      guildId: 'g1',
      authorId: 'u2',
      question: storedQuestion,
      at: AT,
      state: 'approved',
      reviewedBy: 'u1',
      reviewedAt: AT,
      questionId: 'dice-vs-iou',
    },
    optional: [['reviewedBy'], ['reviewedAt'], ['questionId']],
    refused: [
      [['state'], 'maybe', 'an unknown review state'],
      [['question', 'title'], '', 'a suggestion with an empty title'],
      ...iso(['at']),
      ...iso(['reviewedAt']),
    ],
    accepted: [
      [['state'], 'pending'],
      [['state'], 'rejected'],
    ],
  },
  {
    name: 'leaderboard bucket',
    type: BOARD_BUCKET,
    full: { v: 1, entries: { u1: entry } },
    optional: [],
    refused: [
      // `lastDay` is nullable, not optional.
      [['entries', 'u1', 's', 'lastDay'], undefined, 'a streak without its last day'],
      [['entries', 'u1', 'n'], undefined, 'an entry without a name'],
      ...count(['entries', 'u1', 'p']),
      ...count(['entries', 'u1', 'a']),
      [['entries', 'u1', 'w', 'k'], undefined, 'a week without its key'],
      ...count(['entries', 'u1', 'w', 'p']),
      ...count(['entries', 'u1', 'w', 'a']),
      [['entries', 'u1', 'm', 'k'], undefined, 'a month without its key'],
      ...count(['entries', 'u1', 'm', 'p']),
      ...count(['entries', 'u1', 'm', 'a']),
      [['entries', 'u1', 's', 'freezes'], 3, 'more than two freezes'],
    ],
  },
  {
    name: 'leaderboard meta',
    type: BOARD_META,
    full: { v: 1, buckets: 16, builtAt: AT },
    optional: [],
    refused: [
      [['buckets'], 0, 'no buckets'],
      [['buckets'], 1.5, 'a fractional bucket count'],
      ...iso(['builtAt']),
    ],
    accepted: [[['buckets'], 1]],
  },
];

const a = (name: string) => (/^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`);

const isCorrupt = (err: unknown) => err instanceof CorruptRecordError && err.message.includes('the-key');

for (const spec of specs) {
  test(`given a valid ${spec.name} record with every optional field, when it is read, then it comes back unchanged`, () => {
    const { value, migrated } = spec.type.read(clone(spec.full), 'the-key');
    assert.deepEqual(value, spec.full);
    assert.equal(migrated, false);
    assert.doesNotThrow(() => spec.type.check(clone(spec.full)));
  });

  if (spec.optional.length > 0) {
    test(`given a valid ${spec.name} record without its optional fields, when it is read, then it comes back unchanged`, () => {
      for (const path of spec.optional) {
        const record = without(spec.full, [path]);
        assert.deepEqual(spec.type.read(clone(record), 'the-key').value, record, path.join('.'));
      }
      const bare = without(spec.full, spec.optional);
      assert.deepEqual(spec.type.read(clone(bare), 'the-key').value, bare);
    });
  }

  test(`given ${a(spec.name)} record that breaks one constraint, when it is read, then it is refused as corrupt, naming the key`, () => {
    for (const [path, value, what] of spec.refused) {
      assert.throws(() => spec.type.read(setAt(spec.full, path, value), 'the-key'), isCorrupt, what);
    }
  });

  if (spec.accepted) {
    test(`given ${a(spec.name)} record at the edge of its constraints, when it is read, then it is accepted as it is`, () => {
      for (const [path, value] of spec.accepted ?? []) {
        const record = setAt(spec.full, path, value);
        assert.deepEqual(spec.type.read(clone(record), 'the-key').value, record, path.join('.'));
      }
    });
  }
}

test('given a user record written before grade logs were kept, when it is read, then its grade log is empty', () => {
  const user = specs[0] as Spec;
  const { value } = user.type.read(without(user.full, [['gradeLog']]), 'the-key');
  assert.deepEqual(value.gradeLog, {});
});
