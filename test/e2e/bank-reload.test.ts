// /bank reload: the shared bank changes without a restart. The whole new bank is validated first;
// an invalid one changes nothing; questions it removes keep working for what already exists.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatProblem, loadBank } from '../../src/bank/load.ts';
import { questionMarkdown } from '../../tools/fixtures/bank-markdown.ts';
import { build } from '../helpers/build.ts';
import { answer, buttonId, finalResponses, tempDir } from '../helpers/flows.ts';

/** The emulator's application owner. */
const APP_OWNER = { id: '100000000000000099', username: 'owner' };

const NEW_QUESTION = questionMarkdown({
  id: 'wsi-tiling-basics',
  title: 'How do you train a model on gigapixel whole-slide images?',
  topics: ['pathology'],
  difficulty: 'medium',
  keyPoints: [
    { text: 'Tile the slide into patches at a chosen magnification', synonyms: ['patches', 'tiling'] },
    { text: 'Filter background and artefacts before training', synonyms: ['tissue detection'] },
    {
      text: 'Aggregate patch predictions with multiple instance learning',
      synonyms: ['MIL', 'attention pooling'],
    },
  ],
  answer:
    'A whole-slide image is far too large for a GPU, so it is tiled into patches (for example 256 by 256 pixels at 20x), background and pen marks are filtered out with a tissue mask, and a patch encoder (often a pathology foundation model) turns each patch into an embedding. With only slide-level labels, multiple instance learning aggregates the patch embeddings, for example with attention pooling, into one slide prediction; attention weights also show which regions drove it.',
});

const PATHOLOGY_TOPIC = '\n## pathology\n- name: Computational pathology\n- aliases: wsi, histopathology\n';

test('given a running bot and its question folder', async (t) => {
  const dir = tempDir(t, 'bank-reload-');
  cpSync('questions', dir, { recursive: true });
  const loader = async () => {
    const r = await loadBank(dir);
    return { bank: r.bank, problems: r.problems.map(formatProblem) };
  };
  const initial = await loadBank(dir);
  const configured = { id: '100000000000000123', username: 'maintainer' };
  const h = await build(t, { bank: initial.bank!, bankLoader: loader, ownerIds: [configured.id] });
  const member = h.user('member', { admin: true });

  await t.test(
    'when a member who is not an owner (even a server admin) runs /bank reload, then it is refused',
    async () => {
      const reply = (
        await finalResponses(h.emu.slash({ user: member, name: 'bank', subcommand: 'reload' }))
      ).at(-1)!;
      assert.match(reply.data.content, /Only the bot's owners/);
    },
  );

  // An answer to a question the reload will remove, not graded yet.
  const { final: pending } = await answer(h, member, 'dicom-basics');

  await t.test(
    'when the owner adds a topic and a question and removes a file, then /bank reload swaps the bank in',
    async () => {
      // "pathology" moves from an alias of modalities to a topic of its own.
      const topics = join(dir, 'topics.md');
      writeFileSync(topics, readFileSync(topics, 'utf8').replace(', pathology', ''));
      appendFileSync(topics, PATHOLOGY_TOPIC);
      writeFileSync(join(dir, '12-pathology.md'), `${NEW_QUESTION}\n`);
      const removedIds = [
        ...readFileSync(join(dir, '03-formats.md'), 'utf8').matchAll(/- id: `([^`]+)`/g),
      ].map((m) => m[1]);
      rmSync(join(dir, '03-formats.md'));
      const reply = (
        await finalResponses(h.emu.slash({ user: APP_OWNER, name: 'bank', subcommand: 'reload' }))
      ).at(-1)!;
      assert.match(reply.data.content, /^Reloaded: \d+ questions, 12 topics\./);
      assert.match(reply.data.content, /Added 1: `wsi-tiling-basics`/);
      assert.match(reply.data.content, new RegExp(`Removed ${removedIds.length}`));
    },
  );

  await t.test('then the new topic and question are served, with no code change', async () => {
    const posted = await h.emu
      .slash({ user: member, name: 'question', options: { topic: 'wsi' } })
      .firstResponse();
    assert.match(JSON.stringify(posted.data.embeds), /gigapixel whole-slide/);
    assert.match(JSON.stringify(posted.data.embeds), /Computational pathology/);
  });

  await t.test(
    'then a removed question is no longer asked, but an answer to it can still be graded',
    async () => {
      const asked = await h.emu
        .slash({ user: member, name: 'question', options: { id: 'dicom-basics' } })
        .firstResponse();
      assert.match(asked.data.content, /no question with id/);
      const graded = (
        await finalResponses(
          h.emu.click({ user: member, message: pending.message!, customId: buttonId(pending, 'Nailed it') }),
        )
      ).at(-1)!;
      assert.match(graded.data.content, /\+3 points/);
    },
  );

  await t.test(
    'when an invalid bank is reloaded under load, then every interaction is served and the old bank stays',
    async () => {
      writeFileSync(join(dir, 'broken.md'), '## A question without metadata\n\nSome answer.\n');
      const load = Array.from({ length: 30 }, (_, i) =>
        h.emu.slash({ user: h.user(`m${i}`), name: 'question', options: { topic: 'pathology' } }),
      );
      const reply = (
        await finalResponses(h.emu.slash({ user: configured, name: 'bank', subcommand: 'reload' }))
      ).at(-1)!;
      assert.match(reply.data.content, /problem/);
      assert.match(reply.data.content, /broken\.md:1: /);
      for (const ix of load) {
        const first = await ix.firstResponse();
        assert.match(JSON.stringify(first.data.embeds), /gigapixel whole-slide/);
      }
      const still = await h.emu
        .slash({ user: member, name: 'question', options: { id: 'wsi-tiling-basics' } })
        .firstResponse();
      assert.match(JSON.stringify(still.data.embeds), /gigapixel whole-slide/);
    },
  );

  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});
