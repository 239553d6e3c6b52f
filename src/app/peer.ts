// Peer mock interviews: two members of a server, one asks (with a private rubric), one answers,
// then they may swap. Every change is one commit under the session's lock; who may press what is
// decided here from the presser's id, never from a custom_id.
import { findQuestion } from '../core/bank.ts';
import { UserError } from '../core/errors.ts';
import { type Level, pickInterviewSet } from '../core/interview.ts';
import type { PeerSessionRecord, PeerStep } from '../core/model.ts';
import {
  FORGOTTEN_MEMBER,
  interviewPoints,
  isMember,
  joinQueue,
  openStep,
  PEER_NOTE_MAX,
  PEER_WAIT_MS,
  rolesFor,
  roundOver,
} from '../core/peer.ts';
import type { Bank, Question } from '../core/types.ts';
import type { Staged, Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
import type { PracticeService } from './practice.ts';

export const PEER_MIN_QUESTIONS = 1;
export const PEER_MAX_QUESTIONS = 6;
export const PEER_DEFAULT_QUESTIONS = 3;

const GONE = 'That mock interview is not stored any more.';
const NOT_MEMBER = 'This mock interview is between two other members: only they can use its buttons.';

export class PeerService {
  constructor(
    private readonly store: Store,
    private readonly deps: {
      bank: (scopeId?: string) => Bank;
      clock: Clock;
      random: () => number;
      practice: PracticeService;
    },
  ) {}

  question(id: string, scopeId?: string): Question | undefined {
    return findQuestion(this.deps.bank(scopeId), id);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async invite(p: {
    guildId: string;
    channelId: string;
    inviterId: string;
    partnerId: string;
    topic?: string | undefined;
    level?: Level | undefined;
    length: number;
  }): Promise<PeerSessionRecord> {
    if (p.partnerId === p.inviterId)
      throw new UserError('Invite another member: a mock interview needs two people.');
    if (p.length < PEER_MIN_QUESTIONS || p.length > PEER_MAX_QUESTIONS) {
      throw new UserError(
        `A peer mock interview has ${PEER_MIN_QUESTIONS} to ${PEER_MAX_QUESTIONS} questions a round.`,
      );
    }
    const now = this.now();
    const session: PeerSessionRecord = {
      v: 1,
      id: newId(this.deps.clock.now()),
      guildId: p.guildId,
      channelId: p.channelId,
      memberIds: [p.inviterId, p.partnerId],
      state: 'invited',
      ...(p.topic ? { topic: p.topic } : {}),
      ...(p.level ? { level: p.level } : {}),
      length: p.length,
      createdAt: now,
      updatedAt: now,
      steps: [],
      upcoming: [],
      awards: [],
    };
    await this.store.peerSessions.set([p.guildId, session.id], session);
    return session;
  }

  /** The invitee accepts (the first round starts) or declines; nobody else may. */
  respond(p: { guildId: string; sessionId: string; userId: string; accept: boolean }) {
    return this.change(p.guildId, p.sessionId, (session) => {
      if (session.state !== 'invited') {
        throw new UserError(
          `This invitation was already ${session.state === 'declined' ? 'declined' : 'accepted'}.`,
        );
      }
      const invitee = session.memberIds[1];
      if (p.userId !== invitee) {
        throw new UserError(
          isMember(session, p.userId)
            ? 'Only the member you invited can accept or decline.'
            : 'This invitation is for another member.',
        );
      }
      if (this.deps.clock.now().getTime() - Date.parse(session.createdAt) > PEER_WAIT_MS) {
        throw new UserError('This invitation has expired (it was open for an hour). Ask for a new one.');
      }
      if (!p.accept) return { ...session, state: 'declined' as const };
      return this.startRound({ ...session, state: 'active' as const }, 0);
    });
  }

  /**
   * Queues a member for a partner; when one fitting is waiting, the two are paired (exactly once:
   * the queue changes under its lock) and their session starts.
   */
  async find(p: {
    guildId: string;
    channelId: string;
    userId: string;
    topic?: string | undefined;
    level?: Level | undefined;
  }): Promise<{ session?: PeerSessionRecord }> {
    return this.store.peerQueues.locked([p.guildId], async () => {
      const now = this.deps.clock.now();
      const queue = (await this.store.peerQueues.get(p.guildId)) ?? {
        v: 1 as const,
        guildId: p.guildId,
        waiting: [],
      };
      const joined = joinQueue(
        queue,
        {
          userId: p.userId,
          channelId: p.channelId,
          ...(p.topic ? { topic: p.topic } : {}),
          ...(p.level ? { level: p.level } : {}),
          at: now.toISOString(),
        },
        now,
      );
      if (!joined.partner) {
        await this.store.peerQueues.set([p.guildId], joined.queue);
        return {};
      }
      const partner = joined.partner;
      const created = now.toISOString();
      const topic = p.topic ?? partner.topic;
      const level = p.level ?? partner.level;
      const session = this.startRound(
        {
          v: 1,
          id: newId(now),
          guildId: p.guildId,
          channelId: p.channelId,
          // The member who waited is interviewed first.
          memberIds: [partner.userId, p.userId],
          state: 'active',
          ...(topic ? { topic } : {}),
          ...(level ? { level } : {}),
          length: PEER_DEFAULT_QUESTIONS,
          createdAt: created,
          updatedAt: created,
          steps: [],
          upcoming: [],
          awards: [],
        },
        0,
      );
      await this.store.commit([
        this.store.peerQueues.stage([p.guildId], joined.queue),
        this.store.peerSessions.stage([p.guildId, session.id], session),
      ]);
      return { session };
    });
  }

  /** Leaves the queue (after /mock find); false if the member was not in it. */
  async leaveQueue(guildId: string, userId: string): Promise<boolean> {
    return this.store.peerQueues.update([guildId], (queue) => {
      if (!queue?.waiting.some((w) => w.userId === userId)) return { next: undefined, result: false };
      return { next: { ...queue, waiting: queue.waiting.filter((w) => w.userId !== userId) }, result: true };
    });
  }

  /** Where the session runs, once its private thread is open. */
  setThread(guildId: string, sessionId: string, threadId: string) {
    return this.change(guildId, sessionId, (session) => ({ ...session, threadId }));
  }

  async get(guildId: string, sessionId: string): Promise<PeerSessionRecord> {
    const session = await this.store.peerSessions.get(guildId, sessionId);
    if (!session) throw new UserError(GONE);
    return session;
  }

  /** The rubric of the open question, for its interviewer only. */
  async rubric(p: { guildId: string; sessionId: string; userId: string }) {
    const session = await this.get(p.guildId, p.sessionId);
    const open = this.openForInterviewer(session, p.userId);
    return { session, ...open, question: this.questionOf(open.step, session.guildId) };
  }

  /** The interviewer ticks key points (a draft until the answer is scored). */
  check(p: { guildId: string; sessionId: string; userId: string; index: number; checked: number[] }) {
    return this.change(p.guildId, p.sessionId, (session) => {
      const open = this.openForInterviewer(session, p.userId, p.index);
      const question = this.questionOf(open.step, session.guildId);
      const checked = [...new Set(p.checked)]
        .filter((i) => Number.isInteger(i) && i >= 0 && i < question.keyPoints.length)
        .sort((a, b) => a - b);
      return withStep(session, open.index, { ...open.step, checked }, this.now());
    });
  }

  /**
   * The interviewer scores the open question (ticked points and a note): the candidate can read it,
   * and the next question is asked; after a round's last question its interviewer is credited
   * (once a day for each interviewer and candidate).
   */
  async score(p: {
    guildId: string;
    sessionId: string;
    userId: string;
    displayName: string;
    index: number;
    note: string;
  }) {
    const note = p.note.trim().slice(0, PEER_NOTE_MAX);
    const key: [string, string] = [p.guildId, p.sessionId];
    return this.store.peerSessions.locked(key, async () => {
      const session = await this.get(...key);
      const open = this.openForInterviewer(session, p.userId, p.index);
      const now = this.now();
      let next = withStep(
        session,
        open.index,
        { ...open.step, ...(note ? { note } : {}), scoredAt: now },
        now,
      );
      if (next.upcoming.length > 0) {
        next = this.ask(next, open.step.round);
        await this.store.peerSessions.set(key, next);
        return { session: next, scored: open.index, points: 0 };
      }
      // The round is over: credit its interviewer with the session, in one commit.
      const round = open.step.round;
      const interviewerId = open.step.interviewerId;
      const partnerId = open.step.candidateId;
      // Directed: A interviewing B and B interviewing A each earn once a day, never more.
      const [a, b] = [interviewerId, partnerId];
      let finished = next;
      const points = await this.store.peerPairs.locked([p.guildId, a, b], async () => {
        const pair = await this.store.peerPairs.get(p.guildId, a, b);
        return this.deps.practice.awardInterview({
          guildId: p.guildId,
          userId: interviewerId,
          displayName: p.displayName,
          points: (day) => interviewPoints(pair?.lastAwardDay, day),
          also: (earned, day) => {
            finished = {
              ...next,
              awards: [...next.awards, { round, userId: interviewerId, points: earned }],
            };
            const writes: Staged[] = [this.store.peerSessions.stage(key, finished)];
            if (earned > 0)
              writes.push(this.store.peerPairs.stage([p.guildId, a, b], { v: 1, lastAwardDay: day }));
            return writes;
          },
        });
      });
      return { session: finished, scored: open.index, points };
    });
  }

  /** The candidate's feedback on a scored question: the ticks, the note, the model answer. */
  async feedback(p: { guildId: string; sessionId: string; userId: string; index: number }) {
    const session = await this.get(p.guildId, p.sessionId);
    if (!isMember(session, p.userId)) throw new UserError(NOT_MEMBER);
    const step = session.steps[p.index];
    if (!step) throw new UserError('That question is not part of this mock interview.');
    if (step.candidateId !== p.userId) {
      throw new UserError('This feedback is for the candidate who answered that question.');
    }
    if (step.scoredAt === undefined) throw new UserError('The interviewer has not scored this answer yet.');
    return { session, step, index: p.index, question: this.questionOf(step, session.guildId) };
  }

  /** After a round, either member starts the next with the roles swapped. */
  swap(p: { guildId: string; sessionId: string; userId: string }) {
    return this.change(p.guildId, p.sessionId, (session) => {
      this.assertActiveMember(session, p.userId);
      if (!roundOver(session))
        throw new UserError('Finish this round first: the interviewer scores each answer.');
      if (session.memberIds.includes(FORGOTTEN_MEMBER)) throw new UserError(GONE);
      return this.startRound(session, (session.steps.at(-1)?.round ?? -1) + 1);
    });
  }

  end(p: { guildId: string; sessionId: string; userId: string }) {
    return this.change(p.guildId, p.sessionId, (session) => {
      if (!isMember(session, p.userId)) throw new UserError(NOT_MEMBER);
      if (session.state === 'ended') throw new UserError('This mock interview has already ended.');
      return { ...session, state: 'ended' as const, upcoming: [] };
    });
  }

  /**
   * /forget-me: the member's part of every peer session in the scope goes. Questions they answered
   * are removed with the interviewer's notes on them; where they interviewed, their id is replaced
   * by FORGOTTEN_MEMBER so the partner keeps the feedback, anonymised. Returns the staged writes.
   */
  async stageForget(guildId: string, userId: string): Promise<Staged[]> {
    const sessions = (await this.store.peerSessions.listGuild(guildId)).filter((s) => isMember(s, userId));
    const forget = (id: string) => (id === userId ? FORGOTTEN_MEMBER : id);
    return sessions.map((s) => {
      const steps = s.steps
        .filter((step) => step.candidateId !== userId)
        .map((step) => ({ ...step, interviewerId: forget(step.interviewerId) }));
      const memberIds = s.memberIds.map(forget) as [string, string];
      if (steps.length === 0 || memberIds.every((m) => m === FORGOTTEN_MEMBER)) {
        return this.store.peerSessions.stageDelete([guildId, s.id]);
      }
      return this.store.peerSessions.stage([guildId, s.id], {
        ...s,
        memberIds,
        steps,
        state: 'ended',
        upcoming: [],
        awards: s.awards.map((a) => ({ ...a, userId: forget(a.userId) })),
      });
    });
  }

  // ---------------------------------------------------------------------------------------------

  private change(
    guildId: string,
    sessionId: string,
    fn: (session: PeerSessionRecord) => PeerSessionRecord,
  ): Promise<PeerSessionRecord> {
    return this.store.peerSessions.update([guildId, sessionId], (session) => {
      if (!session) throw new UserError(GONE);
      const next = { ...fn(session), updatedAt: this.now() };
      return { next, result: next };
    });
  }

  /** A new round: its questions (of the session's topic and level, none asked before) and the first asked. */
  private startRound(session: PeerSessionRecord, round: number): PeerSessionRecord {
    const asked = new Set(session.steps.map((s) => s.questionId));
    const questions = pickInterviewSet({
      questions: this.deps.bank(session.guildId).questions.filter((q) => !asked.has(q.id)),
      topic: session.topic,
      level: session.level,
      count: session.length,
      random: this.deps.random,
    });
    if (questions.length === 0)
      throw new UserError('The bank has no more questions of that topic and level.');
    return this.ask({ ...session, upcoming: questions.map((q) => q.id) }, round);
  }

  /** Asks the next upcoming question of the round. */
  private ask(session: PeerSessionRecord, round: number): PeerSessionRecord {
    const [questionId, ...upcoming] = session.upcoming;
    if (questionId === undefined) return session;
    const roles = rolesFor(session, round);
    const step: PeerStep = { questionId, round, ...roles, shownAt: this.now(), checked: [] };
    return { ...session, steps: [...session.steps, step], upcoming };
  }

  private assertActiveMember(session: PeerSessionRecord, userId: string): void {
    if (!isMember(session, userId)) throw new UserError(NOT_MEMBER);
    if (session.state === 'ended') throw new UserError('This mock interview has ended.');
    if (session.state !== 'active') throw new UserError('This mock interview has not started.');
  }

  private openForInterviewer(session: PeerSessionRecord, userId: string, index?: number) {
    this.assertActiveMember(session, userId);
    const open = openStep(session);
    if (!open || (index !== undefined && open.index !== index)) {
      throw new UserError('That question has already been scored.');
    }
    if (open.step.interviewerId !== userId) {
      throw new UserError(
        'Only the interviewer sees the rubric and scores the answer; you are the candidate this round.',
      );
    }
    return open;
  }

  private questionOf(step: PeerStep, scopeId: string): Question {
    const question = this.question(step.questionId, scopeId);
    if (!question) throw new UserError(`The question \`${step.questionId}\` was removed from the bank.`);
    return question;
  }
}

function withStep(session: PeerSessionRecord, index: number, step: PeerStep, now: string): PeerSessionRecord {
  return { ...session, updatedAt: now, steps: session.steps.map((s, i) => (i === index ? step : s)) };
}
