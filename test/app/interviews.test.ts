// InterviewService (solo mock interviews) on a real store (in-memory SQLite), without Discord: the
// plan, each step stored with its answer or grade, refusals, expiry and history.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { MINUTES_BY_KIND } from '../../src/core/interview.ts';
import { MOCK_MAX_MINUTES, MOCK_MAX_QUESTIONS, MOCK_MIN_QUESTIONS } from '../../src/core/mock.ts';
import { bankWhere, services } from '../helpers/services.ts';

const SCOPE = 'g1';
const USER = 'u1';
const MINUTE = 60_000;
const TEXT =
  'I would explain the core idea first, then a concrete clinical example, the main pitfalls such as leakage and site differences, and how I would validate it externally.';

async function given(t: TestContext) {
  const { ctx, clock, store, restart } = await services(t, {
    now: '2026-11-20T10:00:00Z',
    random: () => 0.3,
  });
  const bank = ctx.bank();
  const start = (
    p: { length?: number; minutes?: number; topic?: string; kind?: 'concept' | 'coding' } = {},
  ) => ctx.interviews.start({ scopeId: SCOPE, userId: USER, length: p.length ?? 3, ...p });
  const answer = (mockId: string, index: number) =>
    ctx.interviews.answer({ scopeId: SCOPE, userId: USER, displayName: 'carol', mockId, index, text: TEXT });
  return { ctx, clock, bank, store, start, answer, restart };
}

test('given a mock of fewer than 3 or more than 8 questions, or a budget outside 1-30 minutes, when it is started, then it is refused and nothing is stored', async (t) => {
  const { ctx, start } = await given(t);
  await assert.rejects(start({ length: MOCK_MIN_QUESTIONS - 1 }), /3 to 8 questions/);
  await assert.rejects(start({ length: MOCK_MAX_QUESTIONS + 1 }), /3 to 8 questions/);
  await assert.rejects(start({ minutes: 0 }), /1 to 30 minutes/);
  await assert.rejects(start({ minutes: MOCK_MAX_MINUTES + 1 }), /1 to 30 minutes/);
  assert.equal((await ctx.interviews.history(SCOPE, USER, 0)).entries.length, 0);
  await start({ length: MOCK_MAX_QUESTIONS, minutes: MOCK_MAX_MINUTES });
});

test('given a new mock of 4 questions, when it starts, then the first question is shown now, budgets follow the kind, one question is not a concept, and no question repeats', async (t) => {
  const { start, bank } = await given(t);
  const view = await start({ length: 4 });
  assert.equal(view.kind, 'question');
  if (view.kind !== 'question') return;
  assert.equal(view.index, 0);
  const { steps } = view.mock;
  assert.equal(steps.length, 4);
  assert.equal(steps[0]?.shownAt, '2026-11-20T10:00:00.000Z');
  assert.ok(
    steps.slice(1).every((s) => s.shownAt === undefined),
    'later clocks start when shown',
  );
  const questions = steps.map((s) => bank.questions.find((q) => q.id === s.questionId)!);
  assert.equal(new Set(questions.map((q) => q.id)).size, 4);
  assert.deepEqual(
    steps.map((s) => s.budgetMinutes),
    questions.map((q) => MINUTES_BY_KIND[q.kind]),
  );
  assert.deepEqual(
    questions.map((q) => q.kind === 'concept'),
    [true, true, true, false],
  );
  assert.equal(view.mock.createdAt, '2026-11-20T10:00:00.000Z');
});

test('given a topic and a kind, when a mock starts, then every question has both and the minutes given are every budget', async (t) => {
  const { start, bank } = await given(t);
  const view = await start({ length: 3, topic: 'segmentation', kind: 'concept', minutes: 4 });
  assert.equal(view.mock.topic, 'segmentation');
  assert.equal(view.mock.kind, 'concept');
  for (const step of view.mock.steps) {
    const q = bank.questions.find((x) => x.id === step.questionId)!;
    assert.ok(q.topics.includes('segmentation'));
    assert.equal(q.kind, 'concept');
    assert.equal(step.budgetMinutes, 4);
  }
});

