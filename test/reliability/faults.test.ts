// Faults of the world around the bot, injected one at a time into the in-process bot (build(t)):
// Discord's REST failing (500, 429 + Retry-After, 403, 404, slow), the gateway dropping, and the
// SQLite store failing writes through its real path. In every case: the user gets a clear answer or
// a clear ephemeral error, nothing is half-counted, and once the fault clears everything works.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { NAMESPACE, openStore, TABLE } from '../../src/store/open.ts';
import type { EmuUser, InteractionHandle } from '../../tools/emulator/index.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { failWrites } from '../helpers/fail-writes.ts';
import { audit, type Ledger } from './audit.ts';
import {
  answerFlow,
  answerText,
  DAILY_CHANNEL,
  figures,
  type GradeCode,
  gradeOutcome,
  isCallback,
  pressGrade,
  rawRows,
  savedResponse,
  waitResponse,
} from './helpers.ts';

/** 2026-11-27 10:00 in Berlin: a morning on which a 09:00 daily post is due. */
const MORNING = new Date('2026-11-27T09:00:00Z');
const GENERIC_FAILURE = /Something went wrong on our side/;
let faultsSurvived = 0;

/** A user's practice history as the audit wants it. */
class Practice {
  readonly ledger: Ledger;
  private n = 0;
  constructor(
    private readonly h: Harness,
    readonly user: EmuUser,
  ) {
    this.ledger = { userId: user.id, attempts: [], presses: [] };
  }

  /** Answers `questionId` and grades it; returns the responses of both steps. */
  async answerAndGrade(questionId: string, code: GradeCode = 'n') {
    const nonce = `${this.user.id}-${++this.n}`;
    let submit: InteractionHandle | undefined;
    const run = await answerFlow(this.h.emu, this.user, questionId, answerText(nonce), {
      onSubmit: (s) => {
        submit = s;
      },
    });
    this.ledger.attempts.push({ nonce, acked: savedResponse(submit!.responses) !== undefined });
    let press: InteractionHandle | undefined;
    const outcome = await pressGrade(this.h.emu, this.user, run.buttons, code, {
      onPress: (p) => {
        press = p;
      },
    });
    this.ledger.presses.push({ answerId: run.buttons.answerId, code, acked: true });
    return { run, outcome, submit: submit!, press: press! };
  }

  async audit() {
    return audit(await rawRows(this.h.store), this.h.guildId, [this.ledger]);
  }
}

const admin = (h: Harness) => h.user('admin', { admin: true });

async function setDaily(h: Harness) {
  const reply = await h.emu
    .slash({
      user: admin(h),
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time: '09:00', timezone: 'Europe/Berlin' },
    })
    .firstResponse();
  assert.match(reply.data.content, /Daily question set/);
}

async function dailyStatus(h: Harness): Promise<string> {
  const r = await h.emu.slash({ user: admin(h), name: 'daily', subcommand: 'status' }).firstResponse();
  assert.equal(r.ephemeral, true);
  return String(r.data.content);
}

const noViolations = (h: Harness) => assert.deepEqual(h.emu.violations, []);

// -------------------------------------------------------------------------------------------------
// REST: interaction callbacks and follow-ups

test('given Discord answers 500 on interaction callbacks, when a user answers and grades, then the retries land once and nothing is double-counted', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('rest500'));
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 500, times: 2 });
  const first = await p.answerAndGrade('dicom-basics', 'n');
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 502, times: 1 });
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 503, times: 1 });
  await p.answerAndGrade('ct-hounsfield-units', 'p');
  assert.equal(first.outcome, 'applied');
  const failed = h.emu.requests.filter((r) => r.path.endsWith('/callback') && r.status >= 500);
  assert.equal(failed.length, 4, 'every injected 5xx was hit');
  assert.equal(first.submit.responses.filter(isCallback).length, 1, 'one accepted callback per interaction');
  const result = await p.audit();
  assert.deepEqual(result.problems, []);
  const user = await h.bot.ctx.practice.getUser(h.guildId, p.user.id);
  assert.equal(user?.points, 5);
  noViolations(h);
  faultsSurvived += 4;
});

