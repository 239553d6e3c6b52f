// PeerService (peer mock interviews) on a real store (in-memory SQLite), without Discord: who may
// do what (decided from the member's id), rounds and roles, interview points, the queue, forget-me.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { PEER_MAX_QUESTIONS } from '../../src/app/peer.ts';
import { FORGOTTEN_MEMBER, PEER_NOTE_MAX } from '../../src/core/peer.ts';
import { bankWhere, services } from '../helpers/services.ts';

const G = 'g1';
const C = 'c1';
const ANA = 'ana'; // invites: she is interviewed first
const BEN = 'ben';
const EVE = 'eve'; // a third member
const MINUTE = 60_000;

async function given(t: TestContext) {
  const { ctx, clock, restart } = await services(t, { now: '2026-11-20T10:00:00Z', random: () => 0.5 });
  const peer = ctx.peer;
  /** Ana invited Ben to a round of `length` questions and he accepted. */
  const accepted = async (length = 2) => {
    const invited = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length });
    return peer.respond({ guildId: G, sessionId: invited.id, userId: BEN, accept: true });
  };
  /** The interviewer scores every open question of the round. */
  const scoreRound = async (sessionId: string, interviewer: string, name = interviewer) => {
    let session = await peer.get(G, sessionId);
    let points = 0;
    while (session.steps.at(-1)?.scoredAt === undefined && session.steps.length > 0) {
      const result = await peer.score({
        guildId: G,
        sessionId,
        userId: interviewer,
        displayName: name,
        index: session.steps.length - 1,
        note: 'Good structure.',
      });
      session = result.session;
      points += result.points;
    }
    return { session, points };
  };
  return { ctx, peer, clock, restart, accepted, scoreRound };
}

test('given an invitation to oneself or of 0 or 7 questions, when it is sent, then it is refused', async (t) => {
  const { peer } = await given(t);
  await assert.rejects(
    peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: ANA, length: 2 }),
    /needs two people/,
  );
  for (const length of [0, PEER_MAX_QUESTIONS + 1]) {
    await assert.rejects(
      peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length }),
      /1 to 6 questions a round/,
    );
  }
});

test('given an invitation of the most questions with a topic and a level, when it is sent and accepted, then the round asks that many of that topic', async (t) => {
  const { ctx, peer } = await given(t);
  const invited = await peer.invite({
    guildId: G,
    channelId: C,
    inviterId: ANA,
    partnerId: BEN,
    length: PEER_MAX_QUESTIONS,
    topic: 'segmentation',
    level: 'mid',
  });
  assert.deepEqual([invited.topic, invited.level, invited.upcoming], ['segmentation', 'mid', []]);
  const session = await peer.respond({ guildId: G, sessionId: invited.id, userId: BEN, accept: true });
  const ids = [session.steps[0]?.questionId, ...session.upcoming];
  assert.equal(ids.length, PEER_MAX_QUESTIONS);
  assert.ok(
    ids.every((id) =>
      ctx
        .bank(G)
        .byId.get(id ?? '')
        ?.topics.includes('segmentation'),
    ),
  );
  assert.equal(await peer.leaveQueue('g-without-a-queue', ANA), false);
});

test('given an invitation, when the inviter or a third member answers it, then each is refused; the invitee accepts and Ana is asked first, by Ben', async (t) => {
  const { peer } = await given(t);
  const invited = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length: 2 });
  assert.equal(invited.state, 'invited');
  await assert.rejects(
    peer.respond({ guildId: G, sessionId: invited.id, userId: ANA, accept: true }),
    /Only the member you invited/,
  );
  await assert.rejects(
    peer.respond({ guildId: G, sessionId: invited.id, userId: EVE, accept: true }),
    /for another member/,
  );
  const active = await peer.respond({ guildId: G, sessionId: invited.id, userId: BEN, accept: true });
  assert.equal(active.state, 'active');
  assert.equal(active.steps.length, 1);
  assert.equal(active.steps[0]?.interviewerId, BEN);
  assert.equal(active.steps[0]?.candidateId, ANA);
  assert.equal(active.upcoming.length, 1);
  await assert.rejects(
    peer.respond({ guildId: G, sessionId: invited.id, userId: BEN, accept: false }),
    /already accepted/,
  );
});