test('given options that match fewer than 3 questions, when a mock starts, then it says how many match', async (t) => {
  const { start, bank } = await given(t);
  const coding = bank.questions.filter((q) => q.kind === 'coding' && q.topics.includes('formats')).length;
  assert.ok(coding < 3, 'the fixture assumption holds');
  await assert.rejects(
    start({ topic: 'formats', kind: 'coding' }),
    new RegExp(`Only ${coding} question${coding === 1 ? '' : 's'} match those options`),
  );
});

test('given a running mock, when another is started, then it is refused with where the first stands', async (t) => {
  const { start } = await given(t);
  await start({ length: 3 });
  await assert.rejects(start({ length: 5 }), /already have a mock interview running \(question 1 of 3\)/);
});

test('given a running mock, when each question is answered and graded in turn, then the steps keep answer, key points, grade and points, and the last answer ends the mock', async (t) => {
  const { ctx, clock, start, answer } = await given(t);
  const view = await start({ length: 3 });
  const id = view.mock.id;
  for (let i = 0; i < 3; i++) {
    if (i > 0) {
      const next = await ctx.interviews.next(SCOPE, USER, id);
      assert.equal(next.kind, 'question');
      assert.equal(next.kind === 'question' && next.index, i);
      assert.equal(next.mock.steps[i]?.shownAt, clock.now().toISOString());
    }
    clock.advance(2 * MINUTE);
    const answered = await answer(id, i);
    const step = answered.mock.steps[i]!;
    assert.equal(step.answerId, answered.answer.id);
    assert.equal(step.answeredAt, clock.now().toISOString());
    assert.equal(step.covered, answered.answer.covered.length);
    assert.equal(step.keyPoints, answered.answer.covered.length + answered.answer.missed.length);
    assert.equal(answered.mock.endedAt, i === 2 ? clock.now().toISOString() : undefined);
    const graded = await ctx.interviews.grade({
      scopeId: SCOPE,
      userId: USER,
      mockId: id,
      index: i,
      grade: 'partly',
    });
    assert.equal(graded.mock.steps[i]?.grade, 'partly');
    assert.equal(graded.mock.steps[i]?.points, 2);
  }
  const stored = await ctx.interviews.get(SCOPE, USER, id);
  assert.equal(ctx.interviews.status(stored), 'finished');
  assert.deepEqual(
    stored.steps.map((s) => [s.grade, s.points]),
    [
      ['partly', 2],
      ['partly', 2],
      ['partly', 2],
    ],
    'every grade is stored',
  );
  assert.equal((await ctx.practice.getUser(SCOPE, USER))?.points, 6, 'points as for single answers');
  await assert.rejects(ctx.interviews.next(SCOPE, USER, id), /has ended/);
});

test('given a running mock, when a question other than the current one is answered, then it is refused; a step without an answer cannot be graded', async (t) => {
  const { ctx, start, answer } = await given(t);
  const { mock } = await start({ length: 3 });
  await assert.rejects(answer(mock.id, 1), /not open yet/);
  await assert.rejects(ctx.interviews.stepToAnswer(SCOPE, USER, mock.id, 2), /not open yet/);
  await assert.rejects(
    ctx.interviews.grade({ scopeId: SCOPE, userId: USER, mockId: mock.id, index: 0, grade: 'nailed' }),
    /no answer to grade yet/,
  );
  await assert.rejects(
    ctx.interviews.grade({ scopeId: SCOPE, userId: USER, mockId: mock.id, index: 99, grade: 'nailed' }),
    /no answer to grade yet/,
    'a step that does not exist',
  );
  await answer(mock.id, 0);
  await assert.rejects(answer(mock.id, 0), /already answered question 1/);
  assert.equal((await ctx.interviews.stepToAnswer(SCOPE, USER, mock.id, 1)).id, mock.steps[1]?.questionId);
});

test('given the next question answered straight from the last feedback (Next never pressed), when it is stored, then its clock starts at the answer', async (t) => {
  const { clock, start, answer } = await given(t);
  const { mock } = await start({ length: 3 });
  await answer(mock.id, 0);
  clock.advance(5 * MINUTE);
  const answered = await answer(mock.id, 1);
  assert.equal(answered.mock.steps[1]?.shownAt, clock.now().toISOString());
});

