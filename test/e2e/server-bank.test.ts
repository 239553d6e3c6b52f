// A server's own questions (/bank add, import, edit, remove, export, suggest, queue, editors) next
// to the shared bank: editors only, validated like the bank, never seen by another server.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBank } from '../../src/bank/load.ts';
import { DEFAULT_GUILD, type EmuResponse, type EmuUser } from '../../tools/emulator/index.ts';
import { questionMarkdown } from '../../tools/fixtures/bank-markdown.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { buttonId, finalResponses, tempDir } from '../helpers/flows.ts';

const OTHER_GUILD = '100000000000000601';
const OTHER_CHANNEL = '100000000000000610';
const twoServers = {
  emulator: {
    guilds: [
      DEFAULT_GUILD,
      { id: OTHER_GUILD, name: 'Other server', channels: [{ id: OTHER_CHANNEL, name: 'general' }] },
    ],
  },
};

const FORM = {
  title: 'How would you validate a chest X-ray triage model before it goes live at our hospital?',
  topic: 'evaluation',
  difficulty: 'medium',
  keyPoints: [
    '- Test on a consecutive cohort from our own hospital, not an enriched set',
    '- Report sensitivity for urgent findings with confidence intervals',
    '- Run a silent trial before clinicians see the output',
  ].join('\n'),
  answer:
    'Validate it locally before anyone relies on it. Take a consecutive cohort of recent studies from our own scanners, label urgent findings with a reference standard the model never saw, and report sensitivity and specificity with confidence intervals at the operating point we will use. Then run it silently for some weeks next to the normal workflow, compare its flags with the reports and check the failure cases with radiologists before go-live.',
};

const text = (rs: EmuResponse[]) => JSON.stringify(rs.map((r) => r.data));

async function openForm(h: Harness, user: EmuUser, subcommand: string, options: Record<string, string> = {}) {
  const responses = await h.emu.slash({ user, name: 'bank', subcommand, options }).settled();
  return responses;
}

async function submitForm(h: Harness, user: EmuUser, customId: string, fields: Record<string, string>) {
  return finalResponses(h.emu.submitModal({ user, customId, fields }));
}