test('given Discord rate-limits interaction callbacks with 429 and Retry-After, when users act, then the bot waits and still answers inside 3 s', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('rest429'));
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 429, retryAfterSec: 1, times: 1 });
  const { submit, press } = await p.answerAndGrade('dicom-basics', 'm');
  // Read from the emulator's own request log: the retry came at least Retry-After after the 429
  // was answered (a lower bound: a slow machine only makes the gap longer).
  const callbacks = h.emu.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/callback'));
  const limited = callbacks.findIndex((r) => r.status === 429);
  const refused = callbacks[limited]!;
  const retry = callbacks[limited + 1]!;
  assert.ok(retry, 'the refused callback was sent again');
  assert.ok(retry.at - (refused.at + (refused.durationMs ?? 0)) >= 990, 'Retry-After (1 s) was honoured');
  for (const handle of [submit, press]) {
    const first = await handle.firstResponse(1);
    assert.ok(first.latencyMs < 3000, `first response after ${first.latencyMs} ms`);
  }
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 429, retryAfterSec: 0.5, times: 2 });
  await p.answerAndGrade('ct-hounsfield-units', 'n');
  assert.deepEqual((await p.audit()).problems, []);
  noViolations(h);
  faultsSurvived += 3;
});

test('given 500 and 429 on the interaction webhook, when a deferred reply is edited in, then it arrives once', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('webhook'));
  await p.answerAndGrade('dicom-basics', 'n');
  // /stats always acknowledges first and edits its reply in through the webhook.
  h.emu.injectFault({ method: 'PATCH', path: /^\/webhooks\/.*\/@original$/, status: 500, times: 2 });
  const isEdit = (r: { kind: string }) => r.kind === 'edit';
  const first = h.emu.slash({ user: p.user, name: 'stats' });
  assert.match(JSON.stringify((await first.waitFor(isEdit, 10_000)).data.embeds), /Answers/);
  h.emu.injectFault({
    method: 'PATCH',
    path: /^\/webhooks\/.*\/@original$/,
    status: 429,
    retryAfterSec: 0.5,
    times: 1,
  });
  const again = h.emu.slash({ user: p.user, name: 'stats' });
  await again.waitFor(isEdit, 10_000);
  await again.settled(700);
  await first.settled(700);
  assert.equal(first.responses.filter(isEdit).length, 1);
  assert.equal(again.responses.filter(isEdit).length, 1);
  noViolations(h);
  faultsSurvived += 3;
});

test('given every retry of the reply to an answer fails, when the user submits, then the bot keeps serving and the answer counts at most once', async (t) => {
  const h = await build(t);
  const user = h.user('lostreply');
  const posted = await h.emu
    .slash({ user, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  const modal = await h.emu
    .click({ user, message: posted.message!, customId: 'answer:dicom-basics' })
    .firstResponse();
  // discord.js retries a 5xx three times: four failures exhaust it; the router's error reply is the fifth.
  h.emu.injectFault({ method: 'POST', path: /\/callback$/, status: 500, times: 4 });
  const submit = h.emu.submitModal({
    user,
    customId: String(modal.data.custom_id),
    fields: { text: answerText(`${user.id}-lost`) },
    message: posted.message!,
  });
  const told = await submit.firstResponse(10_000);
  const p = new Practice(h, user);
  p.ledger.attempts.push({ nonce: `${user.id}-lost`, acked: savedResponse(submit.responses) !== undefined });

  await t.test('then the user gets an ephemeral error instead of silence', () => {
    assert.equal(told.ephemeral, true);
    assert.match(String(told.data.content), GENERIC_FAILURE);
  });
  await t.test(
    'then the error does not claim that nothing was saved when the answer was stored (BUG-4)',
    async () => {
      // The answer commits before the reply is attempted, so it is stored whatever the reply did.
      const stored = await h.bot.ctx.practice.getUser(h.guildId, user.id);
      assert.equal(stored?.answers, 1);
      assert.doesNotMatch(String(told.data.content), /nothing was saved/);
    },
  );
  await t.test('then the next answer and grade work and nothing is counted twice', async () => {
    await p.answerAndGrade('ct-hounsfield-units', 'n');
    assert.deepEqual((await p.audit()).problems, []);
  });
  noViolations(h);
  faultsSurvived += 1;
});

// -------------------------------------------------------------------------------------------------
// REST: channel posts (the daily question)

test('given 500 and 429 on channel posts, when the daily question is due, then exactly one post is made', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h);
  const posts = new RegExp(`^/channels/${DAILY_CHANNEL}/messages$`);
  h.emu.injectFault({ method: 'POST', path: posts, status: 500, times: 2 });
  h.emu.injectFault({ method: 'POST', path: posts, status: 429, retryAfterSec: 1, times: 1 });
  await h.bot.scheduler.runSweep();
  await h.bot.scheduler.runSweep();
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 1);
  assert.deepEqual(
    h.emu.requests.filter((r) => r.method === 'POST' && posts.test(r.path)).map((r) => r.status),
    [500, 500, 429, 200],
  );
  noViolations(h);
  faultsSurvived += 3;
});

