// Peer mock interviews, pure rules: pairing from the queue, roles by round, interview points.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PeerQueueRecord } from '../../src/core/model.ts';
import { INTERVIEW_POINTS, interviewPoints, joinQueue, PEER_WAIT_MS } from '../../src/core/peer.ts';

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