test('given an editor, when she adds a question, then it is asked in her server only, found by autocomplete, and exported in a form bank:check accepts', async (t) => {
  const h = await build(t, twoServers);
  const editor = h.user('editor', { admin: true });
  const [modal] = await openForm(h, editor, 'add');
  assert.equal(modal?.callbackType, 9, 'the form opens');
  const saved = (await submitForm(h, editor, modal!.data.custom_id, FORM)).at(-1)!;
  assert.equal(saved.ephemeral, true);
  const id = /`(srv\.[a-z0-9-]+)`/.exec(saved.data.content)?.[1];
  assert.equal(id, 'srv.how-would-you-validate-a-chest-x-ray-triage-model');

  const asked = (
    await finalResponses(h.emu.slash({ user: h.user('ann'), name: 'question', options: { id: id! } }))
  ).at(-1)!;
  assert.match(text([asked]), /validate a chest X-ray triage model/);
  const choices = await h.emu
    .autocomplete({ user: editor, name: 'question', options: { id: 'triage' }, focused: 'id' })
    .firstResponse();
  assert.ok(
    (choices.data.choices as { value: string }[]).some((c) => c.value === id),
    'autocomplete offers it',
  );
  const elsewhere = await h.emu
    .slash({
      user: h.user('bob'),
      name: 'question',
      options: { id: id! },
      guildId: OTHER_GUILD,
      channelId: OTHER_CHANNEL,
    })
    .settled();
  assert.match(text(elsewhere), /There is no question with id/);

  const exported = (
    await finalResponses(h.emu.slash({ user: editor, name: 'bank', subcommand: 'export' }))
  ).at(-1)!;
  const file = exported.message?.attachments?.find(
    (a: { filename: string }) => a.filename === 'server-questions.md',
  );
  assert.ok(file, 'the export is a file');
  const dir = tempDir(t, 'export-');
  mkdirSync(join(dir, 'bank'));
  copyFileSync('questions/topics.md', join(dir, 'bank', 'topics.md'));
  writeFileSync(join(dir, 'bank', 'server.md'), h.emu.attachmentData(file.id)!);
  const checked = await loadBank(join(dir, 'bank'));
  assert.deepEqual(checked.problems, []);
  assert.equal(checked.bank?.questions[0]?.title, FORM.title);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member without Manage Server or the editor role, when he tries to add, import, edit or approve, then he is refused privately and nothing is stored', async (t) => {
  const h = await build(t);
  const member = h.user('member');
  const refused = await openForm(h, member, 'add');
  assert.ok(
    refused.every((r) => r.callbackType !== 9),
    'no form for him',
  );
  assert.match(text(refused), /Only this server's editors can change its questions/);
  const forged = await h.emu.submitModal({ user: member, customId: 'bank-add', fields: FORM }).settled();
  assert.match(text(forged), /Only this server's editors/);
  assert.deepEqual(await h.bot.store.serverQuestions.listGuild(h.guildId), []);
  const queue = await h.emu.slash({ user: member, name: 'bank', subcommand: 'queue' }).settled();
  assert.match(text(queue), /Only this server's editors/);
});

test('given a form with too few key points and an unknown topic, when it is sent, then each problem is named by field, nothing is saved, and the retry reopens it filled in', async (t) => {
  const h = await build(t);
  const editor = h.user('editor', { admin: true });
  const [modal] = await openForm(h, editor, 'add');
  const bad = { ...FORM, topic: 'astrology', keyPoints: '- Only one point here\n- And a second one' };
  const reply = (await submitForm(h, editor, modal!.data.custom_id, bad)).at(-1)!;
  assert.match(reply.data.content, /Nothing was saved/);
  assert.match(reply.data.content, /Key points: 2 key points under "### Key points"; give 3-8/);
  assert.match(reply.data.content, /Topic: unknown topic "astrology"/);
  assert.deepEqual(await h.bot.store.serverQuestions.listGuild(h.guildId), []);
  const again = await h.emu
    .click({ user: editor, message: reply.message!, customId: buttonId(reply, 'Fix and send again') })
    .firstResponse();
  assert.equal(again.callbackType, 9);
  assert.match(JSON.stringify(again.data), /astrology/, 'what she typed is back in the form');
});

test('given a bank file, when an editor imports it, then its questions join the server; a malformed file gets line errors and changes nothing', async (t) => {
  const h = await build(t);
  const editor = h.user('editor', { admin: true });
  const good = [1, 2]
    .map((i) =>
      questionMarkdown({
        title: `Question number ${i}: how do you check a segmentation model on our own scans?`,
        id: `our-check-${i}`,
        topics: ['segmentation'],
        difficulty: 'medium',
        keyPoints: [
          { text: 'Compare with expert contours on a held-out set from our scanners', synonyms: [] },
          { text: 'Report Dice and a boundary distance per structure', synonyms: [] },
          { text: 'Look at the worst cases with the clinicians who use it', synonyms: [] },
        ],
        answer: FORM.answer,
      }),
    )
    .join('\n\n');
  const file = h.emu.uploadAttachment('ours.md', good);
  const imported = (
    await finalResponses(h.emu.slash({ user: editor, name: 'bank', subcommand: 'import', options: { file } }))
  ).at(-1)!;
  assert.match(imported.data.content, /Imported 2 questions: 2 new, 0 updated/);
  assert.equal((await h.bot.ctx.serverBank.list(h.guildId)).length, 2);

  const broken = h.emu.uploadAttachment('broken.md', `${good}\n\n## A question without anything\n`);
  const refused = (
    await finalResponses(
      h.emu.slash({ user: editor, name: 'bank', subcommand: 'import', options: { file: broken } }),
    )
  ).at(-1)!;
  assert.match(refused.data.content, /nothing was imported/);
  assert.match(refused.data.content, /\d+: missing id/);
  assert.equal((await h.bot.ctx.serverBank.list(h.guildId)).length, 2);
});

test('given a 1,000-question file, when it is imported, then the first response is a deferral (the 3-second rule does not wait on the import) and every question is stored', async (t) => {
  const h = await build(t);
  const editor = h.user('editor', { admin: true });
  const questions = Array.from({ length: 1000 }, (_, i) =>
    questionMarkdown({
      title: `Generated question ${i}: how would you evaluate model ${i} on local data?`,
      id: `generated-${i}`,
      topics: ['evaluation'],
      difficulty: 'hard',
      keyPoints: [
        { text: `Use a held-out local test set for model ${i}`, synonyms: [] },
        { text: 'Report sensitivity and specificity with intervals', synonyms: [] },
        { text: 'Check subgroups and failure cases', synonyms: [] },
      ],
      answer: FORM.answer,
    }),
  );
  const file = h.emu.uploadAttachment('thousand.md', questions.join('\n\n'));
  const ix = h.emu.slash({ user: editor, name: 'bank', subcommand: 'import', options: { file } });
  const responses = await finalResponses(ix, 60_000);
  assert.equal(responses[0]!.kind, 'callback');
  assert.equal(responses[0]!.callbackType, 5, 'the first response defers; the import answers in a follow-up');
  assert.match(responses.at(-1)!.data.content, /Imported 1000 questions: 1000 new/);
  assert.equal((await h.bot.store.serverQuestions.listGuild(h.guildId)).length, 1000);
  assert.deepEqual(h.emu.violations, [], 'every payload valid');
});

test('given a server question, when an editor edits then removes it, then members see the new text, then it is no longer asked but a pending answer still grades', async (t) => {
  const h = await build(t);
  const editor = h.user('editor', { admin: true });
  const [modal] = await openForm(h, editor, 'add');
  await submitForm(h, editor, modal!.data.custom_id, FORM);
  const id = 'srv.how-would-you-validate-a-chest-x-ray-triage-model';

  const [edit] = await openForm(h, editor, 'edit', { id });
  assert.equal(edit?.callbackType, 9);
  assert.match(JSON.stringify(edit!.data), /consecutive cohort/, 'the form is filled in');
  const edited = (
    await submitForm(h, editor, edit!.data.custom_id, {
      ...FORM,
      title: 'How would you validate a triage model locally?',
    })
  ).at(-1)!;
  assert.match(edited.data.content, /Saved `srv\.how-would-you-validate/);
  const asked = (await finalResponses(h.emu.slash({ user: editor, name: 'question', options: { id } }))).at(
    -1,
  )!;
  assert.match(text([asked]), /validate a triage model locally/);

  const ann = h.user('ann');
  const posted = await h.emu.slash({ user: ann, name: 'question', options: { id } }).firstResponse();
  const answerModal = await h.emu
    .click({ user: ann, message: posted.message!, customId: `answer:${id}` })
    .firstResponse();
  const feedback = (
    await finalResponses(
      h.emu.submitModal({
        user: ann,
        customId: answerModal.data.custom_id,
        fields: { text: FORM.answer },
        message: posted.message!,
      }),
    )
  ).at(-1)!;
  const removed = (
    await finalResponses(h.emu.slash({ user: editor, name: 'bank', subcommand: 'remove', options: { id } }))
  ).at(-1)!;
  assert.match(removed.data.content, /no longer asked/);
  assert.equal((await h.bot.ctx.serverBank.list(h.guildId)).length, 0);
  const graded = (
    await finalResponses(
      h.emu.click({ user: ann, message: feedback.message!, customId: buttonId(feedback, 'Nailed it') }),
    )
  ).at(-1)!;
  assert.match(graded.data.content, /Graded \*\*Nailed it\*\*/);
});

test('given a member suggestion, when an editor approves it from the queue, then it becomes a server question credited to the member; /forget-me removes her suggestions', async (t) => {
  const clock = new TestClock(new Date('2026-11-20T10:00:00Z'));
  const h = await build(t, { clock });
  const editor = h.user('editor', { admin: true });
  const sue = h.user('sue');
  const [modal] = await openForm(h, sue, 'suggest');
  assert.equal(modal?.callbackType, 9, 'any member may suggest');
  const thanks = (await submitForm(h, sue, modal!.data.custom_id, FORM)).at(-1)!;
  assert.match(thanks.data.content, /waiting for this server's editors/);
  clock.advance(60_000);
  const [second] = await openForm(h, sue, 'suggest');
  await submitForm(h, sue, second!.data.custom_id, {
    ...FORM,
    title: 'A second suggested question about triage validation?',
  });

  const queue = (await finalResponses(h.emu.slash({ user: editor, name: 'bank', subcommand: 'queue' }))).at(
    -1,
  )!;
  assert.match(text([queue]), /1 of 2 waiting/);
  assert.match(text([queue]), new RegExp(`Suggested by <@${sue.id}>`));
  const forged = await h.emu
    .click({ user: sue, message: queue.message!, customId: buttonId(queue, 'Approve') })
    .settled();
  assert.match(text(forged), /Only this server's editors/);
  const approved = (
    await finalResponses(
      h.emu.click({ user: editor, message: queue.message!, customId: buttonId(queue, 'Approve') }),
    )
  ).at(-1)!;
  assert.match(approved.data.content, /Approved `srv\.how-would-you-validate/);
  assert.match(text([approved]), /1 of 1 waiting/);
  const rejected = (
    await finalResponses(
      h.emu.click({ user: editor, message: approved.message!, customId: buttonId(approved, 'Reject') }),
    )
  ).at(-1)!;
  assert.match(rejected.data.content, /Rejected\. No suggestions are waiting/);
  assert.deepEqual(
    (await h.bot.store.suggestions.listGuild(h.guildId)).map((s) => s.state),
    ['approved', 'rejected'],
  );
  const asked = (
    await finalResponses(
      h.emu.slash({
        user: editor,
        name: 'question',
        options: { id: 'srv.how-would-you-validate-a-chest-x-ray-triage-model' },
      }),
    )
  ).at(-1)!;
  assert.match(text([asked]), new RegExp(`Suggested by <@${sue.id}>`));

  const prompt = await h.emu.slash({ user: sue, name: 'forget-me' }).firstResponse();
  await finalResponses(
    h.emu.click({ user: sue, message: prompt.message!, customId: buttonId(prompt, 'Delete my data') }),
  );
  assert.deepEqual(await h.bot.store.suggestions.listGuild(h.guildId), []);
  const after = (
    await finalResponses(
      h.emu.slash({
        user: editor,
        name: 'question',
        options: { id: 'srv.how-would-you-validate-a-chest-x-ray-triage-model' },
      }),
    )
  ).at(-1)!;
  assert.doesNotMatch(text([after]), /Suggested by/, 'the question stays, without her name');
});

test('given an editor role, when a member with it adds a question and the server takes its daily question from its own, then the preview is that question', async (t) => {
  const h = await build(t);
  const admin = h.user('admin', { admin: true });
  const roleId = DEFAULT_GUILD.roles![0]!.id;
  await finalResponses(
    h.emu.slash({ user: admin, name: 'bank', subcommand: 'editors', options: { role: roleId } }),
  );
  const helper = h.user('helper', { roles: [roleId] });
  const [modal] = await openForm(h, helper, 'add');
  assert.equal(modal?.callbackType, 9, 'the editor role opens the form');
  await submitForm(h, helper, modal!.data.custom_id, FORM);
  await finalResponses(
    h.emu.slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: '100000000000000011', time: '23:59', timezone: 'UTC', source: 'server' },
    }),
  );
  const preview = (
    await finalResponses(h.emu.slash({ user: admin, name: 'daily', subcommand: 'preview' }))
  ).at(-1)!;
  assert.match(text([preview]), /validate a chest X-ray triage model/);
});

