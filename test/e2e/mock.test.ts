// /mock: a timed solo mock interview, one question at a time (each step its own interaction), kept
// after every step, ending with a scorecard; /mock history lists them. Each test stands alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmuResponse, EmuUser } from '../../tools/emulator/index.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { buttonId, finalResponses } from '../helpers/flows.ts';

const ANSWER_TEXT =
  'I would explain the core idea first, then give a concrete example from a clinical dataset, the main pitfalls such as leakage and site differences, and how I would validate it on external data.';

const text = (r: EmuResponse) => JSON.stringify(r.data);

async function harness(t: Parameters<typeof build>[0]) {
  const clock = new TestClock(new Date('2026-11-20T10:00:00Z'));
  // The emulator's protocol clock is the bot's: interaction tokens age as the test's time passes.
  const h = await build(t, { clock, emulator: { now: () => clock.now().getTime() } });
  return { h, clock };
}

async function startMock(h: Harness, user: EmuUser, options: Record<string, number | string> = {}) {
  return (await finalResponses(h.emu.slash({ user, name: 'mock', subcommand: 'start', options }))).at(-1)!;
}

/** Presses Answer on a mock question and submits the text; returns the feedback's last message. */
async function answerStep(h: Harness, user: EmuUser, question: EmuResponse, answer = ANSWER_TEXT) {
  const modal = await h.emu
    .click({ user, message: question.message!, customId: buttonId(question, 'Answer') })
    .firstResponse();
  assert.equal(modal.callbackType, 9, 'Answer opens a modal');
  return (
    await finalResponses(
      h.emu.submitModal({
        user,
        customId: modal.data.custom_id,
        fields: { text: answer },
        message: question.message!,
      }),
    )
  ).at(-1)!;
}

async function press(h: Harness, user: EmuUser, message: EmuResponse, label: string) {
  return (
    await finalResponses(h.emu.click({ user, message: message.message!, customId: buttonId(message, label) }))
  ).at(-1)!;
}

