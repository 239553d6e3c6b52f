// Peer mock interviews, pure rules: pairing from the queue, roles by round, interview points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PeerQueueRecord, PeerSessionRecord } from '../../src/core/model.ts';
import {
  FORGOTTEN_MEMBER,
  INTERVIEW_POINTS,
  interviewPoints,
  isMember,
  joinQueue,
  openStep,
  PEER_WAIT_MS,
  rolesFor,
  roundOver,
} from '../../src/core/peer.ts';

const now = new Date('2026-11-20T10:00:00Z');
const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
const queue = (waiting: PeerQueueRecord['waiting']): PeerQueueRecord => ({ v: 1, guildId: 'g', waiting });

test('given an empty queue, when a member joins, then she waits', () => {
  const r = joinQueue(queue([]), { userId: 'a', channelId: 'c', at: at(0) }, now);
  assert.equal(r.partner, undefined);
  assert.deepEqual(
    r.queue.waiting.map((w) => w.userId),
    ['a'],
  );
});

test('given two waiting members, when a third joins, then the one waiting longest is paired and leaves the queue', () => {
  const r = joinQueue(
    queue([
      { userId: 'a', channelId: 'c', at: at(60_000) },
      { userId: 'b', channelId: 'c', at: at(30_000) },
    ]),
    { userId: 'c', channelId: 'c', at: at(0) },
    now,
  );
  assert.equal(r.partner?.userId, 'a');
  assert.deepEqual(
    r.queue.waiting.map((w) => w.userId),
    ['b'],
  );
});

test('given waiting members of another topic, an expired one and the joiner herself, then none is paired and she waits once', () => {
  const r = joinQueue(
    queue([
      { userId: 'a', channelId: 'c', topic: 'data', at: at(1000) },
      { userId: 'b', channelId: 'c', at: at(PEER_WAIT_MS + 1) },
      { userId: 'c', channelId: 'c', at: at(5000) },
    ]),
    { userId: 'c', channelId: 'c', topic: 'formats', at: at(0) },
    now,
  );
  assert.equal(r.partner, undefined);
  assert.deepEqual(
    r.queue.waiting.map((w) => w.userId),
    ['a', 'c'],
  );
});

test('given a pair credited today, then no points; another day, the fixed points', () => {
  assert.equal(interviewPoints('2026-11-20', '2026-11-20'), 0);
  assert.equal(interviewPoints('2026-11-19', '2026-11-20'), INTERVIEW_POINTS);
  assert.equal(interviewPoints(undefined, '2026-11-20'), INTERVIEW_POINTS);
});

const session = (steps: { scoredAt?: string }[], upcoming: string[] = []): PeerSessionRecord => ({
  v: 1,
  id: 's',
  guildId: 'g',
  channelId: 'c',
  memberIds: ['ana', 'ben'],
  state: 'active',
  length: 2,
  createdAt: at(0),
  updatedAt: at(0),
  steps: steps.map((s, i) => ({
    questionId: `q${i}`,
    round: 0,
    interviewerId: 'ben',
    candidateId: 'ana',
    shownAt: at(0),
    checked: [],
    ...s,
  })),
  upcoming,
  awards: [],
});

test('given a round, when its steps are scored one by one, then the open step is the last unscored one and the round is over only when nothing is open or upcoming', () => {
  assert.equal(openStep(session([])), undefined);
  assert.equal(roundOver(session([])), false, 'nothing asked yet');
  const asking = session([{ scoredAt: at(0) }, {}], ['q9']);
  assert.deepEqual(openStep(asking)?.index, 1);
  assert.equal(openStep(asking)?.step.questionId, 'q1');
  assert.equal(roundOver(asking), false);
  const between = session([{ scoredAt: at(0) }], ['q9']);
  assert.equal(openStep(between), undefined, 'between questions');
  assert.equal(roundOver(between), false, 'a question still to come');
  assert.equal(roundOver(session([{ scoredAt: at(0) }, {}])), false, 'the last question unscored');
  assert.equal(roundOver(session([{ scoredAt: at(0) }, { scoredAt: at(0) }])), true);
});

test('given a session, when roles are asked for by round, then the partner interviews in even rounds and the inviter in odd ones; only its two members are members', () => {
  const s = session([]);
  assert.deepEqual(rolesFor(s, 0), { interviewerId: 'ben', candidateId: 'ana' });
  assert.deepEqual(rolesFor(s, 1), { interviewerId: 'ana', candidateId: 'ben' });
  assert.deepEqual(rolesFor(s, 4), { interviewerId: 'ben', candidateId: 'ana' });
  assert.equal(isMember(s, 'ana'), true);
  assert.equal(isMember(s, 'ben'), true);
  assert.equal(isMember(s, 'eve'), false);
  assert.equal(FORGOTTEN_MEMBER, 'forgotten');
});

test('given waiting members with topics and levels, when a member joins, then only one whose topic and level fit (or are open) is paired', () => {
  const waiting = queue([
    { userId: 'a', channelId: 'c', topic: 'data', at: at(50_000) },
    { userId: 'b', channelId: 'c', level: 'senior', at: at(40_000) },
    { userId: 'c', channelId: 'c', topic: 'formats', level: 'junior', at: at(30_000) },
  ]);
  const join = (entry: { topic?: string; level?: 'junior' | 'mid' | 'senior' }) =>
    joinQueue(waiting, { userId: 'z', channelId: 'c', at: at(0), ...entry }, now).partner?.userId;
  assert.equal(join({}), 'a', 'no preference fits anyone: the longest waiting');
  assert.equal(join({ topic: 'formats' }), 'b', 'b has no topic: open');
  assert.equal(join({ topic: 'formats', level: 'mid' }), undefined, 'a: topic; b: level; c: level');
  assert.equal(join({ topic: 'formats', level: 'junior' }), 'c');
  assert.equal(join({ level: 'junior' }), 'a', 'a has no level: open');
});

test('given a member who has waited exactly the wait limit, when another joins, then they are paired; a moment later they would be gone', () => {
  const waiting = queue([{ userId: 'a', channelId: 'c', at: at(PEER_WAIT_MS) }]);
  assert.equal(joinQueue(waiting, { userId: 'b', channelId: 'c', at: at(0) }, now).partner?.userId, 'a');
  const stale = queue([{ userId: 'a', channelId: 'c', at: at(PEER_WAIT_MS + 1) }]);
  assert.equal(joinQueue(stale, { userId: 'b', channelId: 'c', at: at(0) }, now).partner, undefined);
});
