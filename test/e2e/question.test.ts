import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../helpers/build.ts';

const EPHEMERAL = 1 << 6;

test('given the bot is connected to the emulator', async (t) => {
  const h = await build(t);
  const alice = h.user('alice');

  await t.test('then it registered its slash commands once', () => {
    const names = (h.emu.registeredCommands() as { name: string }[]).map((c) => c.name).sort();
    assert.deepEqual(names, [
      'bank',
      'daily',
      'forget-me',
      'help',
      'history',
      'interviewer',
      'leaderboard',
      'mock',
      'question',
      'settings',
      'stats',
    ]);
  });

  await t.test(
    'when a user runs /question id:dicom-basics, then the question is posted publicly with Answer and Show answer',
    async () => {
      const ix = h.emu.slash({ user: alice, name: 'question', options: { id: 'dicom-basics' } });
      const first = await ix.firstResponse();
      assert.equal(first.callbackType, 4);
      assert.equal(first.ephemeral, false);
      assert.match(first.data.embeds[0].title, /DICOM/);
      const labels = first.data.components[0].components.map((c: { label: string }) => c.label);
      assert.deepEqual(labels, ['Answer', 'Show answer', 'Report a problem']);
    },
  );

  await t.test(
    'when the user presses Show answer, then the model answer and key points arrive ephemerally',
    async () => {
      const posted = h.emu.slash({ user: alice, name: 'question', options: { id: 'precision-recall-f1' } });
      const message = (await posted.firstResponse()).message;
      assert.ok(message, 'the reply message is recorded');
      const ix = h.emu.click({ user: alice, message, customId: 'show:precision-recall-f1' });
      const responses = await ix.settled();
      const final = responses.at(-1)!;
      assert.equal(responses[0]!.ephemeral, true);
      const text = JSON.stringify(final.data.embeds);
      assert.match(text, /Model answer/);
      assert.match(text, /Key points/);
      assert.match(text, /Precision = TP \/ \(TP \+ FP\)|Precision = /);
      assert.doesNotMatch(text, /\\over/);
    },
  );

  await t.test(
    'when the user asks for an unknown id, then a short ephemeral error says how to find valid ones',
    async () => {
      const ix = h.emu.slash({ user: alice, name: 'question', options: { id: 'no-such-question' } });
      const first = await ix.firstResponse();
      assert.equal(first.ephemeral, true);
      assert.match(first.data.content, /no question with id `no-such-question`/);
      assert.match(first.data.content, /topic/);
    },
  );

  await t.test('when the user asks for an unknown topic, then the error lists the topics', async () => {
    const first = await h.emu
      .slash({ user: alice, name: 'question', options: { topic: 'astrology' } })
      .firstResponse();
    assert.equal(first.ephemeral, true);
    assert.match(first.data.content, /Unknown topic/);
    assert.match(first.data.content, /dicom|formats/);
  });

  await t.test(
    'when the user asks for topic:dicom (an alias), then a question of that topic is posted',
    async () => {
      const first = await h.emu
        .slash({ user: alice, name: 'question', options: { topic: 'dicom' } })
        .firstResponse();
      assert.equal(first.ephemeral, false);
      assert.match(first.data.embeds[0].footer.text, /Formats and standards/);
    },
  );

  await t.test(
    'when the user types in the topic option, then autocomplete offers matching topics',
    async () => {
      const ix = h.emu.autocomplete({
        user: alice,
        name: 'question',
        options: { topic: 'deep' },
        focused: 'topic',
      });
      const first = await ix.firstResponse();
      assert.equal(first.callbackType, 8);
      assert.deepEqual(
        first.data.choices.map((c: { value: string }) => c.value),
        ['deep-learning'],
      );
    },
  );

  await t.test(
    'when a button with an unknown handler arrives (an old version), then the user gets an ephemeral explanation',
    async () => {
      const posted = await h.emu
        .slash({ user: alice, name: 'question', options: { id: 'dicom-basics' } })
        .firstResponse();
      const first = await h.emu
        .click({ user: alice, message: posted.message!, customId: 'legacy-button:x' })
        .firstResponse();
      assert.equal(first.ephemeral, true);
      assert.match(first.data.content, /older version/);
    },
  );

  await t.test(
    'when a Show answer button names a question removed from the bank, then the reply says so',
    async () => {
      const posted = await h.emu
        .slash({ user: alice, name: 'question', options: { id: 'dicom-basics' } })
        .firstResponse();
      const first = await h.emu
        .click({ user: alice, message: posted.message!, customId: 'show:removed-question' })
        .firstResponse();
      assert.equal(first.ephemeral, true);
      assert.match(first.data.content, /no question `removed-question`/);
    },
  );

  await t.test('then no payload the bot sent broke a Discord rule', () => {
    assert.deepEqual(h.emu.violations, []);
  });
  void EPHEMERAL;
});

test('given the bot restarted, when a user presses Show answer on a message from before, then it still works', async (t) => {
  const h = await build(t);
  const bob = h.user('bob');
  const posted = await h.emu
    .slash({ user: bob, name: 'question', options: { id: 'dice-and-iou' } })
    .firstResponse();
  await h.restart();
  assert.deepEqual((h.emu.registeredCommands() as unknown[]).length, 11);
  const responses = await h.emu
    .click({ user: bob, message: posted.message!, customId: 'show:dice-and-iou' })
    .settled();
  assert.match(JSON.stringify(responses.at(-1)!.data.embeds), /Model answer/);
  const puts = h.emu.requests.filter((r) => r.method === 'PUT' && r.path.includes('/commands'));
  assert.equal(puts.length, 1, 'commands are registered only when their definitions change');
  assert.deepEqual(h.emu.violations, []);
});