test('given the bot lost access to the daily channel (403), when the post is due, then the error shows in /daily status and the bot keeps serving', async (t) => {
  const clock = new TestClock(MORNING);
  const h = await build(t, { clock });
  await setDaily(h);
  h.emu.setChannelAccess(DAILY_CHANNEL, 'no-access');
  await h.bot.scheduler.runSweep();
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 0);
  assert.match(await dailyStatus(h), /last error.*50001/s);
  const p = new Practice(h, h.user('still-served'));
  await p.answerAndGrade('dicom-basics', 'n');
  // An injected 403 Missing Permissions is handled the same way.
  h.emu.setChannelAccess(DAILY_CHANNEL, 'ok');
  clock.advance(24 * 3600_000);
  h.emu.injectFault({
    method: 'POST',
    path: new RegExp(`^/channels/${DAILY_CHANNEL}/messages$`),
    status: 403,
    code: 50013,
    message: 'Missing Permissions',
  });
  await h.bot.scheduler.runSweep();
  assert.match(await dailyStatus(h), /last error.*50013/s);
  clock.advance(24 * 3600_000);
  await h.bot.scheduler.runSweep();
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 1, 'posts again once the permission is back');
  assert.doesNotMatch(await dailyStatus(h), /last error/);
  noViolations(h);
  faultsSurvived += 2;
});

test('given the daily channel was deleted (404), when the post is due, then the schedule is switched off and says why', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h);
  h.emu.injectFault({
    method: 'POST',
    path: new RegExp(`^/channels/${DAILY_CHANNEL}/messages$`),
    status: 404,
    code: 10003,
    message: 'Unknown Channel',
  });
  await h.bot.scheduler.runSweep();
  assert.match(await dailyStatus(h), /off \(the channel no longer exists\)/);
  assert.equal(h.bot.scheduler.taskCount, 0);
  noViolations(h);
  faultsSurvived += 1;
});

// -------------------------------------------------------------------------------------------------
// Gateway

for (const code of [4000, 1006]) {
  test(`given the gateway connection drops (close ${code}) in the middle of a user's practice, when interactions keep coming, then every one is answered after the RESUME`, async (t) => {
    const h = await build(t);
    const p = new Practice(h, h.user(`drop${code}`));
    let resumed = 0;
    let readies = 0;
    h.bot.client.on('shardResume', () => resumed++);
    h.bot.client.on('shardReady', () => readies++);
    const posted = await h.emu
      .slash({ user: p.user, name: 'question', options: { id: 'dicom-basics' } })
      .firstResponse();
    const modal = await h.emu
      .click({ user: p.user, message: posted.message!, customId: 'answer:dicom-basics' })
      .firstResponse();
    const nonce = `${p.user.id}-drop`;
    const submit = h.emu.submitModal({
      user: p.user,
      customId: String(modal.data.custom_id),
      fields: { text: answerText(nonce) },
      message: posted.message!,
    });
    h.emu.dropGateway(code);
    // Created while the bot is disconnected: buffered by the session and replayed on RESUME.
    const whileDown = [
      h.emu.slash({ user: p.user, name: 'help' }),
      h.emu.slash({ user: p.user, name: 'question', options: { id: 'ct-hounsfield-units' } }),
    ];
    for (const handle of [submit, ...whileDown]) {
      const first = await handle.firstResponse(10_000);
      assert.ok(first.latencyMs < 3000);
    }
    await submit.settled();
    p.ledger.attempts.push({ nonce, acked: savedResponse(submit.responses) !== undefined });
    assert.ok(savedResponse(submit.responses), 'the answer dispatched as the connection dropped was saved');
    await p.answerAndGrade('what-is-medical-imaging', 'p');
    assert.equal(resumed, 1, 'the session was resumed');
    assert.equal(readies, 0, 'not re-identified');
    assert.deepEqual((await p.audit()).problems, []);
    noViolations(h);
    faultsSurvived += 1;
  });
}

