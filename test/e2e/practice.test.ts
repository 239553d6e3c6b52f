import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { build } from '../helpers/build.ts';
import { answer, finalResponses, GOOD_ANSWER, buttonId as gradeButtonId } from '../helpers/flows.ts';

test('given a user practising one question end to end', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');

  const { responses, final } = await answer(h, carol, 'dicom-basics');
  await t.test('then the first response is an ephemeral acknowledgement within the deadline', () => {
    assert.equal(responses[0]!.ephemeral, true);
  });
  await t.test('then the feedback shows covered key points and the model answer, with grade buttons', () => {
    const text = JSON.stringify(final.data.embeds);
    assert.match(text, /You covered \d+ of \d+ key points/);
    assert.match(text, /Model answer/);
    assert.match(text, /✅/);
    assert.deepEqual(
      final.data.components[0].components.map((c: { label: string }) => c.label),
      ['Nailed it', 'Partly', 'Missed it'],
    );
  });

  const gradeId = gradeButtonId(final, 'Nailed it');
  await t.test('when the user grades Nailed it, then the message shows +3 points and streak 1', async () => {
    const graded = await finalResponses(
      h.emu.click({ user: carol, message: final.message!, customId: gradeId }),
    );
    assert.match(graded.at(-1)!.data.content, /\+3 points/);
    assert.match(graded.at(-1)!.data.content, /streak 1 day/);
  });

  await t.test(
    'when the same grade button is pressed again (or after a restart), then nothing is counted twice',
    async () => {
      await h.restart();
      const again = await finalResponses(
        h.emu.click({ user: carol, message: final.message!, customId: gradeId }),
      );
      assert.match(again.at(-1)!.data.content, /already graded/);
    },
  );

  await t.test(
    'when the user runs /stats, then it shows 1 answer, 3 points, streak 1 and a heatmap image',
    async () => {
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
    },
  );

  await t.test(
    'when the user runs /forget-me and confirms, then /stats is empty and nothing is left in the store',
    async () => {
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
    },
  );

  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
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
