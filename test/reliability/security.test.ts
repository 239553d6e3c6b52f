// Security promises: admin commands are checked on the server, the token never reaches a log line,
// one member cannot read or grade another's answers, and /forget-me leaves nothing behind.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { NAMESPACE, openStore, TABLE } from '../../src/store/open.ts';
import { type EmuUser, Perm, startEmulator } from '../../tools/emulator/index.ts';
import { build, type Harness } from '../helpers/build.ts';
import { finalResponses } from '../helpers/flows.ts';
import {
  answerFlow,
  answerText,
  botEnv,
  DAILY_CHANNEL,
  figures,
  pressGrade,
  rawRows,
  sleep,
  spawnBot,
  waitUntilServing,
} from './helpers.ts';

const rawMentioning = async (h: Harness, id: string) =>
  (await h.store.query(
    `SELECT key, value FROM ${TABLE} WHERE key LIKE ? OR value LIKE ?`,
    `%${id}%`,
    `%${id}%`,
  )) as { key: string; value: string }[];

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

test('given members without Manage Server, when they dispatch /daily set|off|status|preview anyway, then every one is refused on the server and nothing is stored', async (t) => {
  const h = await build(t);
  const registered = (
    h.emu.registeredCommands() as { name: string; default_member_permissions?: string }[]
  ).find((c) => c.name === 'daily');
  await t.test(
    "then /daily is registered for everyone (its archive is for all members): the check is the server's",
    () => {
      assert.ok(registered, '/daily is registered');
      assert.equal(registered.default_member_permissions ?? null, null);
    },
  );
  const members: EmuUser[] = [
    h.user('member'),
    h.user('moderator', {
      permissions:
        Perm.ViewChannel |
        Perm.SendMessages |
        Perm.UseApplicationCommands |
        Perm.ManageChannels |
        Perm.ManageMessages |
        Perm.MentionEveryone,
    }),
  ];
  const subcommands: [string, Record<string, string>][] = [
    ['set', { channel: DAILY_CHANNEL, time: '00:00', timezone: 'UTC' }],
    ['off', {}],
    ['status', {}],
    ['preview', {}],
  ];
  for (const user of members) {
    for (const [sub, options] of subcommands) {
      await t.test(`when ${user.username} runs /daily ${sub}, then it is refused ephemerally`, async () => {
        const reply = await h.emu.slash({ user, name: 'daily', subcommand: sub, options }).firstResponse();
        assert.equal(reply.ephemeral, true);
        assert.match(String(reply.data.content), /Manage Server/);
      });
    }
  }
  await t.test('then no schedule, post or guild record exists and nothing was posted', async () => {
    const rows = await rawRows(h.store);
    assert.deepEqual(
      rows.filter((r) => r.key.startsWith(`g:${h.guildId}:`)).map((r) => r.key),
      [],
    );
    assert.equal(h.bot.scheduler.taskCount, 0);
    assert.deepEqual(h.emu.messages(DAILY_CHANNEL), []);
  });
  await t.test(
    'when a member with Manage Server runs /daily status, then it is allowed (the control)',
    async () => {
      const admin = h.user('admin', { admin: true });
      const reply = await h.emu.slash({ user: admin, name: 'daily', subcommand: 'status' }).firstResponse();
      assert.match(String(reply.data.content), /No daily question is scheduled/);
    },
  );
  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});

