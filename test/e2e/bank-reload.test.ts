// /bank reload: the shared bank changes without a restart. The whole new bank is validated first;
// an invalid one changes nothing; questions it removes keep working for what already exists.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { formatProblem, loadBank } from '../../src/bank/load.ts';
import { questionMarkdown } from '../../tools/fixtures/bank-markdown.ts';
import { build } from '../helpers/build.ts';
import { answer, buttonId, finalResponses, tempDir } from '../helpers/flows.ts';
import { BANK_TOPICS } from '../helpers/topics.ts';

/** The emulator's application owner. */
const APP_OWNER = { id: '100000000000000099', username: 'owner' };

const NEW_QUESTION = questionMarkdown({
  id: 'radiomics-reproducibility-basics',
  title: 'What limits the reproducibility of radiomics features across scanners and readers?',
  topics: ['radiomics'],
  difficulty: 'medium',
  keyPoints: [
    { text: 'Features depend on acquisition and reconstruction settings', synonyms: ['scanner dependence'] },
    {
      text: 'Segmentation variability changes shape and texture features',
      synonyms: ['contour variability'],
    },
    { text: 'IBSI standardises feature definitions and preprocessing', synonyms: ['IBSI'] },
  ],
  answer:
    'Radiomics features depend on acquisition and reconstruction settings: slice thickness, kernel, voxel size and contrast timing change texture values, so features from different scanners are not directly comparable. Segmentation variability between readers changes shape and texture features, so test-retest and inter-reader reproducibility should be measured (e.g. with the intraclass correlation coefficient) before a feature is used. The Image Biomarker Standardisation Initiative (IBSI) standardises feature definitions and preprocessing such as resampling and intensity discretisation.',
});

const NEW_TOPIC = '\n## radiomics\n- name: Radiomics\n- aliases: ibsi, texture features\n';

/** A running bot whose bank is a copy of `questions/` it can reload (each test builds its own). */
async function givenARunningBot(t: TestContext) {
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
  return { h, dir, configured, member };
}

/**
 * The member has an ungraded answer to `dicom-basics`; then the owner added a topic and a question,
 * removed the file holding `dicom-basics` and reloaded.
 */
async function givenAReloadedBank(t: TestContext) {
  const given = await givenARunningBot(t);
  const { h, dir, member } = given;
  const { final: pending } = await answer(h, member, 'dicom-basics');
  appendFileSync(join(dir, 'topics.md'), NEW_TOPIC);
  writeFileSync(join(dir, '20-radiomics.md'), `${NEW_QUESTION}\n`);
  const removedIds = [...readFileSync(join(dir, '03-formats.md'), 'utf8').matchAll(/- id: `([^`]+)`/g)].map(
    (m) => m[1],
  );
  rmSync(join(dir, '03-formats.md'));
  const reply = (
    await finalResponses(h.emu.slash({ user: APP_OWNER, name: 'bank', subcommand: 'reload' }))
  ).at(-1)!;
  return { ...given, pending, removedIds, reply };
}

test('given a running bot, when a member who is not an owner (even a server admin) runs /bank reload, then it is refused', async (t) => {
  const { h, member } = await givenARunningBot(t);
  const reply = (await finalResponses(h.emu.slash({ user: member, name: 'bank', subcommand: 'reload' }))).at(
    -1,
  )!;
  assert.match(reply.data.content, /Only the bot's owners/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a running bot, when the owner adds a topic and a question and removes a file, then /bank reload swaps the bank in', async (t) => {
  const { h, reply, removedIds } = await givenAReloadedBank(t);
  assert.match(
    reply.data.content,
    new RegExp(`^Reloaded: \\d+ questions, ${BANK_TOPICS.length + 1} topics\\.`),
  );
  assert.match(reply.data.content, /Added 1: `radiomics-reproducibility-basics`/);
  assert.match(reply.data.content, new RegExp(`Removed ${removedIds.length}`));
  assert.deepEqual(h.emu.violations, []);
});

test('given a reloaded bank, then the new topic and question are served, with no code change', async (t) => {
  const { h, member } = await givenAReloadedBank(t);
  const posted = await h.emu
    .slash({ user: member, name: 'question', options: { topic: 'ibsi' } })
    .firstResponse();
  assert.match(JSON.stringify(posted.data.embeds), /reproducibility of radiomics features/);
  assert.match(JSON.stringify(posted.data.embeds), /Radiomics/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a reloaded bank, then a removed question is no longer asked, but an answer to it can still be graded', async (t) => {
  const { h, member, pending } = await givenAReloadedBank(t);
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
  assert.deepEqual(h.emu.violations, []);
});

test('given a reloaded bank, when an invalid bank is reloaded under load, then every interaction is served and the old bank stays', async (t) => {
  const { h, dir, member, configured } = await givenAReloadedBank(t);
  writeFileSync(join(dir, 'broken.md'), '## A question without metadata\n\nSome answer.\n');
  const load = Array.from({ length: 30 }, (_, i) =>
    h.emu.slash({ user: h.user(`m${i}`), name: 'question', options: { topic: 'radiomics' } }),
  );
  const reply = (
    await finalResponses(h.emu.slash({ user: configured, name: 'bank', subcommand: 'reload' }))
  ).at(-1)!;
  assert.match(reply.data.content, /problem/);
  assert.match(reply.data.content, /broken\.md:1: /);
  for (const ix of load) {
    const first = await ix.firstResponse();
    assert.match(JSON.stringify(first.data.embeds), /reproducibility of radiomics features/);
  }
  const still = await h.emu
    .slash({ user: member, name: 'question', options: { id: 'radiomics-reproducibility-basics' } })
    .firstResponse();
  assert.match(JSON.stringify(still.data.embeds), /reproducibility of radiomics features/);
  assert.deepEqual(h.emu.violations, []);
});
