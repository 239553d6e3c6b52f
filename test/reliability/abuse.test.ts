// A hostile member of a busy server, end to end through the emulator on the real store: points
// cannot be farmed, nobody else's buttons can be pressed, logs keep no token or answer, /forget-me
// leaves no trace on disk, names cannot phish, and answer floods are turned away politely.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { ANSWERS_PER_MINUTE } from '../../src/app/practice.ts';
import { createLogger } from '../../src/logger.ts';
import { keys } from '../../src/store/keys.ts';
import { build, TestClock } from '../helpers/build.ts';
import { finalResponses } from '../helpers/flows.ts';
import { type AnswerRun, answerFlow, answerText, pressGrade } from './helpers.ts';

const NOON = new Date('2026-11-27T12:00:00Z');
const DAY = 24 * 3600_000;

test('given one question answered 3 times on each of two days, when the answers are graded "Nailed it" alternately, then the member earns 6 points, not 18', async (t) => {
  const clock = new TestClock(NOON);
  const h = await build(t, { clock });
  const mallory = h.user('mallory');
  const runs: AnswerRun[][] = [[], []];
  for (const day of [0, 1]) {
    for (let i = 0; i < 3; i++) {
      runs[day]!.push(await answerFlow(h.emu, mallory, 'dicom-basics', answerText(`farm-${day}-${i}`)));
    }
    clock.advance(DAY);
  }
  for (let i = 0; i < 3; i++) {
    for (const day of [0, 1])
      assert.equal(await pressGrade(h.emu, mallory, runs[day]![i]!.buttons, 'n'), 'applied');
  }
  const user = await h.bot.ctx.practice.getUser(h.guildId, mallory.id);
  assert.equal(user?.points, 6);
  await h.restart();
  const board = await h.emu.slash({ user: mallory, name: 'leaderboard' }).firstResponse();
  assert.match(String(board.data.embeds?.[0]?.description), /mallory: 6 points/);
});

test('given an answer, when its owner opens Show answer and then grades, then the grade earns nothing and the reply says why', async (t) => {
  const h = await build(t, { clock: new TestClock(NOON) });
  const uma = h.user('uma');
  const run = await answerFlow(h.emu, uma, 'dicom-basics', answerText('reveal'));
  const posted = await h.emu
    .slash({ user: uma, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  await h.emu.click({ user: uma, message: posted.message!, customId: 'show:dicom-basics' }).settled();
  const press = h.emu.click({ user: uma, message: run.buttons.message, customId: run.buttons.ids.n });
  const reply = (await finalResponses(press)).at(-1)!;
  assert.match(
    String(reply.data.content),
    /no points \(you opened the model answer that day before grading\)/,
  );
  assert.equal((await h.bot.ctx.practice.getUser(h.guildId, uma.id))?.points, 0);
});

test("given a public leaderboard with two pages, when another member presses its Next, then the owner's message is unchanged and the presser gets the page privately", async (t) => {
  const h = await build(t, { clock: new TestClock(NOON) });
  for (let i = 0; i < 11; i++) {
    const member = h.user(`m${String(i).padStart(2, '0')}`);
    await pressGrade(
      h.emu,
      member,
      (await answerFlow(h.emu, member, 'dicom-basics', answerText(`lb${i}`))).buttons,
      'n',
    );
  }
  const owner = h.user('owner');
  const board = await h.emu.slash({ user: owner, name: 'leaderboard' }).firstResponse();
  const next = (
    board.data.components as { components: { custom_id: string; label: string }[] }[]
  )[0]!.components.find((c) => c.label === 'Next')!;
  const before = structuredClone(h.emu.messages().find((m) => m.id === board.message!.id)!);
  const stranger = h.user('stranger');
  const press = await h.emu
    .click({ user: stranger, message: board.message!, customId: next.custom_id })
    .settled();
  assert.equal(press.length, 1);
  assert.equal(press[0]!.ephemeral, true, 'a private copy, not an update');
  assert.equal(press[0]!.callbackType, 4);
  assert.match(
    String(press[0]!.data.embeds?.[0]?.footer?.text),
    /stranger: not on this board yet · page 2 of 2/,
  );
  assert.deepEqual(
    h.emu.messages().find((m) => m.id === board.message!.id),
    before,
  );
  // The owner's own press still turns the page in place.
  const own = await h.emu
    .click({ user: owner, message: board.message!, customId: next.custom_id })
    .firstResponse();
  assert.equal(own.callbackType, 7);
  assert.deepEqual(h.emu.violations, []);
});

test("given Discord refuses the bot's reply to an answer, when the failure is logged, then the log holds neither the interaction token nor the answer text", async (t) => {
  let log = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk);
      done();
    },
  });
  const h = await build(t, { clock: new TestClock(NOON), logger: createLogger('debug', sink) });
  const canary = 'canary-7f3a9c-my-private-answer';
  const uma = h.user('uma');
  const posted = await h.emu
    .slash({ user: uma, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  await h.emu.click({ user: uma, message: posted.message!, customId: 'answer:dicom-basics' }).firstResponse();
  h.emu.injectFault({
    method: 'POST',
    path: /\/interactions\/\d+\/[^/]+\/callback/,
    status: 400,
    code: 50035,
    times: 1,
  });
  const submit = h.emu.submitModal({
    user: uma,
    customId: 'answer:dicom-basics',
    fields: { text: answerText(canary) },
    message: posted.message!,
  });
  await submit.settled();
  assert.match(log, /interaction failed/, 'the failure was logged');
  assert.match(log, /"status":400/);
  assert.doesNotMatch(log, new RegExp(canary), 'no answer text');
  assert.doesNotMatch(log, new RegExp(submit.token), 'no interaction token');
  assert.doesNotMatch(log, /requestBody/);
});