test('given npm start with a distinctive token at LOG_LEVEL=trace, when a session runs through errors, then the token appears in no log line or error', async (t) => {
  const token = `Rel1abil1ty.${randomBytes(12).toString('hex')}.${randomBytes(8).toString('base64url')}`;
  const wrongToken = `Wr0ngT0ken.${randomBytes(12).toString('hex')}`;
  const secrets = [token, token.split('.')[1]!, token.split('.')[2]!, wrongToken, wrongToken.split('.')[1]!];
  const emu = await startEmulator({ token });
  const dir = mkdtempSync(join(tmpdir(), 'bot-token-'));
  const dbFile = join(dir, 'bot.sqlite');
  const bot = spawnBot(botEnv(emu, dbFile, 'trace'));
  t.after(async () => {
    bot.child.kill('SIGKILL');
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const alice: EmuUser = { id: '230000000000000001', username: 'alice' };
  const admin: EmuUser = { id: '230000000000000002', username: 'admin', admin: true };
  await waitUntilServing(emu, alice, { exited: bot.exited });

  // A normal answer and grade.
  const run = await answerFlow(emu, alice, 'dicom-basics', answerText('token-1'));
  await pressGrade(emu, alice, run.buttons, 'n');
  // A refused interaction (UserError path).
  await emu
    .click({ user: alice, message: run.buttons.message, customId: 'grade:not-mine:n' })
    .firstResponse();
  // A reply Discord keeps refusing: discord.js gives up, the router logs the error object.
  emu.injectFault({ method: 'POST', path: /\/callback$/, status: 500, times: 4 });
  await emu.slash({ user: alice, name: 'help' }).firstResponse(10_000);
  // A channel post that fails with 500 on every retry (the daily service logs the REST error).
  emu.injectFault({
    method: 'POST',
    path: new RegExp(`/channels/${DAILY_CHANNEL}/messages$`),
    status: 500,
    times: 8,
  });
  // A time already passed today (UTC), so /daily set posts at once; 00:00 in the first minutes of a day.
  const now = new Date();
  const past = new Date(
    Math.max(now.getTime() - 120_000, Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())),
  );
  const time = `${String(past.getUTCHours()).padStart(2, '0')}:${String(past.getUTCMinutes()).padStart(2, '0')}`;
  await emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time, timezone: 'UTC' },
    })
    .settled(500);
  await until(() => /daily post failed|will retry/.test(bot.output()), 15_000);
  // The gateway drops and resumes.
  emu.dropGateway(4000);
  await waitUntilServing(emu, alice, { exited: bot.exited });
  // The store refuses a write: another connection holds the write lock past the busy timeout.
  const blocker = await openStore(`sqlite://${dbFile}`);
  await blocker.query('BEGIN EXCLUSIVE');
  const locked = emu.submitModal({
    user: alice,
    customId: 'answer:ct-hounsfield-units',
    fields: { text: answerText('token-2') },
  });
  await locked.waitFor((r) => /went wrong/.test(String(r.data?.content)), 15_000);
  await blocker.query('ROLLBACK');
  await blocker.close();
  bot.child.kill('SIGTERM');
  const exit = await bot.exited;
  await sleep(50);

  // A second process with a token Discord rejects: the startup error path.
  const wrong = spawnBot({ ...botEnv(emu, join(dir, 'other.sqlite'), 'trace'), DISCORD_TOKEN: wrongToken });
  const wrongExit = await wrong.exited;

  const output = bot.output();
  if (process.env.DUMP) console.log(output);
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  figures('security', {
    logLines: lines.length + wrong.output().split('\n').length,
    secretsChecked: secrets.length,
  });
  await t.test('then the session really logged at trace level, including the error paths', () => {
    assert.equal(exit.code, 0);
    assert.match(output, /"msg":"bot ready"/);
    assert.match(output, /"msg":"interaction refused"/);
    assert.match(output, /"msg":"interaction failed"/);
    assert.match(output, /SQLITE_BUSY/);
    assert.match(output, /daily post failed|will retry/);
    assert.match(output, /gateway (disconnected|resumed)/);
    assert.equal(wrongExit.code, 1);
    assert.match(wrong.output(), /DISCORD_TOKEN/);
  });
  await t.test('then neither token nor any distinctive part of one appears in stdout or stderr', () => {
    for (const secret of secrets) {
      assert.equal(output.includes(secret), false, 'the running bot printed a secret');
      assert.equal(wrong.output().includes(secret), false, 'the failed start printed a secret');
    }
  });
  await t.test('then no Authorization header was logged', () => {
    assert.doesNotMatch(output, /"authorization":"Bot /i);
  });
});