test('given an invitation open for more than an hour, when it is accepted, then it has expired; a declined one says so', async (t) => {
  const { peer, clock } = await given(t);
  const late = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length: 2 });
  clock.advance(60 * MINUTE + 1);
  await assert.rejects(
    peer.respond({ guildId: G, sessionId: late.id, userId: BEN, accept: true }),
    /expired/,
  );
  const declined = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length: 2 });
  clock.advance(60 * MINUTE);
  assert.equal(
    (await peer.respond({ guildId: G, sessionId: declined.id, userId: BEN, accept: false })).state,
    'declined',
  );
  await assert.rejects(
    peer.respond({ guildId: G, sessionId: declined.id, userId: BEN, accept: true }),
    /already declined/,
  );
});

test('given an active round, when the candidate or a third member asks for the rubric or scores, then they are refused; the interviewer gets it', async (t) => {
  const { peer, accepted } = await given(t);
  const session = await accepted();
  const args = { guildId: G, sessionId: session.id };
  await assert.rejects(peer.rubric({ ...args, userId: ANA }), /you are the candidate this round/);
  await assert.rejects(peer.rubric({ ...args, userId: EVE }), /between two other members/);
  await assert.rejects(
    peer.score({ ...args, userId: ANA, displayName: 'ana', index: 0, note: '' }),
    /you are the candidate/,
  );
  const rubric = await peer.rubric({ ...args, userId: BEN });
  assert.equal(rubric.index, 0);
  assert.equal(rubric.question.id, session.steps[0]?.questionId);
});

test('given the rubric, when the interviewer ticks key points, then duplicates, out-of-range and fractional ticks are dropped and the rest sorted', async (t) => {
  const { peer, accepted } = await given(t);
  const session = await accepted();
  const { question } = await peer.rubric({ guildId: G, sessionId: session.id, userId: BEN });
  const n = question.keyPoints.length;
  const checked = await peer.check({
    guildId: G,
    sessionId: session.id,
    userId: BEN,
    index: 0,
    checked: [2, 0, 2, -1, n, 1.5, n - 1],
  });
  assert.deepEqual(checked.steps[0]?.checked, [0, 2, n - 1]);
  await assert.rejects(
    peer.check({ guildId: G, sessionId: session.id, userId: BEN, index: 1, checked: [0] }),
    /already been scored/,
  );
});

test('given a question scored with a note, when the candidate reads the feedback, then the trimmed note (at most 500 characters) is there and the next question is asked; nobody else may read it', async (t) => {
  const { peer, accepted, clock } = await given(t);
  const session = await accepted();
  clock.advance(MINUTE);
  const scored = await peer.score({
    guildId: G,
    sessionId: session.id,
    userId: BEN,
    displayName: 'ben',
    index: 0,
    note: `  ${'n'.repeat(PEER_NOTE_MAX + 20)}  `,
  });
  assert.equal(scored.points, 0, 'the round is not over');
  assert.equal(scored.session.steps.length, 2);
  assert.equal(scored.session.steps[0]?.scoredAt, '2026-11-20T10:01:00.000Z');
  assert.equal(scored.session.steps[1]?.shownAt, '2026-11-20T10:01:00.000Z');
  const feedback = await peer.feedback({ guildId: G, sessionId: session.id, userId: ANA, index: 0 });
  assert.equal(feedback.step.note, 'n'.repeat(PEER_NOTE_MAX));
  await assert.rejects(
    peer.feedback({ guildId: G, sessionId: session.id, userId: BEN, index: 0 }),
    /for the candidate/,
  );
  await assert.rejects(
    peer.feedback({ guildId: G, sessionId: session.id, userId: EVE, index: 0 }),
    /two other members/,
  );
  await assert.rejects(
    peer.feedback({ guildId: G, sessionId: session.id, userId: ANA, index: 1 }),
    /not scored/,
  );
  await assert.rejects(
    peer.feedback({ guildId: G, sessionId: session.id, userId: ANA, index: 5 }),
    /not part of/,
  );
});

