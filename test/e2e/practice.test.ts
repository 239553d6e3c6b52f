import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { build } from '../helpers/build.ts';
import { answer, finalResponses, GOOD_ANSWER, buttonId as gradeButtonId } from '../helpers/flows.ts';

/** Carol has answered `dicom-basics` (each test builds its own). */
async function givenAnAnswer(t: TestContext) {
  const h = await build(t);
  const carol = h.user('carol');
  const { responses, final } = await answer(h, carol, 'dicom-basics');
  return { h, carol, responses, final, gradeId: gradeButtonId(final, 'Nailed it') };
}

/** Carol has answered `dicom-basics` and graded it Nailed it. */
async function givenAGradedAnswer(t: TestContext) {
  const given = await givenAnAnswer(t);
  const { h, carol, final, gradeId } = given;
  const graded = await finalResponses(
    h.emu.click({ user: carol, message: final.message!, customId: gradeId }),
  );
  return { ...given, graded };
}

test('given a user answering a question, when she submits, then the first response is an ephemeral acknowledgement', async (t) => {
  const { h, responses } = await givenAnAnswer(t);
  assert.equal(responses[0]!.ephemeral, true);
  assert.deepEqual(h.emu.violations, []);
});

test('given a user answering a question, when she submits, then the feedback shows covered key points and the model answer, with grade buttons', async (t) => {
  const { h, final } = await givenAnAnswer(t);
  const text = JSON.stringify(final.data.embeds);
  assert.match(text, /You covered \d+ of \d+ key points/);
  assert.match(text, /Model answer/);
  assert.match(text, /✅/);
  assert.deepEqual(
    final.data.components[0].components.map((c: { label: string }) => c.label),
    ['Nailed it', 'Partly', 'Missed it'],
  );
  assert.deepEqual(h.emu.violations, []);
});

test('given an answered question, when the user grades Nailed it, then the message shows +3 points and streak 1', async (t) => {
  const { h, graded } = await givenAGradedAnswer(t);
  assert.match(graded.at(-1)!.data.content, /\+3 points/);
  assert.match(graded.at(-1)!.data.content, /streak 1 day/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a graded answer, when the same grade button is pressed again after a restart, then nothing is counted twice', async (t) => {
  const { h, carol, final, gradeId } = await givenAGradedAnswer(t);
  await h.restart();
  const again = await finalResponses(
    h.emu.click({ user: carol, message: final.message!, customId: gradeId }),
  );
  assert.match(again.at(-1)!.data.content, /already graded/);
  const stats = (await finalResponses(h.emu.slash({ user: carol, name: 'stats' }))).at(-1)!;
  assert.match(JSON.stringify(stats.data.embeds), /3 all time/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a graded answer, when the user runs /stats, then it shows 1 answer, 3 points, streak 1 and a heatmap image', async (t) => {
  const { h, carol } = await givenAGradedAnswer(t);
  const stats = await finalResponses(h.emu.slash({ user: carol, name: 'stats' }));
  const last = stats.at(-1)!;
  const fields = Object.fromEntries(
    last.data.embeds[0].fields.map((f: { name: string; value: string }) => [f.name, f.value]),
  );
  assert.equal(fields.Answers, '1');
  assert.match(fields.Points, /^3 all time/);
  assert.match(fields.Streak, /^1 day/);
  assert.ok(
    last.message?.attachments?.some((a: { filename: string }) => a.filename === 'practice.png'),
    'a PNG is attached',
  );
  assert.deepEqual(h.emu.violations, []);
});

test('given a graded answer, when the user runs /forget-me and confirms, then /stats is empty and nothing is left in the store', async (t) => {
  const { h, carol } = await givenAGradedAnswer(t);
  const prompt = await h.emu.slash({ user: carol, name: 'forget-me' }).firstResponse();
  const confirmId = gradeButtonId(prompt, 'Delete my data');
  const done = await finalResponses(
    h.emu.click({ user: carol, message: prompt.message!, customId: confirmId }),
  );
  assert.match(done.at(-1)!.data.content, /deleted 1 answer/);
  const stats = await finalResponses(h.emu.slash({ user: carol, name: 'stats' }));
  assert.match(stats.at(-1)!.data.content, /no answers stored/);
  const left = (await h.store.scan(`g:${h.guildId}:`)).filter((r) => r.key.includes(carol.id));
  assert.deepEqual(left, []);
  const board = await h.emu.slash({ user: carol, name: 'leaderboard' }).firstResponse();
  assert.match(board.data.embeds[0].description, /Nobody is on this board yet/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a too-short answer, when it is submitted, then the user gets a hint and nothing is stored', async (t) => {
  const h = await build(t);
  const dan = h.user('dan');
  const { final } = await answer(h, dan, 'dicom-basics', 'dunno');
  assert.match(final.data.content, /at least 20/);
  assert.equal(await h.store.keyv.get(keys.user(h.guildId, dan.id)), undefined);
});

test('given a user who pressed Show answer first, when they answer and grade, then they earn no points', async (t) => {
  const h = await build(t);
  const erin = h.user('erin');
  const posted = await h.emu
    .slash({ user: erin, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  await finalResponses(h.emu.click({ user: erin, message: posted.message!, customId: 'show:dicom-basics' }));
  const { final } = await answer(h, erin, 'dicom-basics');
  const graded = await finalResponses(
    h.emu.click({ user: erin, message: final.message!, customId: gradeButtonId(final, 'Nailed it') }),
  );
  assert.match(graded.at(-1)!.data.content, /no points/);
});

test('given an answer containing mentions, when the feedback is shown, then nothing can ping', async (t) => {
  const h = await build(t);
  const frank = h.user('frank');
  const { final } = await answer(
    h,
    frank,
    'dicom-basics',
    `@everyone <@${frank.id}> <@&100000000000000020> ${GOOD_ANSWER}`,
  );
  assert.doesNotMatch(JSON.stringify(final.data.embeds), /@everyone/);
  assert.deepEqual(h.emu.violations, []);
});