test("given two members, when one forges clicks on the other's answer, then it is refused and the other's data is unchanged", async (t) => {
  const h = await build(t);
  const alice = h.user('alice');
  const bob = h.user('bob');
  const run = await answerFlow(h.emu, alice, 'dicom-basics', answerText('alice-secret-answer'));
  const bobRun = await answerFlow(h.emu, bob, 'ct-hounsfield-units', answerText('bob-own-answer'));
  const aliceRows = async () => (await rawRows(h.store)).filter((r) => r.key.includes(alice.id));
  const before = await aliceRows();

  await t.test(
    "when bob presses alice's grade button (on his own message and on hers), then both are refused",
    async () => {
      // On his own message the press reaches the grade, which only ever looks in bob's records; on
      // hers it is refused before anything runs.
      for (const [message, expect] of [
        [bobRun.buttons.message, /no longer stored/],
        [run.buttons.message, /isn't yours/],
      ] as const) {
        for (const id of Object.values(run.buttons.ids)) {
          const first = await h.emu.click({ user: bob, message, customId: id }).firstResponse();
          assert.equal(first.ephemeral, true);
          assert.match(String(first.data.content), expect);
        }
      }
    },
  );
  await t.test("when bob forges alice's /forget-me confirmation, then it is refused", async () => {
    const first = await h.emu
      .click({ user: bob, message: run.buttons.message, customId: `forget:${alice.id}` })
      .firstResponse();
    assert.equal(first.ephemeral, true);
    assert.match(String(first.data.content), /isn't yours/);
  });
  await t.test("when bob looks at alice's stats, then her answer texts are not shown", async () => {
    const stats = await finalResponses(
      h.emu.slash({ user: bob, name: 'stats', options: { user: alice.id } }),
    );
    // Her stats must arrive (an empty reply would pass a "does not match" alone).
    const fields = stats.at(-1)!.data.embeds[0].fields as { name: string; value: string }[];
    assert.equal(fields.find((f) => f.name === 'Answers')?.value, '1');
    assert.doesNotMatch(JSON.stringify(stats.map((r) => r.data)), /alice-secret-answer/);
  });
  await t.test("then alice's records are byte-for-byte unchanged and her answer still ungraded", async () => {
    assert.deepEqual(await aliceRows(), before);
    assert.equal(await pressGrade(h.emu, alice, run.buttons, 'p'), 'applied');
    const user = await h.bot.ctx.practice.getUser(h.guildId, alice.id);
    assert.equal(user?.points, 2);
  });
  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});

test('given a member with answers, grades, a revealed answer, an orphan answer and a leaderboard entry, when they confirm /forget-me, then no key or value in the store mentions them', async (t) => {
  const h = await build(t);
  const carol = h.user('carol');
  const dave = h.user('dave');
  const a1 = await answerFlow(h.emu, carol, 'dicom-basics', answerText('carol-1'));
  await pressGrade(h.emu, carol, a1.buttons, 'n');
  const a2 = await answerFlow(h.emu, carol, 'ct-hounsfield-units', answerText('carol-2'));
  await pressGrade(h.emu, carol, a2.buttons, 'm');
  await answerFlow(h.emu, carol, 'what-is-medical-imaging', answerText('carol-3'));
  const posted = await h.emu
    .slash({ user: carol, name: 'question', options: { id: 'mammography-basics' } })
    .firstResponse();
  await h.emu.click({ user: carol, message: posted.message!, customId: 'show:mammography-basics' }).settled();
  // An orphan answer record, as a crash between the answer and user writes leaves one.
  await h.store.keyv.set(keys.answer(h.guildId, carol.id, 'orphan0000000000'), {
    ...(await h.bot.store.answers.get(h.guildId, carol.id, a1.buttons.answerId))!,
    id: 'orphan0000000000',
  });
  const d1 = await answerFlow(h.emu, dave, 'dicom-basics', answerText('dave-1'));
  await pressGrade(h.emu, dave, d1.buttons, 'n');
  const board = await h.emu.slash({ user: carol, name: 'leaderboard' }).settled();
  assert.match(JSON.stringify(board.at(-1)?.data.embeds), /carol/);
  const daveBefore = (await rawRows(h.store)).filter((r) => r.key.includes(dave.id));
  assert.ok((await rawMentioning(h, carol.id)).length >= 5, 'carol is all over the store before');

  const prompt = await h.emu.slash({ user: carol, name: 'forget-me' }).firstResponse();
  assert.equal(prompt.ephemeral, true);
  const done = await h.emu
    .click({ user: carol, message: prompt.message!, customId: `forget:${carol.id}` })
    .settled();
  await t.test('then the confirmation counts every answer, orphans included', () => {
    assert.match(String(done.at(-1)?.data.content), /deleted 4 answers/);
  });
  await t.test('then a raw SQL scan of every key and value finds nothing mentioning her id', async () => {
    const left = await rawMentioning(h, carol.id);
    assert.deepEqual(
      left.map((r) => r.key),
      [],
    );
    const namespaced = (await h.store.query(
      `SELECT key FROM ${TABLE} WHERE key NOT LIKE ?`,
      `${NAMESPACE}:%`,
    )) as unknown[];
    assert.deepEqual(namespaced, [], 'no key outside the namespace either');
  });
  await t.test('then her display name is gone from the leaderboard, also after a restart', async () => {
    await h.restart();
    // The board itself must arrive (an empty or missing reply would pass a "does not match" alone).
    const after = (await finalResponses(h.emu.slash({ user: dave, name: 'leaderboard' }))).at(-1)!;
    const description = String(after.data.embeds?.[0]?.description);
    assert.match(description, /\*\*1\.\*\* dave: 3 points/);
    assert.doesNotMatch(JSON.stringify(after.data), /carol/);
  });
  await t.test("then dave's data is untouched", async () => {
    assert.deepEqual(
      (await rawRows(h.store)).filter((r) => r.key.includes(dave.id)),
      daveBefore,
    );
  });
  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});