// -------------------------------------------------------------------------------------------------
// Slow REST

test('given a slow REST API (callbacks 1.5 s, webhook edits and channel posts 2.5 s), when users act and the daily post is due, then everything completes and nothing is late', async (t) => {
  const h = await build(t, { clock: new TestClock(MORNING) });
  await setDaily(h);
  h.emu.setLatency(/\/callback$/, 1500);
  h.emu.setLatency(/^\/webhooks\//, 2500);
  h.emu.setLatency(new RegExp(`^/channels/${DAILY_CHANNEL}/messages$`), 2500);
  const users = [h.user('slow1'), h.user('slow2'), h.user('slow3')].map((u) => new Practice(h, u));
  const codes: GradeCode[] = ['n', 'p', 'm'];
  const runs = await Promise.all(users.map((p, i) => p.answerAndGrade('dicom-basics', codes[i])));
  await h.bot.scheduler.runSweep();
  const stats = await h.emu.slash({ user: users[0]!.user, name: 'stats' }).settled(300);
  assert.equal(stats.at(-1)?.kind, 'edit');
  for (const r of runs) {
    for (const handle of [r.submit, r.press]) assert.ok((await handle.firstResponse(1)).latencyMs < 3000);
  }
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 1);
  for (const p of users) assert.deepEqual((await p.audit()).problems, []);
  noViolations(h);
  faultsSurvived += 3;
});

// -------------------------------------------------------------------------------------------------
// The store failing writes

async function boardValue(h: Harness, userId: string, metric: 'points' | 'answers'): Promise<number> {
  const page = await h.bot.ctx.leaderboard.page({
    guildId: h.guildId,
    metric,
    period: 'all',
    page: 0,
    callerId: userId,
  });
  return page.caller?.value ?? 0;
}

async function rawValue(h: Harness, key: string): Promise<unknown> {
  return (await rawRows(h.store)).find((r) => r.key === key)?.value;
}

test('given another connection holds the SQLite write lock longer than the busy timeout, when a user answers and grades, then they get a clear ephemeral error, nothing is half-written, and afterwards all works', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('locked'));
  await p.answerAndGrade('dicom-basics', 'n');
  const before = await rawRows(h.store);

  const blocker = await openStore(h.dbUrl);
  t.after(() => blocker.close().catch(() => {}));
  await blocker.query('BEGIN EXCLUSIVE');
  const posted = await h.emu
    .slash({ user: p.user, name: 'question', options: { id: 'ct-hounsfield-units' } })
    .firstResponse();
  const modal = await h.emu
    .click({ user: p.user, message: posted.message!, customId: 'answer:ct-hounsfield-units' })
    .firstResponse();
  const nonce = `${p.user.id}-locked`;
  const submit = h.emu.submitModal({
    user: p.user,
    customId: String(modal.data.custom_id),
    fields: { text: answerText(nonce) },
    message: posted.message!,
  });
  const error = await waitResponse(submit, (r) => GENERIC_FAILURE.test(String(r.data?.content)), 15_000);
  p.ledger.attempts.push({ nonce, acked: false });
  await t.test('then the answer gets a clear ephemeral error within the deadline', async () => {
    assert.equal((await submit.firstResponse(1)).ephemeral, true);
    assert.ok((await submit.firstResponse(1)).latencyMs < 3000);
    assert.equal(error.ephemeral, true);
  });
  await blocker.query('ROLLBACK');
  await t.test('then nothing was written', async () => {
    assert.deepEqual(await rawRows(h.store), before);
  });
  await t.test('then the same user answers and grades normally afterwards', async () => {
    await p.answerAndGrade('what-is-medical-imaging', 'p');
    assert.deepEqual((await p.audit()).problems, []);
    assert.equal((await h.bot.ctx.practice.getUser(h.guildId, p.user.id))?.points, 5);
  });
  noViolations(h);
  faultsSurvived += 1;
});