test('given a budget of exactly 1 minute, when a mock starts, then it is accepted', async (t) => {
  const { start } = await given(t);
  const view = await start({ length: 3, minutes: 1 });
  assert.deepEqual(
    view.mock.steps.map((s) => s.budgetMinutes),
    [1, 1, 1],
  );
});

test('given mocks of 3 and of 8 questions without a kind, when they start, then one and two of their questions are not concepts (a quarter, at least one)', async (t) => {
  const { ctx, start, bank } = await given(t);
  const nonConcepts = (steps: { questionId: string }[]) =>
    steps.filter((s) => bank.byId.get(s.questionId)?.kind !== 'concept').length;
  assert.equal(nonConcepts((await start({ length: 3 })).mock.steps), 1);
  await ctx.interviews.stop(SCOPE, USER);
  assert.equal(nonConcepts((await start({ length: 8 })).mock.steps), 2);
});

test('given no running mock, when it is resumed, then it says how to start one; a running one resumes at its question', async (t) => {
  const { ctx, start } = await given(t);
  await assert.rejects(
    ctx.interviews.resume(SCOPE, USER),
    /no mock interview running\. Start one with `\/mock start`/,
  );
  const { mock } = await start({ length: 3 });
  const resumed = await ctx.interviews.resume(SCOPE, USER);
  assert.equal(resumed.kind === 'question' && resumed.index, 0);
  assert.equal(resumed.mock.id, mock.id);
});

test('given a mock shown but not yet answered, when Next is pressed again, then the same question comes back and its clock is not restarted', async (t) => {
  const { ctx, clock, start } = await given(t);
  const { mock } = await start({ length: 3 });
  clock.advance(3 * MINUTE);
  const again = await ctx.interviews.next(SCOPE, USER, mock.id);
  assert.equal(again.kind === 'question' && again.index, 0);
  assert.equal(again.mock.steps[0]?.shownAt, '2026-11-20T10:00:00.000Z');
  assert.equal(again.mock.updatedAt, mock.updatedAt, 'nothing was written');
});

test('given a mock left for more than a day, when it is resumed, then it is expired and another can start; one left for a day exactly still runs', async (t) => {
  const { ctx, clock, start } = await given(t);
  const { mock } = await start({ length: 3 });
  clock.advance(24 * 60 * MINUTE);
  assert.equal((await ctx.interviews.running(SCOPE, USER))?.id, mock.id);
  clock.advance(1);
  assert.equal(await ctx.interviews.running(SCOPE, USER), undefined);
  await assert.rejects(ctx.interviews.resume(SCOPE, USER), /no mock interview running/);
  await assert.rejects(ctx.interviews.next(SCOPE, USER, mock.id), /expired/);
  assert.equal(ctx.interviews.status(await ctx.interviews.get(SCOPE, USER, mock.id)), 'expired');
  await start({ length: 3 });
});

test('given a running mock, when it is stopped, then it ends now and a stop without one is refused', async (t) => {
  const { ctx, clock, start } = await given(t);
  await assert.rejects(ctx.interviews.stop(SCOPE, USER), /no mock interview running/);
  const { mock } = await start({ length: 3 });
  clock.advance(MINUTE);
  const stopped = await ctx.interviews.stop(SCOPE, USER);
  assert.equal(stopped.id, mock.id);
  assert.equal(stopped.endedAt, '2026-11-20T10:01:00.000Z');
  assert.equal(stopped.updatedAt, '2026-11-20T10:01:00.000Z');
  assert.equal(await ctx.interviews.running(SCOPE, USER), undefined);
});

