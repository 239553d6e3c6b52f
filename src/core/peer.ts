// Peer mock interviews: who may do what, when a round is over, pairing from the queue and the
// interviewer's points. Pure: the service stores what these return.
import type { LocalDay, PeerQueueRecord, PeerSessionRecord, PeerStep } from './model.ts';

/** Points the interviewer earns for a completed round, at most once a day for each candidate. */
export const INTERVIEW_POINTS = 5;
/** A queued member waits this long for a partner; an invitation is open as long. */
export const PEER_WAIT_MS = 60 * 60_000;
/** Stands for a member who erased their data (/forget-me) in the partner's copy of a session. */
export const FORGOTTEN_MEMBER = 'forgotten';
export const PEER_NOTE_MAX = 500;

export type PeerRole = 'interviewer' | 'candidate';

/** The step being asked: the last one, until it is scored (undefined between questions). */
export function openStep(session: PeerSessionRecord): { step: PeerStep; index: number } | undefined {
  const index = session.steps.length - 1;
  const step = session.steps[index];
  return step && step.scoredAt === undefined ? { step, index } : undefined;
}

/** A round ends when its last question is scored; the next round may then start (roles swapped). */
export function roundOver(session: PeerSessionRecord): boolean {
  return session.steps.length > 0 && session.upcoming.length === 0 && openStep(session) === undefined;
}

export function isMember(session: PeerSessionRecord, userId: string): boolean {
  return session.memberIds.includes(userId);
}

/** Roles of a round: the partner interviews first (the inviter asked to be interviewed), then swap. */
export function rolesFor(
  session: PeerSessionRecord,
  round: number,
): { interviewerId: string; candidateId: string } {
  const [inviter, partner] = session.memberIds;
  return round % 2 === 0
    ? { interviewerId: partner, candidateId: inviter }
    : { interviewerId: inviter, candidateId: partner };
}

/** Points for the interviewer of a finished round: none if they already earned them that day with this candidate. */
export function interviewPoints(lastAwardDay: LocalDay | undefined, today: LocalDay): number {
  return lastAwardDay === today ? 0 : INTERVIEW_POINTS;
}

export type QueueEntry = PeerQueueRecord['waiting'][number];

function compatible(a: QueueEntry, b: QueueEntry): boolean {
  const same = <T>(x: T | undefined, y: T | undefined) => x === undefined || y === undefined || x === y;
  return same(a.topic, b.topic) && same(a.level, b.level);
}

/**
 * A member joins the queue: paired with the member waiting longest whose topic and level fit, or
 * added to the queue (once; joining again refreshes the entry). Entries older than PEER_WAIT_MS go.
 */
export function joinQueue(
  queue: PeerQueueRecord,
  joiner: QueueEntry,
  now: Date,
): { queue: PeerQueueRecord; partner?: QueueEntry } {
  const fresh = queue.waiting.filter(
    (w) => w.userId !== joiner.userId && now.getTime() - Date.parse(w.at) <= PEER_WAIT_MS,
  );
  const partner = fresh.find((w) => compatible(w, joiner));
  if (partner) return { queue: { ...queue, waiting: fresh.filter((w) => w !== partner) }, partner };
  return { queue: { ...queue, waiting: [...fresh, joiner] } };
}