test('given the write lock is held while a user grades, when the grade fails, then the user can still grade that answer once the store is back', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('lockgrade'));
  const posted = await answerFlow(h.emu, p.user, 'dicom-basics', answerText(`${p.user.id}-manual`));
  p.ledger.attempts.push({ nonce: `${p.user.id}-manual`, acked: true });
  const blocker = await openStore(h.dbUrl);
  t.after(() => blocker.close().catch(() => {}));
  await blocker.query('BEGIN EXCLUSIVE');
  const press = h.emu.click({
    user: p.user,
    message: posted.buttons.message,
    customId: posted.buttons.ids.n,
  });
  const error = await waitResponse(press, (r) => GENERIC_FAILURE.test(String(r.data?.content)), 15_000);
  await blocker.query('ROLLBACK');
  p.ledger.presses.push({ answerId: posted.buttons.answerId, code: 'n', acked: false });

  await t.test('then the user was told, ephemerally, and nothing was counted', async () => {
    assert.equal(error.ephemeral, true);
    const user = await h.bot.ctx.practice.getUser(h.guildId, p.user.id);
    assert.equal(user?.points, 0);
    assert.deepEqual(user?.graded, []);
    assert.deepEqual((await p.audit()).problems, []);
  });
  await t.test(
    'then the leaderboard shows no points for the failed grade (BUG-1: the index is updated before the user record is written)',
    async () => {
      assert.equal(await boardValue(h, p.user.id, 'points'), 0);
    },
  );
  await t.test(
    'then the feedback message still carries its grade buttons (BUG-2: the error replaces the message the button was on)',
    () => {
      const shown = h.emu.messages().find((m) => m.id === posted.buttons.message.id);
      const ids = (shown?.components ?? []).flatMap((row) => row.components ?? []).map((c) => c.custom_id);
      assert.ok(ids.includes(posted.buttons.ids.n), `message now: ${JSON.stringify(shown?.content)}`);
    },
  );
  await t.test('then pressing the same grade again (a stale view) counts it exactly once', async () => {
    assert.equal(await pressGrade(h.emu, p.user, posted.buttons, 'n'), 'applied');
    p.ledger.presses.push({ answerId: posted.buttons.answerId, code: 'n', acked: true });
    const result = await p.audit();
    assert.deepEqual(result.problems, []);
    assert.equal((await h.bot.ctx.practice.getUser(h.guildId, p.user.id))?.points, 3);
  });
  faultsSurvived += 1;
});

test('given the store fails the user-record write of an answer, when the user submits, then they get an error, the answer is not counted, and afterwards all works', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('userwrite'));
  await p.answerAndGrade('dicom-basics', 'n');
  const userBefore = await rawValue(h, keys.user(h.guildId, p.user.id));
  const heal = await failWrites(h.store, `g:${h.guildId}:user:${p.user.id}`);
  const nonce = `${p.user.id}-failed`;
  const submit = h.emu.submitModal({
    user: p.user,
    customId: 'answer:ct-hounsfield-units',
    fields: { text: answerText(nonce) },
  });
  const error = await waitResponse(submit, (r) => GENERIC_FAILURE.test(String(r.data?.content)), 10_000);
  p.ledger.attempts.push({ nonce, acked: false });
  await heal();

  await t.test('then the error is ephemeral and the user record is unchanged', async () => {
    assert.equal(error.ephemeral, true);
    assert.equal(savedResponse(submit.responses), undefined);
    assert.deepEqual(await rawValue(h, keys.user(h.guildId, p.user.id)), userBefore);
    const result = await p.audit();
    assert.deepEqual(result.problems, []);
    assert.equal(result.stats.orphanAnswers, 0, 'the answer record fails with the user record');
  });
  await t.test(
    'then the leaderboard does not count the failed answer (BUG-1: the index is written before the user record)',
    async () => {
      assert.equal(await boardValue(h, p.user.id, 'answers'), 1);
      assert.deepEqual((await p.audit()).bookkeeping, []);
    },
  );
  await t.test('then the same user answers and grades normally afterwards', async () => {
    await p.answerAndGrade('what-is-medical-imaging', 'm');
    assert.deepEqual((await p.audit()).problems, []);
    const user = await h.bot.ctx.practice.getUser(h.guildId, p.user.id);
    assert.equal(user?.answers, 2);
    assert.equal(user?.points, 4);
  });
  noViolations(h);
  faultsSurvived += 1;
});