test('given a finished round, when they swap, then Ana interviews Ben with new questions; points are 5 once a day for each direction', async (t) => {
  const { ctx, peer, accepted, scoreRound, clock } = await given(t);
  const session = await accepted();
  await assert.rejects(
    peer.swap({ guildId: G, sessionId: session.id, userId: ANA }),
    /Finish this round first/,
  );
  const first = await scoreRound(session.id, BEN);
  assert.equal(first.points, 5);
  assert.deepEqual(first.session.awards, [{ round: 0, userId: BEN, points: 5 }]);
  await assert.rejects(peer.swap({ guildId: G, sessionId: session.id, userId: EVE }), /two other members/);
  const swapped = await peer.swap({ guildId: G, sessionId: session.id, userId: ANA });
  const round1 = swapped.steps.filter((s) => s.round === 1);
  assert.equal(round1[0]?.interviewerId, ANA);
  assert.equal(round1[0]?.candidateId, BEN);
  const round0Ids = new Set(swapped.steps.filter((s) => s.round === 0).map((s) => s.questionId));
  assert.ok(
    [...swapped.upcoming, round1[0]!.questionId].every((id) => !round0Ids.has(id)),
    'no question is asked twice',
  );
  assert.equal((await scoreRound(session.id, ANA)).points, 5, 'the other direction earns too');
  await peer.swap({ guildId: G, sessionId: session.id, userId: BEN });
  assert.equal((await scoreRound(session.id, BEN)).points, 0, 'Ben already earned for Ana today');
  clock.advance(24 * 60 * MINUTE);
  await peer.swap({ guildId: G, sessionId: session.id, userId: BEN });
  await scoreRound(session.id, ANA);
  await peer.swap({ guildId: G, sessionId: session.id, userId: BEN });
  const last = await scoreRound(session.id, BEN);
  assert.equal(last.points, 5, 'and again the next day');
  assert.deepEqual([...new Set(last.session.steps.map((s) => s.round))], [0, 1, 2, 3, 4], 'rounds count up');
  assert.equal((await ctx.practice.getUser(G, BEN))?.points, 10);
  assert.equal((await ctx.practice.getUser(G, ANA))?.points, 10, 'Ana interviewed Ben on both days');
});

test('given a session, when a member ends it, then it is ended and nothing more can be done; a third member cannot end it', async (t) => {
  const { peer, accepted } = await given(t);
  const session = await accepted();
  await assert.rejects(peer.end({ guildId: G, sessionId: session.id, userId: EVE }), /two other members/);
  const ended = await peer.end({ guildId: G, sessionId: session.id, userId: ANA });
  assert.equal(ended.state, 'ended');
  assert.deepEqual(ended.upcoming, []);
  await assert.rejects(peer.end({ guildId: G, sessionId: session.id, userId: BEN }), /already ended/);
  await assert.rejects(peer.rubric({ guildId: G, sessionId: session.id, userId: BEN }), /has ended/);
  await assert.rejects(peer.get(G, 'unknown'), /not stored any more/);
  await assert.rejects(peer.swap({ guildId: G, sessionId: 'unknown', userId: ANA }), /not stored any more/);
});

test('given an invitation not yet accepted, when the rubric is asked for, then the interview has not started; once its thread opens, the session keeps it', async (t) => {
  const { peer, restart } = await given(t);
  const invited = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: BEN, length: 2 });
  await assert.rejects(peer.rubric({ guildId: G, sessionId: invited.id, userId: BEN }), /has not started/);
  await peer.setThread(G, invited.id, 'thread-1');
  assert.equal((await (await restart()).peer.get(G, invited.id)).threadId, 'thread-1');
});

test('given one member waiting in the queue, when another finds a partner, then they are paired once, the waiting member is interviewed first, and the queue is empty', async (t) => {
  const { peer } = await given(t);
  assert.deepEqual(await peer.find({ guildId: G, channelId: C, userId: ANA, topic: 'segmentation' }), {});
  assert.deepEqual(
    await peer.find({ guildId: G, channelId: C, userId: ANA }),
    {},
    'joining twice keeps one place',
  );
  const { session } = await peer.find({ guildId: G, channelId: 'c2', userId: BEN });
  assert.ok(session);
  assert.deepEqual(session.memberIds, [ANA, BEN]);
  assert.equal(session.steps[0]?.candidateId, ANA);
  assert.equal(session.channelId, 'c2');
  assert.equal(await peer.leaveQueue(G, ANA), false, 'she is no longer waiting');
  assert.deepEqual(await peer.find({ guildId: G, channelId: C, userId: EVE }), {});
  assert.equal(await peer.leaveQueue(G, EVE), true);
  assert.equal(await peer.leaveQueue(G, EVE), false);
});