test('given a member, when she runs a 3-question mock, answering in 2 and 7 minutes and grading each, then the scorecard shows every question with key points, time against the budget and grade, and the points count as for single answers', async (t) => {
  const { h, clock } = await harness(t);
  const carol = h.user('carol');

  let message = await startMock(h, carol, { length: 3, minutes: 5 });
  assert.equal(message.ephemeral, true);
  assert.match(text(message), /Mock interview · question 1 of 3/);
  assert.match(text(message), /You have \*\*5 minutes\*\*/);

  const minutes = [2, 7, 3];
  const grades = ['Nailed it', 'Partly', 'Nailed it'];
  for (let i = 0; i < 3; i++) {
    clock.advance(minutes[i]! * 60_000);
    const feedback = await answerStep(h, carol, message);
    assert.equal(feedback.ephemeral, true);
    assert.match(text(feedback), new RegExp(`question ${i + 1} of 3`));
    assert.match(text(feedback), new RegExp(`Time: ${minutes[i]}:00 of 5:00`));
    if (minutes[i]! > 5) assert.match(text(feedback), /2:00 over/);
    const graded = await press(h, carol, feedback, grades[i]!);
    assert.match(graded.data.content, new RegExp(`^Question ${i + 1} of 3: Graded`));
    message = await press(h, carol, graded, i < 2 ? 'Next question' : 'See the scorecard');
  }

  const card = text(message);
  assert.match(card, /Mock interview scorecard \(finished\)/);
  assert.match(card, /2:00 of 5:00/);
  assert.match(card, /7:00 of 5:00 ⚠ 2:00 over/);
  assert.match(card, /Partly/);
  assert.match(card, /3 of 3 answered/);
  const user = await h.bot.store.users.get(h.guildId, carol.id);
  assert.equal(user?.answers, 3);
  // Nailed 3 + Partly 2 + Nailed 3: the same points as three single answers.
  assert.equal(user?.points, 8);
  assert.match(card, /\+8 points/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a mock at its second question, when the bot restarts and 20 minutes pass, then Next question and /mock resume continue where it stopped, with no expired interaction token', async (t) => {
  const { h, clock } = await harness(t);
  const dave = h.user('dave');
  const first = await startMock(h, dave, { length: 3 });
  const feedback = await answerStep(h, dave, first);

  await h.restart();
  clock.advance(20 * 60_000);

  const second = await press(h, dave, feedback, 'Next question');
  assert.match(text(second), /question 2 of 3/);
  const resumed = (await finalResponses(h.emu.slash({ user: dave, name: 'mock', subcommand: 'resume' }))).at(
    -1,
  )!;
  assert.equal(resumed.data.embeds[0].title, second.data.embeds[0].title, 'the same question, not a new one');
  clock.advance(60_000);
  const after = await answerStep(h, dave, resumed);
  assert.match(text(after), /Time: 1:00 of/, 'timed from when it was first shown');
  assert.deepEqual(h.emu.violations, []);
});

test('given a running mock, when the member starts another, then she is told to resume or stop it; when she stops it, then the scorecard covers the answered question only', async (t) => {
  const { h } = await harness(t);
  const erin = h.user('erin');
  const first = await startMock(h, erin, { length: 4 });
  await answerStep(h, erin, first);

  const again = await h.emu.slash({ user: erin, name: 'mock', subcommand: 'start' }).settled();
  assert.match(
    JSON.stringify(again.map((r) => r.data)),
    /already have a mock interview running \(question 2 of 4\)/,
  );

  const stopped = (await finalResponses(h.emu.slash({ user: erin, name: 'mock', subcommand: 'stop' }))).at(
    -1,
  )!;
  assert.match(text(stopped), /scorecard \(finished\)/);
  assert.match(text(stopped), /1 of 4 answered/);
  assert.match(text(stopped), /not answered/);
  const history = (await finalResponses(h.emu.slash({ user: erin, name: 'mock', subcommand: 'history' }))).at(
    -1,
  )!;
  assert.match(text(history), /1 of 4 answered/);
  const opened = await press(h, erin, history, 'Open 1');
  assert.match(text(opened), /Mock interview scorecard/);
});

test('given a mock left for more than a day, when the member presses Next question, then she is told it expired and nothing is answered', async (t) => {
  const { h, clock } = await harness(t);
  const finn = h.user('finn');
  const first = await startMock(h, finn, { length: 3 });
  const feedback = await answerStep(h, finn, first);
  clock.advance(25 * 60 * 60_000);
  const late = await h.emu
    .click({ user: finn, message: feedback.message!, customId: buttonId(feedback, 'Next question') })
    .settled();
  assert.match(JSON.stringify(late.map((r) => r.data)), /expired: it was left for more than a day/);
  const history = (await finalResponses(h.emu.slash({ user: finn, name: 'mock', subcommand: 'history' }))).at(
    -1,
  )!;
  assert.match(text(history), /expired/);
});

test("given a member's mock, when another member forges its Answer and Next buttons, then he finds nothing and her mock is unchanged", async (t) => {
  const { h } = await harness(t);
  const gina = h.user('gina');
  const mallory = h.user('mallory');
  const first = await startMock(h, gina, { length: 3 });
  const answerId = buttonId(first, 'Answer');
  const forged = await h.emu.click({ user: mallory, message: first.message!, customId: answerId }).settled();
  assert.match(JSON.stringify(forged.map((r) => r.data)), /not stored/);
  assert.ok(
    forged.every((r) => r.callbackType !== 9),
    'no answer modal for him',
  );
  const mockId = answerId.split(':')[1]!;
  const stored = await h.bot.store.mocks.get(h.guildId, gina.id, mockId);
  assert.equal(stored?.steps[0]?.answerId, undefined);
});

test('given a member with a finished mock, when she runs /forget-me and confirms, then her mocks are gone', async (t) => {
  const { h } = await harness(t);
  const hana = h.user('hana');
  await startMock(h, hana, { length: 3 });
  await finalResponses(h.emu.slash({ user: hana, name: 'mock', subcommand: 'stop' }));
  assert.equal((await h.bot.store.mocks.listOf(h.guildId, hana.id)).length, 1);
  const prompt = await h.emu.slash({ user: hana, name: 'forget-me' }).firstResponse();
  await finalResponses(
    h.emu.click({ user: hana, message: prompt.message!, customId: buttonId(prompt, 'Delete my data') }),
  );
  assert.deepEqual(await h.bot.store.mocks.listOf(h.guildId, hana.id), []);
});

test('given a mock without a kind, then one of its questions is a case study, coding or behavioural question when the bank has them', async (t) => {
  const { h } = await harness(t);
  const ivan = h.user('ivan');
  const first = await startMock(h, ivan, { length: 4 });
  const mockId = buttonId(first, 'Answer').split(':')[1]!;
  const stored = await h.bot.store.mocks.get(h.guildId, ivan.id, mockId);
  const kinds = stored!.steps.map((s) => h.bot.ctx.bank().byId.get(s.questionId)?.kind);
  assert.equal(new Set(stored!.steps.map((s) => s.questionId)).size, 4, 'four different questions');
  assert.ok(
    kinds.some((k) => k !== 'concept'),
    `kinds: ${kinds.join(', ')}`,
  );
});

test('given a double press, when two /mock start arrive at once, then one mock starts and the other is told to resume it', async (t) => {
  const { h } = await harness(t);
  const jan = h.user('jan');
  const both = await Promise.all([
    finalResponses(h.emu.slash({ user: jan, name: 'mock', subcommand: 'start', options: { length: 3 } })),
    finalResponses(h.emu.slash({ user: jan, name: 'mock', subcommand: 'start', options: { length: 3 } })),
  ]);
  assert.equal((await h.bot.store.mocks.listOf(h.guildId, jan.id)).length, 1);
  assert.match(JSON.stringify(both.flat().map((r) => r.data)), /already have a mock interview running/);
});