test('given the store fails the answer-record write of a grade, when the user grades, then nothing is counted and a second press counts it once', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('answerwrite'));
  const run = await answerFlow(h.emu, p.user, 'dicom-basics', answerText(`${p.user.id}-manual`));
  p.ledger.attempts.push({ nonce: `${p.user.id}-manual`, acked: true });
  const heal = await failWrites(h.store, `g:${h.guildId}:answer:${p.user.id}:*`);
  const press = h.emu.click({ user: p.user, message: run.buttons.message, customId: run.buttons.ids.p });
  const error = await waitResponse(press, (r) => GENERIC_FAILURE.test(String(r.data?.content)), 10_000);
  p.ledger.presses.push({
    answerId: run.buttons.answerId,
    code: 'p',
    acked: gradeOutcome(press.responses) !== undefined,
  });
  await heal();

  await t.test(
    'then the user record does not hold the grade (it lands with the answer or not at all)',
    async () => {
      assert.equal(error.ephemeral, true);
      const user = await h.bot.ctx.practice.getUser(h.guildId, p.user.id);
      assert.equal(user?.points, 0);
      assert.deepEqual(user?.graded, []);
      assert.deepEqual((await p.audit()).problems, []);
    },
  );
  await t.test(
    'then the error does not claim that nothing was saved (BUG-4: the generic failure text is wrong after a partial write)',
    () => {
      assert.doesNotMatch(String(error.data.content), /nothing was saved/);
    },
  );
  await t.test('then pressing again counts the grade, once', async () => {
    assert.equal(await pressGrade(h.emu, p.user, run.buttons, 'p'), 'applied');
    p.ledger.presses.push({ answerId: run.buttons.answerId, code: 'p', acked: true });
    assert.deepEqual((await p.audit()).problems, []);
    assert.equal((await h.bot.ctx.practice.getUser(h.guildId, p.user.id))?.points, 2);
  });
  await t.test('then the answer record carries the points that were counted (BUG-3)', async () => {
    assert.deepEqual((await p.audit()).bookkeeping, []);
  });
  await t.test('then the same user answers and grades normally afterwards', async () => {
    await p.answerAndGrade('ct-hounsfield-units', 'n');
    assert.deepEqual((await p.audit()).problems, []);
    assert.equal((await h.bot.ctx.practice.getUser(h.guildId, p.user.id))?.points, 5);
  });
  noViolations(h);
  faultsSurvived += 1;
});

test('given the store fails half-way through /forget-me, when the user confirms again after the fault clears, then nothing of theirs is left', async (t) => {
  const h = await build(t);
  const p = new Practice(h, h.user('forgetful'));
  await p.answerAndGrade('dicom-basics', 'n');
  await p.answerAndGrade('ct-hounsfield-units', 'p');
  const userKey = `${NAMESPACE}:${keys.user(h.guildId, p.user.id)}`;
  await h.store.query(
    `CREATE TRIGGER rel_fail_forget BEFORE DELETE ON ${TABLE} WHEN OLD.key = '${userKey}' BEGIN SELECT RAISE(ABORT, 'injected delete failure'); END`,
  );
  const prompt = await h.emu.slash({ user: p.user, name: 'forget-me' }).firstResponse();
  const confirm = () =>
    h.emu.click({ user: p.user, message: prompt.message!, customId: `forget:${p.user.id}` }).settled(200);
  const failed = await confirm();
  await t.test('then the failure is reported ephemerally', () => {
    assert.ok(failed.some((r) => GENERIC_FAILURE.test(String(r.data?.content)) && r.ephemeral));
  });
  await h.store.query('DROP TRIGGER rel_fail_forget');
  const done = await confirm();
  await t.test('then the retry reports success and no row mentions the user', async () => {
    assert.match(String(done.at(-1)?.data.content), /Done: deleted/);
    const left = (await rawRows(h.store)).filter(
      (r) => r.key.includes(p.user.id) || JSON.stringify(r.value).includes(p.user.id),
    );
    assert.deepEqual(
      left.map((r) => r.key),
      [],
    );
  });
  noViolations(h);
  faultsSurvived += 1;
});

after(() => figures('faults', { faultsSurvived }));