test('given a member waiting for a senior segmentation interview, when another finds a partner without a preference, then the session takes her topic and level and is stored', async (t) => {
  const { ctx, peer, restart } = await given(t);
  await peer.find({ guildId: G, channelId: C, userId: ANA, topic: 'segmentation', level: 'senior' });
  const { session } = await peer.find({ guildId: G, channelId: C, userId: BEN });
  assert.equal(session?.topic, 'segmentation');
  assert.equal(session?.level, 'senior');
  const asked = ctx.bank(G).byId.get(session?.steps[0]?.questionId ?? '');
  assert.ok(asked?.topics.includes('segmentation'), asked?.id);
  assert.deepEqual(await (await restart()).peer.get(G, session?.id ?? ''), session, 'as stored');
});

test('given two members waiting for different topics, when one leaves the queue, then the other still waits and is paired', async (t) => {
  const { peer } = await given(t);
  await peer.find({ guildId: G, channelId: C, userId: ANA, topic: 'segmentation' });
  await peer.find({ guildId: G, channelId: C, userId: EVE, topic: 'formats' });
  assert.equal(await peer.leaveQueue(G, ANA), true);
  const { session } = await peer.find({ guildId: G, channelId: C, userId: BEN, topic: 'formats' });
  assert.deepEqual(session?.memberIds, [EVE, BEN]);
});

test('given three members finding a partner at the same moment, when they are paired, then exactly one session holds two of them and one waits', async (t) => {
  const { peer } = await given(t);
  const results = await Promise.all(
    [ANA, BEN, EVE].map((userId) => peer.find({ guildId: G, channelId: C, userId })),
  );
  assert.equal(results.filter((r) => r.session).length, 1);
});

test('given a session where Ana answered one round and interviewed another, when she is forgotten, then her answers go and her notes stay for Ben, anonymised; sessions with nothing of Ben go', async (t) => {
  const { ctx, peer, accepted, scoreRound } = await given(t);
  const session = await accepted(1);
  await scoreRound(session.id, BEN);
  await peer.swap({ guildId: G, sessionId: session.id, userId: ANA });
  await scoreRound(session.id, ANA);
  const lonely = await peer.invite({ guildId: G, channelId: C, inviterId: ANA, partnerId: EVE, length: 1 });
  const onlyHers = await accepted(1);
  const others = await peer.invite({ guildId: G, channelId: C, inviterId: BEN, partnerId: EVE, length: 1 });
  await ctx.practice.forget(G, ANA);
  const kept = await peer.get(G, session.id);
  assert.deepEqual(kept.memberIds, [FORGOTTEN_MEMBER, BEN]);
  assert.equal(kept.state, 'ended');
  assert.deepEqual(kept.upcoming, []);
  assert.deepEqual(
    kept.steps.map((s) => [s.round, s.interviewerId, s.candidateId, s.note]),
    [[1, FORGOTTEN_MEMBER, BEN, 'Good structure.']],
  );
  assert.deepEqual(
    kept.awards.map((a) => a.userId),
    [BEN, FORGOTTEN_MEMBER],
  );
  await assert.rejects(peer.get(G, lonely.id), /not stored/);
  await assert.rejects(peer.get(G, onlyHers.id), /not stored/);
  assert.deepEqual((await peer.get(G, others.id)).memberIds, [BEN, EVE], "others' sessions are untouched");
  await assert.rejects(peer.swap({ guildId: G, sessionId: session.id, userId: BEN }), /ended/);
});

test('given a question of an open round removed from the bank by a restart, when the interviewer asks for its rubric, then it says the question was removed', async (t) => {
  const { ctx, accepted, restart } = await given(t);
  const session = await accepted();
  const open = session.steps[0]!.questionId;
  const after = await restart({ bank: bankWhere(ctx.bank(), (q) => q.id !== open) });
  await assert.rejects(after.peer.rubric({ guildId: G, sessionId: session.id, userId: BEN }), {
    message: `The question \`${open}\` was removed from the bank.`,
  });
});

test('given a bank left with only the questions a session already asked, when they swap, then it says no questions remain and the session is unchanged', async (t) => {
  const { ctx, accepted, scoreRound, restart } = await given(t);
  const session = await accepted();
  const { session: scored } = await scoreRound(session.id, BEN);
  const asked = new Set(scored.steps.map((s) => s.questionId));
  const after = await restart({ bank: bankWhere(ctx.bank(), (q) => asked.has(q.id)) });
  await assert.rejects(after.peer.swap({ guildId: G, sessionId: session.id, userId: ANA }), {
    message: 'The bank has no more questions of that topic and level.',
  });
  assert.deepEqual(await after.peer.get(G, session.id), scored);
});
