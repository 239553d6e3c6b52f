// "Report a problem": members tell the bank's maintainers what is wrong with a question; the bot's
// owners list the reports, the maintainers get them as file:line items; /forget-me removes them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { type TestContext, test } from 'node:test';
import type { EmuResponse, EmuUser } from '../../tools/emulator/index.ts';
import { build, type Harness } from '../helpers/build.ts';
import { buttonId, finalResponses } from '../helpers/flows.ts';

const APP_OWNER = { id: '100000000000000099', username: 'owner' };

async function report(h: Harness, user: EmuUser, posted: EmuResponse, text: string) {
  const modal = await h.emu
    .click({ user, message: posted.message!, customId: buttonId(posted, 'Report a problem') })
    .firstResponse();
  assert.equal(modal.callbackType, 9, 'the button opens a form');
  return (
    await finalResponses(
      h.emu.submitModal({
        user,
        customId: modal.data.custom_id,
        fields: { what: text },
        message: posted.message!,
      }),
    )
  ).at(-1)!;
}

/** Erin reads `dicom-basics` (each test builds its own). */
async function givenAQuestion(t: TestContext) {
  const h = await build(t);
  const erin = h.user('erin');
  const posted = await h.emu
    .slash({ user: erin, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  return { h, erin, posted };
}

const FIRST_REPORT = 'The answer should mention DICOMweb as well as DIMSE.';

/** Erin has reported three problems with `dicom-basics` today, the day's limit. */
async function givenThreeReports(t: TestContext) {
  const given = await givenAQuestion(t);
  const { h, erin, posted } = given;
  await report(h, erin, posted, FIRST_REPORT);
  await report(h, erin, posted, 'Second report about the key points wording.');
  await report(h, erin, posted, 'Third report about the hierarchy paragraph.');
  assert.equal((await h.store.scan(`rep:${erin.id}:`)).length, 3);
  return given;
}

test('given a member reading a question, when she reports a problem, then it is stored for the maintainers and she is thanked privately', async (t) => {
  const { h, erin, posted } = await givenAQuestion(t);
  const reply = await report(h, erin, posted, FIRST_REPORT);
  assert.equal(reply.ephemeral, true);
  assert.match(reply.data.content, /Thank you: your report on `dicom-basics` is stored/);
  const stored = await h.store.scan(`rep:${erin.id}:`);
  assert.equal(stored.length, 1);
  assert.match(JSON.stringify(stored[0]!.value), /"source":\{"file":"[^"]*03-formats\.md","line":\d+\}/);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member reading a question, when her report is too short, then nothing is stored and she is told why', async (t) => {
  const { h, erin, posted } = await givenAQuestion(t);
  const reply = await report(h, erin, posted, 'wrong     ');
  assert.match(reply.data.content, /at least 10 characters/);
  assert.deepEqual(await h.store.scan(`rep:${erin.id}:`), []);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member with three reports today, when she sends a fourth, then it is refused', async (t) => {
  const { h, erin, posted } = await givenThreeReports(t);
  const fourth = await report(h, erin, posted, 'Fourth report about anything else at all.');
  assert.match(fourth.data.content, /3 reports today/);
  assert.equal((await h.store.scan(`rep:${erin.id}:`)).length, 3);
  assert.deepEqual(h.emu.violations, []);
});

test('given a member reading a question, when she shows the model answer, then it carries the report button too', async (t) => {
  const { h, erin, posted } = await givenAQuestion(t);
  const shown = (
    await finalResponses(h.emu.click({ user: erin, message: posted.message!, customId: 'show:dicom-basics' }))
  ).at(-1)!;
  assert.ok(buttonId(shown, 'Report a problem').startsWith('report:'));
  assert.deepEqual(h.emu.violations, []);
});

test("given three reports, when the application's owner runs /bank reports, then the newest are listed with file:line; a member is refused", async (t) => {
  const { h, erin } = await givenThreeReports(t);
  const listed = (
    await finalResponses(h.emu.slash({ user: APP_OWNER, name: 'bank', subcommand: 'reports' }))
  ).at(-1)!;
  const text = JSON.stringify(listed.data.embeds);
  assert.match(text, /the newest 3 of 3/);
  assert.match(text, /03-formats\.md:\d+/);
  assert.match(text, /DICOMweb as well as DIMSE/);
  const refused = (await finalResponses(h.emu.slash({ user: erin, name: 'bank', subcommand: 'reports' }))).at(
    -1,
  )!;
  assert.match(refused.data.content, /Only the bot's owners/);
  assert.deepEqual(h.emu.violations, []);
});

test('given three reports, when a maintainer runs npm run bank:reports, then each report is a file:line item', async (t) => {
  const { h } = await givenThreeReports(t);
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/reports-cli.ts'], {
    env: { ...process.env, DATABASE_URL: h.dbUrl, QUESTIONS_DIR: 'questions' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(
    lines.some((l) =>
      /^questions\/03-formats\.md:\d+: \[dicom-basics\] The answer should mention DICOMweb as well as DIMSE\. \(reported .*; unchanged since\)$/.test(
        l,
      ),
    ),
    out.stdout,
  );
});

test('given a member with reports, when she runs /forget-me, then her reports are gone too', async (t) => {
  const { h, erin } = await givenThreeReports(t);
  const prompt = await h.emu.slash({ user: erin, name: 'forget-me' }).firstResponse();
  const done = await finalResponses(
    h.emu.click({ user: erin, message: prompt.message!, customId: buttonId(prompt, 'Delete my data') }),
  );
  assert.match(done.at(-1)!.data.content, /deleted/);
  assert.deepEqual(await h.store.scan(`rep:${erin.id}:`), []);
  assert.deepEqual(h.emu.violations, []);
});
