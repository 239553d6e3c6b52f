// Interviews: the interviewer's kit and solo mock interviews. A mock is stored after every step (one
// commit with the answer or grade it records), so a restart or a day's pause loses nothing, and
// every step is its own interaction (no 15-minute interaction token to outlive).
import { findQuestion } from '../core/bank.ts';
import { UserError } from '../core/errors.ts';
import { type Level, MINUTES_BY_KIND, pickInterviewSet } from '../core/interview.ts';
import {
  currentStep,
  MOCK_MAX_MINUTES,
  MOCK_MAX_QUESTIONS,
  MOCK_MIN_QUESTIONS,
  type MockStatus,
  mockStatus,
} from '../core/mock.ts';
import type { MockRecord, MockStep } from '../core/model.ts';
import { paginate } from '../core/paging.ts';
import type { Bank, Grade, Question, QuestionKind } from '../core/types.ts';
import type { Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
import type { PracticeService } from './practice.ts';

export const MOCK_HISTORY_PAGE_SIZE = 5;
/** A lock key next to a member's mocks (no record is stored under it). */
const START_LOCK = 'start';

/** Where a mock stands for the member: the question to show, or its end. */
export type MockView =
  | { kind: 'question'; mock: MockRecord; index: number; question: Question }
  | { kind: 'ended'; mock: MockRecord };

const EXPIRED =
  'This mock interview expired: it was left for more than a day. Its scorecard is in `/mock history`; start a new one with `/mock start`.';
const GONE =
  'That mock interview is not stored (it may have been deleted with /forget-me). Start one with `/mock start`.';

export class InterviewService {
  constructor(
    private readonly store: Store,
    private readonly deps: {
      bank: (scopeId?: string) => Bank;
      clock: Clock;
      random: () => number;
      practice: PracticeService;
    },
  ) {}

  kit(p: {
    scopeId?: string;
    topic?: string | undefined;
    level?: Level | undefined;
    count: number;
  }): Question[] {
    const { scopeId, ...choice } = p;
    return pickInterviewSet({
      questions: this.deps.bank(scopeId).questions,
      ...choice,
      random: this.deps.random,
    });
  }

  question(id: string, scopeId?: string): Question | undefined {
    return findQuestion(this.deps.bank(scopeId), id);
  }

  status(mock: MockRecord): MockStatus {
    return mockStatus(mock, this.deps.clock.now());
  }

  /** The member's running mock in this scope, if any (an expired one is not running). */
  async running(scopeId: string, userId: string): Promise<MockRecord | undefined> {
    const now = this.deps.clock.now();
    const mocks = await this.store.mocks.listOf(scopeId, userId);
    return mocks.reverse().find((m) => mockStatus(m, now) === 'running');
  }

  /** One start at a time per member (a double press must not open two mocks): under a lock of its own. */
  start(p: {
    scopeId: string;
    userId: string;
    topic?: string | undefined;
    kind?: QuestionKind | undefined;
    length: number;
    minutes?: number | undefined;
  }): Promise<MockView> {
    return this.store.mocks.locked([p.scopeId, p.userId, START_LOCK], () => this.startUnlocked(p));
  }

  private async startUnlocked(p: {
    scopeId: string;
    userId: string;
    topic?: string | undefined;
    kind?: QuestionKind | undefined;
    length: number;
    minutes?: number | undefined;
  }): Promise<MockView> {
    if (p.length < MOCK_MIN_QUESTIONS || p.length > MOCK_MAX_QUESTIONS) {
      throw new UserError(`A mock interview has ${MOCK_MIN_QUESTIONS} to ${MOCK_MAX_QUESTIONS} questions.`);
    }
    if (p.minutes !== undefined && (p.minutes < 1 || p.minutes > MOCK_MAX_MINUTES)) {
      throw new UserError(`Give each question 1 to ${MOCK_MAX_MINUTES} minutes.`);
    }
    const running = await this.running(p.scopeId, p.userId);
    if (running) {
      const at = currentStep(running);
      throw new UserError(
        `You already have a mock interview running (question ${at < 0 ? running.steps.length : at + 1} of ${running.steps.length}). Continue it with \`/mock resume\`, or end it with \`/mock stop\`.`,
      );
    }
    const questions = await this.plan(p);
    if (questions.length < MOCK_MIN_QUESTIONS) {
      throw new UserError(
        `Only ${questions.length} question${questions.length === 1 ? '' : 's'} match those options; a mock interview needs ${MOCK_MIN_QUESTIONS}. Try another topic or kind.`,
      );
    }
    const now = this.deps.clock.now().toISOString();
    const mock: MockRecord = {
      v: 1,
      id: newId(this.deps.clock.now()),
      guildId: p.scopeId,
      userId: p.userId,
      ...(p.topic ? { topic: p.topic } : {}),
      ...(p.kind ? { kind: p.kind } : {}),
      createdAt: now,
      updatedAt: now,
      steps: questions.map(
        (q, i): MockStep => ({
          questionId: q.id,
          budgetMinutes: p.minutes ?? MINUTES_BY_KIND[q.kind],
          ...(i === 0 ? { shownAt: now } : {}),
        }),
      ),
    };
    await this.store.mocks.set([p.scopeId, p.userId, mock.id], mock);
    return { kind: 'question', mock, index: 0, question: questions[0] as Question };
  }

  /**
   * The questions of a new mock, chosen like /question (due reviews and weak topics first). Without
   * a kind, one question in four (at least one) is another kind than a concept, when the bank and
   * the topic have them, as in a real interview loop.
   */
  private async plan(p: {
    scopeId: string;
    userId: string;
    topic?: string | undefined;
    kind?: QuestionKind | undefined;
    length: number;
  }): Promise<Question[]> {
    const others = p.kind ? 0 : Math.max(1, Math.floor(p.length / 4));
    const kinds: (QuestionKind | 'other' | undefined)[] = Array.from(
      { length: p.length },
      (_, i) => p.kind ?? (i >= p.length - others ? 'other' : 'concept'),
    );
    const picked: Question[] = [];
    for (const kind of kinds) {
      const exclude = new Set(picked.map((q) => q.id));
      const tryKinds: (QuestionKind | undefined)[] =
        kind === 'other' ? [...this.otherKinds(p.topic, p.scopeId), 'concept', undefined] : [kind, undefined];
      let next: Question | undefined;
      for (const k of tryKinds) {
        next = await this.deps.practice.nextQuestion(p.scopeId, p.userId, {
          topic: p.topic,
          ...(k ? { kind: k } : {}),
          exclude,
        });
        if (next || p.kind) break;
      }
      if (next) picked.push(next);
    }
    return picked;
  }

  /** The non-concept kinds the bank has for a topic, in random order. */
  private otherKinds(topic: string | undefined, scopeId: string): QuestionKind[] {
    const kinds = new Set(
      this.deps
        .bank(scopeId)
        .questions.filter((q) => q.kind !== 'concept' && (topic === undefined || q.topics.includes(topic)))
        .map((q) => q.kind),
    );
    return [...kinds].sort(() => this.deps.random() - 0.5);
  }

  /** Continues the member's running mock: the question they are on, or its end. */
  async resume(scopeId: string, userId: string): Promise<MockView> {
    const running = await this.running(scopeId, userId);
    if (!running) {
      throw new UserError('You have no mock interview running. Start one with `/mock start`.');
    }
    return this.next(scopeId, userId, running.id);
  }

  /** "Next question": shows the first unanswered question (its clock starts now) or the end. */
  next(scopeId: string, userId: string, mockId: string): Promise<MockView> {
    return this.store.mocks.update<MockView>([scopeId, userId, mockId], async (mock) => {
      const running = this.runningOrThrow(mock);
      const index = currentStep(running);
      if (index < 0) return { next: undefined, result: { kind: 'ended', mock: running } };
      const step = running.steps[index] as MockStep;
      const question = this.stepQuestion(step, running.guildId);
      if (step.shownAt !== undefined) {
        return { next: undefined, result: { kind: 'question', mock: running, index, question } };
      }
      const now = this.deps.clock.now().toISOString();
      const updated = withStep(running, index, { ...step, shownAt: now }, now);
      return { next: updated, result: { kind: 'question', mock: updated, index, question } };
    });
  }

  /** The question of a step, for the Answer button (refused when the step is not the current one). */
  async stepToAnswer(scopeId: string, userId: string, mockId: string, index: number): Promise<Question> {
    const running = this.runningOrThrow(await this.store.mocks.get(scopeId, userId, mockId));
    this.assertCurrent(running, index);
    return this.stepQuestion(running.steps[index] as MockStep, running.guildId);
  }

  /** Records the answer to the current question with the answer itself, in one commit. */
  async answer(p: {
    scopeId: string;
    userId: string;
    displayName: string;
    mockId: string;
    index: number;
    text: string;
  }) {
    const key: [string, string, string] = [p.scopeId, p.userId, p.mockId];
    return this.store.mocks.locked(key, async () => {
      const running = this.runningOrThrow(await this.store.mocks.get(...key));
      this.assertCurrent(running, p.index);
      const step = running.steps[p.index] as MockStep;
      let mock = running;
      const result = await this.deps.practice.submitAnswer({
        guildId: p.scopeId,
        userId: p.userId,
        displayName: p.displayName,
        questionId: step.questionId,
        text: p.text,
        also: (answer) => {
          const now = answer.at;
          mock = withStep(
            running,
            p.index,
            {
              ...step,
              shownAt: step.shownAt ?? now,
              answerId: answer.id,
              answeredAt: now,
              covered: answer.covered.length,
              keyPoints: answer.covered.length + answer.missed.length,
            },
            now,
          );
          if (currentStep(mock) < 0) mock = { ...mock, endedAt: now };
          return [this.store.mocks.stage(key, mock)];
        },
      });
      return { ...result, mock, index: p.index };
    });
  }

  /** The self-grade of a step's answer: counted like any grade, and kept on the scorecard. */
  async grade(p: { scopeId: string; userId: string; mockId: string; index: number; grade: Grade }) {
    const key: [string, string, string] = [p.scopeId, p.userId, p.mockId];
    return this.store.mocks.locked(key, async () => {
      const mock = await this.store.mocks.get(...key);
      if (!mock) throw new UserError(GONE);
      const step = mock.steps[p.index];
      if (!step?.answerId) throw new UserError('That question of the mock has no answer to grade yet.');
      let updated = mock;
      const result = await this.deps.practice.grade({
        guildId: p.scopeId,
        userId: p.userId,
        answerId: step.answerId,
        grade: p.grade,
        also: ({ points }) => {
          const now = this.deps.clock.now().toISOString();
          updated = withStep(mock, p.index, { ...step, grade: p.grade, points }, now);
          return [this.store.mocks.stage(key, updated)];
        },
      });
      return { ...result, mock: updated, index: p.index };
    });
  }

  /** Ends the running mock now; its scorecard covers the questions answered. */
  async stop(scopeId: string, userId: string): Promise<MockRecord> {
    const running = await this.running(scopeId, userId);
    if (!running) throw new UserError('You have no mock interview running.');
    return this.store.mocks.update([scopeId, userId, running.id], async (mock) => {
      const current = this.runningOrThrow(mock);
      const now = this.deps.clock.now().toISOString();
      const ended = { ...current, updatedAt: now, endedAt: now };
      return { next: ended, result: ended };
    });
  }

  async get(scopeId: string, userId: string, mockId: string): Promise<MockRecord> {
    const mock = await this.store.mocks.get(scopeId, userId, mockId);
    if (!mock) throw new UserError(GONE);
    return mock;
  }

  /** The member's mocks, newest first, a page at a time. */
  async history(scopeId: string, userId: string, page: number) {
    const mocks = (await this.store.mocks.listOf(scopeId, userId)).reverse();
    return { ...paginate(mocks, page, MOCK_HISTORY_PAGE_SIZE), status: (m: MockRecord) => this.status(m) };
  }

  private runningOrThrow(mock: MockRecord | undefined): MockRecord {
    if (!mock) throw new UserError(GONE);
    const status = mockStatus(mock, this.deps.clock.now());
    if (status === 'expired') throw new UserError(EXPIRED);
    if (status === 'finished') {
      throw new UserError('That mock interview has ended. Its scorecard is in `/mock history`.');
    }
    return mock;
  }

  private assertCurrent(mock: MockRecord, index: number): void {
    const at = currentStep(mock);
    if (index !== at) {
      throw new UserError(
        index < at
          ? `You already answered question ${index + 1} of this mock interview; press **Next question** or use \`/mock resume\`.`
          : 'That question of the mock interview is not open yet. Use `/mock resume`.',
      );
    }
  }

  private stepQuestion(step: MockStep, scopeId: string): Question {
    const question = this.question(step.questionId, scopeId);
    if (!question) {
      throw new UserError(
        `The question \`${step.questionId}\` of this mock interview was removed from the bank. End the mock with \`/mock stop\` and start another.`,
      );
    }
    return question;
  }
}

function withStep(mock: MockRecord, index: number, step: MockStep, now: string): MockRecord {
  return { ...mock, updatedAt: now, steps: mock.steps.map((s, i) => (i === index ? step : s)) };
}
