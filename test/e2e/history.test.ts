// /history: a member's own past answers, paged, opened next to the model answer, exported as a file.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { EmuResponse } from '../../tools/emulator/index.ts';
import { build, TestClock } from '../helpers/build.ts';
import { answer, answerAndGrade, buttonId, finalResponses } from '../helpers/flows.ts';

const fieldNames = (r: EmuResponse) =>
  (r.data.embeds?.[0]?.fields ?? []).map((f: { name: string }) => f.name) as string[];

/** Carol with seven answers over seven hours, four graded (each test builds its own). */
async function givenSevenAnswers(t: TestContext) {
  const clock = new TestClock(new Date('2026-11-20T10:00:00Z'));
  const h = await build(t, { clock });
  const carol = h.user('carol');
  const questions = [
    'dicom-basics',
    'ct-hounsfield-units',
    'dicom-basics',
    'dice-and-iou',
    'dicom-basics',
    'ct-hounsfield-units',
    'dice-and-iou',
  ];
  for (const [i, id] of questions.entries()) {
    if (i % 2 === 0) await answerAndGrade(h, carol, id, i === 0 ? 'missed' : 'nailed');
    else await answer(h, carol, id, `Answer number ${i}: a few sentences about ${id} in my own words.`);
    clock.advance(3_600_000);
  }
  const first = (await finalResponses(h.emu.slash({ user: carol, name: 'history' }))).at(-1)!;
  return { h, carol, first };
}

test('given a member with seven answers, when she runs /history, then she privately sees her newest five of seven, page 1 of 2', async (t) => {
  const { h, first } = await givenSevenAnswers(t);
  assert.equal(first.ephemeral, true);
  const names = fieldNames(first);
  assert.equal(names.length, 5);
  assert.match(names[0]!, /^1\. 2026-11-20 · /);
  assert.match(JSON.stringify(first.data.embeds), /Page 1 of 2 · 7 answers, newest first/);
  assert.match(JSON.stringify(first.data.embeds), /Answer number 5/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member with seven answers, when she presses Older, then the page shows her two oldest answers', async (t) => {
  const { h, carol, first } = await givenSevenAnswers(t);
  const older = (
    await finalResponses(
      h.emu.click({ user: carol, message: first.message!, customId: buttonId(first, 'Older ▶') }),
    )
  ).at(-1)!;
  assert.deepEqual(
    fieldNames(older).map((n) => n.split('.')[0]),
    ['6', '7'],
  );
  assert.match(JSON.stringify(older.data.embeds), /Missed it \(\+1 point\)/);
});

test('given a member with seven answers, when she opens one, then it is shown next to the model answer', async (t) => {
  const { h, carol, first } = await givenSevenAnswers(t);
  const opened = (
    await finalResponses(
      h.emu.click({ user: carol, message: first.message!, customId: buttonId(first, 'Open 2') }),
    )
  ).at(-1)!;
  assert.equal(opened.ephemeral, true);
  const text = JSON.stringify(opened.data.embeds);
  assert.match(text, /Your answer of 2026-11-20/);
  assert.match(text, /Answer number 5/);
  assert.match(text, /Model answer/);
});

test('given a member with seven answers, when she filters by grade or question, then only those answers are listed', async (t) => {
  const { h, carol } = await givenSevenAnswers(t);
  const ungraded = (
    await finalResponses(h.emu.slash({ user: carol, name: 'history', options: { grade: 'ungraded' } }))
  ).at(-1)!;
  assert.equal(fieldNames(ungraded).length, 3);
  assert.match(JSON.stringify(ungraded.data.embeds), /grade: not graded/);
  const byQuestion = (
    await finalResponses(h.emu.slash({ user: carol, name: 'history', options: { question: 'dicom-basics' } }))
  ).at(-1)!;
  assert.equal(fieldNames(byQuestion).length, 3);
});

test("given a member with seven answers, when another member forges an Open button with her answer's id, then he sees nothing of hers", async (t) => {
  const { h, first } = await givenSevenAnswers(t);
  const dave = h.user('dave');
  await answer(h, dave, 'dicom-basics', 'Dave writes his own answer about DICOM files and their headers.');
  const his = (await finalResponses(h.emu.slash({ user: dave, name: 'history' }))).at(-1)!;
  const carolsId = buttonId(first, 'Open 1');
  const forged = await h.emu.click({ user: dave, message: his.message!, customId: carolsId }).settled();
  const seen = JSON.stringify(forged.map((r) => r.data));
  assert.match(seen, /no longer stored/);
  assert.doesNotMatch(seen, /Answer number/);
});

test('given a member with seven answers, when she exports, then a markdown file with all seven answers is sent privately', async (t) => {
  const { h, carol } = await givenSevenAnswers(t);
  const done = (
    await finalResponses(h.emu.slash({ user: carol, name: 'history', options: { export: true } }))
  ).at(-1)!;
  assert.equal(done.ephemeral, true);
  const file = done.message?.attachments?.find((a: { filename: string }) => a.filename === 'my-answers.md');
  assert.ok(file, 'my-answers.md is attached');
  const markdown = h.emu.attachmentData(file.id)!.toString('utf8');
  assert.match(markdown, /^# Interview practice: my answers/);
  assert.equal(markdown.match(/^## /gm)?.length, 7);
  assert.match(markdown, /Answer number 1:/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member with no answers, when she runs /history in a DM, then she is told how to start', async (t) => {
  const h = await build(t);
  const reply = (await finalResponses(h.emu.slash({ user: h.user('erin'), name: 'history', dm: true }))).at(
    -1,
  )!;
  assert.match(reply.data.content, /no answers in your personal practice yet/);
});