test('given a member with graded answers holding a canary, when they confirm /forget-me, then no byte of the canary is left in the database files, which are private', async (t) => {
  const h = await build(t, { clock: new TestClock(NOON) });
  const canary = 'canaryZQXJ8841secretanswertext';
  const carol = h.user('carol');
  for (const [i, q] of ['dicom-basics', 'ct-hounsfield-units'].entries()) {
    const run = await answerFlow(h.emu, carol, q, answerText(`${canary}-${i}`));
    await pressGrade(h.emu, carol, run.buttons, 'n');
  }
  const files = () => readdirSync(h.dir).filter((f) => f.startsWith('bot.sqlite'));
  const holds = () => files().filter((f) => readFileSync(join(h.dir, f)).includes(canary));
  assert.notDeepEqual(holds(), [], 'the canary is on disk before');
  const prompt = await h.emu.slash({ user: carol, name: 'forget-me' }).firstResponse();
  const done = await h.emu
    .click({ user: carol, message: prompt.message!, customId: `forget:${carol.id}` })
    .settled();
  assert.match(String(done.at(-1)?.data.content), /deleted 2 answers/);
  assert.deepEqual(holds(), [], 'no database file holds the canary after');
  for (const f of files()) assert.equal(statSync(join(h.dir, f)).mode & 0o077, 0, `${f} is private`);
});

test('given a member whose display name is a masked link, when the leaderboard and /stats show it, then it is shown as text, never as a link', async (t) => {
  const h = await build(t, { clock: new TestClock(NOON) });
  const phisher = h.user('phisher', { globalName: '[Free Nitro](https://evil.example/x)' });
  await pressGrade(
    h.emu,
    phisher,
    (await answerFlow(h.emu, phisher, 'dicom-basics', answerText('p'))).buttons,
    'n',
  );
  const viewer = h.user('viewer');
  const board = await h.emu.slash({ user: viewer, name: 'leaderboard' }).firstResponse();
  const description = String(board.data.embeds?.[0]?.description);
  // The bracket is escaped (no masked link) and the scheme broken (no bare link).
  assert.match(description, /\\\[Free Nitro\]\(https:\u200B\/\/evil\.example\/x\)/);
  assert.doesNotMatch(description, /\]\(https:\/\//);
  const stats = await finalResponses(
    h.emu.slash({ user: viewer, name: 'stats', options: { user: phisher.id } }),
  );
  const shown = JSON.stringify(stats.at(-1)!.data);
  assert.doesNotMatch(shown, /\]\(https:\/\//);
  assert.doesNotMatch(shown, /https:\/\/evil/);
});

test(`given a member sending answers fast, when the ${ANSWERS_PER_MINUTE + 1}th arrives within a minute, then it is refused politely and nothing is stored, and a minute later answers are taken again`, async (t) => {
  const clock = new TestClock(NOON);
  const h = await build(t, { clock });
  const bot = h.user('scripted');
  const posted = await h.emu
    .slash({ user: bot, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  const submit = async (i: number) =>
    (
      await finalResponses(
        h.emu.submitModal({
          user: bot,
          customId: 'answer:dicom-basics',
          fields: { text: answerText(`flood-${i}`) },
          message: posted.message!,
        }),
      )
    ).at(-1)!;
  for (let i = 0; i < ANSWERS_PER_MINUTE; i++) {
    assert.match(JSON.stringify((await submit(i)).data), /Saved\./);
    clock.advance(1000);
  }
  const refused = await submit(99);
  assert.equal(refused.ephemeral, true);
  assert.match(
    String(refused.data.content),
    /the most the bot takes[\s\S]*try again in \d+ seconds[\s\S]*not saved/,
  );
  assert.equal((await h.bot.ctx.practice.getUser(h.guildId, bot.id))?.answers, ANSWERS_PER_MINUTE);
  clock.advance(60_000);
  assert.match(JSON.stringify((await submit(100)).data), /Saved\./);
  assert.ok(await h.store.keyv.get(keys.user(h.guildId, bot.id)));
});