test('given seven finished mocks, when history is paged, then they come newest first, five a page', async (t) => {
  const { ctx, clock, start } = await given(t);
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    ids.push((await start({ length: 3 })).mock.id);
    await ctx.interviews.stop(SCOPE, USER);
    clock.advance(MINUTE);
  }
  const first = await ctx.interviews.history(SCOPE, USER, 0);
  assert.deepEqual(
    first.entries.map((m) => m.id),
    ids.slice(2).reverse(),
  );
  const second = await ctx.interviews.history(SCOPE, USER, 1);
  assert.deepEqual(
    second.entries.map((m) => m.id),
    [ids[1], ids[0]],
  );
  assert.equal(first.status(first.entries[0]!), 'finished');
});

test('given an unknown mock id, when it is read, answered or graded, then each says it is not stored', async (t) => {
  const { ctx, answer } = await given(t);
  await assert.rejects(ctx.interviews.get(SCOPE, USER, 'nope'), /not stored/);
  await assert.rejects(answer('nope', 0), /not stored/);
  await assert.rejects(
    ctx.interviews.grade({ scopeId: SCOPE, userId: USER, mockId: 'nope', index: 0, grade: 'nailed' }),
    /not stored/,
  );
});

test('given two starts at the same moment, when both finish, then exactly one mock was opened', async (t) => {
  const { ctx, start } = await given(t);
  const results = await Promise.allSettled([start({ length: 3 }), start({ length: 3 })]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  assert.equal((await ctx.interviews.history(SCOPE, USER, 0)).entries.length, 1);
});

test('given different random draws, when mocks of 3 start, then their non-concept question is not always of the same kind (the kind is drawn too)', async (t) => {
  const kinds = new Set<string>();
  for (const draw of [0.05, 0.95]) {
    const { ctx } = await services(t, { now: '2026-11-20T10:00:00Z', random: () => draw });
    const view = await ctx.interviews.start({ scopeId: SCOPE, userId: USER, length: 3 });
    const other = view.mock.steps
      .map((s) => ctx.bank().byId.get(s.questionId)?.kind)
      .find((k) => k !== 'concept');
    kinds.add(String(other));
  }
  assert.equal(kinds.size, 2, [...kinds].join(', '));
});

test('given a running mock whose current question a restart removed from the bank, when it is resumed, then it says so and how to go on; stopping still works', async (t) => {
  const { ctx, start, restart } = await given(t);
  const { mock } = await start({ length: 3 });
  const current = mock.steps[0]!.questionId;
  const after = await restart({ bank: bankWhere(ctx.bank(), (q) => q.id !== current) });
  await assert.rejects(after.interviews.resume(SCOPE, USER), {
    message: `The question \`${current}\` of this mock interview was removed from the bank. End the mock with \`/mock stop\` and start another.`,
  });
  await after.interviews.stop(SCOPE, USER);
});

test('given a running mock with its first question answered, when another is started, then the refusal names the question it is on', async (t) => {
  const { start, answer } = await given(t);
  const { mock } = await start({ length: 3 });
  await answer(mock.id, 0);
  await assert.rejects(start(), {
    message:
      'You already have a mock interview running (question 2 of 3). Continue it with `/mock resume`, or end it with `/mock stop`.',
  });
});

test('given options that match exactly one question, when a mock starts, then the count is singular', async (t) => {
  const { start, bank } = await given(t);
  const matching = bank.questions.filter((q) => q.kind === 'coding' && q.topics.includes('classical'));
  assert.equal(matching.length, 1, 'the fixture assumption holds');
  await assert.rejects(start({ topic: 'classical', kind: 'coding' }), {
    message: 'Only 1 question match those options; a mock interview needs 3. Try another topic or kind.',
  });
});

test('given many random draws, when mocks of 3 start, then exactly one question of each is not a concept', async (t) => {
  let seed = 1;
  // A small linear congruential generator: the draws differ from mock to mock, the same every run.
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const { ctx } = await services(t, { now: '2026-11-20T10:00:00Z', random });
  const bank = ctx.bank();
  for (let user = 0; user < 40; user++) {
    const view = await ctx.interviews.start({ scopeId: SCOPE, userId: `u${user}`, length: 3 });
    const kinds = view.mock.steps.map((s) => bank.byId.get(s.questionId)?.kind);
    assert.equal(kinds.filter((k) => k !== 'concept').length, 1, `draw ${user}: ${kinds.join(', ')}`);
  }
});