test("given a member's report on a server question, then the server's editors see it in /bank reports and the shared bank's reports do not include it", async (t) => {
  const h = await build(t, { ownerIds: ['200000000000009999'] });
  const editor = h.user('editor', { admin: true });
  const [modal] = await openForm(h, editor, 'add');
  await submitForm(h, editor, modal!.data.custom_id, FORM);
  const id = 'srv.how-would-you-validate-a-chest-x-ray-triage-model';
  const ann = h.user('ann');
  const posted = await h.emu.slash({ user: ann, name: 'question', options: { id } }).firstResponse();
  const form = await h.emu
    .click({ user: ann, message: posted.message!, customId: `report:${id}` })
    .firstResponse();
  await finalResponses(
    h.emu.submitModal({
      user: ann,
      customId: form.data.custom_id,
      fields: { what: 'The answer should mention [prize](https://example.com) the reference standard.' },
      message: posted.message!,
    }),
  );
  const reports = (
    await finalResponses(h.emu.slash({ user: editor, name: 'bank', subcommand: 'reports' }))
  ).at(-1)!;
  assert.equal(reports.ephemeral, true);
  assert.match(reports.data.content, /srv\.how-would-you-validate/);
  assert.doesNotMatch(reports.data.content, /\]\(https:\/\//, "a member's words cannot hide a link");
  assert.deepEqual(await h.bot.ctx.reports.all(), [], 'not a shared-bank report');
  const member = await h.emu.slash({ user: h.user('member'), name: 'bank', subcommand: 'reports' }).settled();
  assert.match(text(member), /Only the bot's owners/);
});
