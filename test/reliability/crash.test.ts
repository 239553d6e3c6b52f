// The real `npm start` process, SIGKILLed at seeded random points while users answer and grade,
// restarted on the same SQLite file (or, with TEST_STORE=postgres, the same PostgreSQL database)
// against the same emulator. At the end the raw store must hold every acknowledged answer and grade
// exactly once, with totals that replay the counted events.
//
// Emulator behaviour this relies on (tools/emulator/gateway.ts): interactions created while no bot
// session has ever identified are queued and delivered after the next READY; interactions created
// for a session whose socket died are buffered for a RESUME of *that* session only. A restarted
// process IDENTIFYs a fresh session, so those never arrive (as on Discord, where the user sees
// "The application did not respond"). The driver therefore stops dispatching while the bot is
// down, and counts whatever was in flight at the kill as unacknowledged.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import type { UserRecord } from '../../src/core/model.ts';
import { keys } from '../../src/store/keys.ts';
import { openStore } from '../../src/store/open.ts';
import type { EmuUser, InteractionHandle } from '../../tools/emulator/index.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { build, realBank } from '../helpers/build.ts';
import { postgres } from '../helpers/postgres.ts';
import { audit, type Ledger } from './audit.ts';
import {
  Aborted,
  answerFlow,
  answerText,
  type BotProcess,
  botEnv,
  figures,
  GRADE_CODES,
  type GradeButtons,
  type GradeCode,
  GUILD,
  gradeOutcome,
  pressGrade,
  rawRows,
  StepTimeout,
  savedResponse,
  seeded,
  size,
  sleep,
  spawnBot,
  waitUntilServing,
} from './helpers.ts';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261127);
const USERS = size(8, 30);
const ANSWERS_PER_USER = size(6, 16);
const KILL_ROUNDS = size(5, 16);

type KillMode = 'after-commit' | 'mid-write' | 'random-time' | 'startup';
const ON_POSTGRES = process.env.TEST_STORE === 'postgres';

/**
 * Calls `onCommit` after every committed write to the store, as soon as the test can see it: on
 * SQLite an inotify event of the WAL file, on PostgreSQL a NOTIFY from a statement trigger on the
 * records' table (delivered only when its transaction commits). Returns the unsubscribe.
 */
async function watchCommits(url: string, onCommit: () => void): Promise<() => void> {
  if (!ON_POSTGRES) {
    const watcher = watch(`${url.slice('sqlite://'.length)}-wal`, onCommit);
    return () => watcher.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', onCommit);
  await client.query('LISTEN bot_commit');
  return () => void client.end();
}

/** The NOTIFY trigger watchCommits listens to (test instrumentation in the test's own database). */
async function addCommitTrigger(url: string): Promise<void> {
  const store = await openStore(url); // creates the records' table
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE FUNCTION bot_commit_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('bot_commit', ''); RETURN NULL; END $$`);
    await client.query(`CREATE TRIGGER bot_commit AFTER INSERT OR UPDATE OR DELETE ON public.keyv
      FOR EACH STATEMENT EXECUTE FUNCTION bot_commit_notify()`);
  } finally {
    await client.end();
  }
}

test(`given the bot process is SIGKILLed at random points while users answer and grade, when it restarts on the same ${ON_POSTGRES ? 'PostgreSQL database' : 'SQLite file'}, then every acknowledged answer and grade is stored exactly once`, {
  timeout: size(180_000, 900_000),
}, async (t) => {
  const rng = seeded(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'bot-crash-'));
  const dbFile = join(dir, 'bot.sqlite');
  const databaseUrl = ON_POSTGRES ? await (await postgres()).createDatabase() : `sqlite://${dbFile}`;
  if (ON_POSTGRES) await addCommitTrigger(databaseUrl);
  const emu = await startEmulator({ token: 'reliability-crash-token-0123456789abcdef' });
  const bank = await realBank();
  const questionIds = bank.questions.map((q) => q.id);
  let bot: BotProcess | undefined;
  const outputs: string[] = [];
  t.after(async () => {
    bot?.child.kill('SIGKILL');
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // --- the gate: users only act while a bot process is serving --------------------------------
  let epoch = new AbortController();
  epoch.abort();
  let isOpen = false;
  let opened: () => void = () => {};
  let gateOpen = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const open = () => {
    epoch = new AbortController();
    isOpen = true;
    opened();
  };
  // Idempotent: closing a closed gate must keep the promise its waiters hold.
  const close = () => {
    if (!isOpen) return;
    isOpen = false;
    gateOpen = new Promise<void>((resolve) => {
      opened = resolve;
    });
  };

  // --- users ----------------------------------------------------------------------------------
  interface Driver {
    user: EmuUser;
    rng: () => number;
    ledger: Ledger;
    submits: { nonce: string; handle: InteractionHandle }[];
    presses: { answerId: string; code: GradeCode; handle: InteractionHandle }[];
    done: number;
    tries: number;
    pending?: { buttons: GradeButtons; code: GradeCode };
  }
  const drivers: Driver[] = Array.from({ length: USERS }, (_, i) => ({
    user: { id: String(210000000000000000n + BigInt(i)), username: `crash${i}` },
    rng: seeded(SEED + i + 1),
    ledger: { userId: String(210000000000000000n + BigInt(i)), attempts: [], presses: [] },
    submits: [],
    presses: [],
    done: 0,
    tries: 0,
  }));
  let stalls = 0;
  /** Called whenever a modal submit or grade press is dispatched (the kill trigger listens). */
  let onWrite: () => void = () => {};
  let interactions = 0;
  let finished = false;

  const press = async (d: Driver, signal: AbortSignal) => {
    const pending = d.pending!;
    await pressGrade(emu, d.user, pending.buttons, pending.code, {
      signal,
      onPress: (handle) => {
        interactions++;
        onWrite();
        d.presses.push({ answerId: pending.buttons.answerId, code: pending.code, handle });
      },
    });
    d.pending = undefined;
  };

  const drive = async (d: Driver, index: number) => {
    while (!finished && (d.done < ANSWERS_PER_USER || d.pending)) {
      await gateOpen;
      const signal = epoch.signal;
      try {
        // A grade press that got no answer is pressed again, like a user would after a restart.
        if (d.pending) {
          await press(d, signal);
          continue;
        }
        // Each try takes a fresh question, so "points once per question per day" never interferes.
        const questionId = questionIds[(index * 13 + d.tries++) % questionIds.length]!;
        const nonce = `${d.user.id}-${d.tries}`;
        const run = await answerFlow(emu, d.user, questionId, answerText(nonce), {
          signal,
          onSubmit: (handle) => {
            d.submits.push({ nonce, handle });
            onWrite();
          },
        });
        interactions += 3;
        d.done++;
        const code = GRADE_CODES[Math.floor(d.rng() * GRADE_CODES.length)]!;
        d.pending = { buttons: run.buttons, code };
        await press(d, signal);
      } catch (err) {
        if (err instanceof Aborted) continue;
        if (err instanceof StepTimeout) {
          // Only a wait that ran out while the bot was serving is a stall; the kill aborts the rest.
          if (!signal.aborted) stalls++;
          continue;
        }
        throw err;
      }
    }
  };

  // --- kill plan --------------------------------------------------------------------------------
  const kills: { round: number; mode: KillMode; at: string }[] = [];
  const start = (): BotProcess => {
    bot = spawnBot({ ...botEnv(emu, dbFile, 'warn'), DATABASE_URL: databaseUrl, PG_POOL_SIZE: '4' });
    return bot;
  };
  const probe: EmuUser = { id: '219999999999999999', username: 'probe' };
  // Emulator behaviour the driver relies on, observed rather than assumed.
  const beforeAnyBot = emu.slash({ user: probe, name: 'help' });
  let whileDown: InteractionHandle | undefined;
  const userRuns = drivers.map((d, i) => drive(d, i));

  for (let round = 0; round < KILL_ROUNDS; round++) {
    const modes = ['after-commit', 'after-commit', 'mid-write', 'random-time', 'startup'] as const;
    const mode: KillMode = modes[Math.floor(rng() * modes.length)]!;
    const child = start();
    let at = '';
    if (mode === 'startup') {
      const ms = 100 + Math.floor(rng() * 1200);
      await sleep(ms);
      at = `${ms} ms after spawn`;
    } else {
      await waitUntilServing(emu, probe, { exited: child.exited });
      open();
      if (mode === 'random-time') {
        const ms = 200 + Math.floor(rng() * 2500);
        await sleep(ms);
        at = `${ms} ms of traffic`;
      } else if (mode === 'after-commit') {
        // SIGKILL as soon as the n-th commit is seen: most often the process dies between a
        // commit and its reply, or between two writes of one interaction, the states the write
        // protocol has to survive.
        const nth = 1 + Math.floor(rng() * 8 * USERS);
        let seen = 0;
        let killed: () => void = () => {};
        const stop = await watchCommits(databaseUrl, () => {
          if (++seen !== nth) return;
          child.child.kill('SIGKILL');
          killed();
        });
        await new Promise<void>((resolve) => {
          killed = resolve;
          const done = () => resolve();
          void Promise.all(userRuns).then(done, done);
        });
        stop();
        at = `at commit #${nth}`;
      } else {
        // Kill a few ms after the n-th modal submit or grade press is dispatched: while the bot is
        // inside that interaction's writes (they start as soon as it arrives).
        const nth = 1 + Math.floor(rng() * 3 * USERS);
        const delay = Math.floor(rng() * 15);
        await new Promise<void>((resolve) => {
          let seen = 0;
          onWrite = () => {
            if (++seen !== nth) return;
            onWrite = () => {};
            setTimeout(resolve, delay);
          };
          // Everybody done before the n-th write: kill anyway.
          const anyway = () => {
            onWrite = () => {};
            resolve();
          };
          void Promise.all(userRuns).then(anyway, anyway);
        });
        at = `${delay} ms after write #${nth}`;
      }
    }
    close();
    child.child.kill('SIGKILL');
    const exit = await child.exited;
    assert.equal(exit.signal, 'SIGKILL', `round ${round}: the process was still running when killed`);
    outputs.push(child.output());
    await sleep(100);
    epoch.abort();
    kills.push({ round, mode, at });
    whileDown ??= emu.slash({ user: probe, name: 'help' });
  }

  // Final round: serve until every user is done, then stop gracefully like a deploy would.
  const last = start();
  await waitUntilServing(emu, probe, { exited: last.exited });
  open();
  const timer = setTimeout(() => {
    finished = true;
  }, 90_000);
  await Promise.all(userRuns);
  clearTimeout(timer);
  close();
  last.child.kill('SIGTERM');
  const lastExit = await last.exited;
  outputs.push(last.output());
  bot = undefined;
  assert.equal(lastExit.code, 0, `graceful stop exits 0; output:\n${last.output()}`);

  // --- judge ---------------------------------------------------------------------------------
  for (const d of drivers) {
    d.ledger.attempts = d.submits.map((s) => ({
      nonce: s.nonce,
      acked: savedResponse(s.handle.responses) !== undefined,
    }));
    d.ledger.presses = d.presses.map((p) => ({
      answerId: p.answerId,
      code: p.code,
      acked: gradeOutcome(p.handle.responses) !== undefined,
    }));
  }
  const store = await openStore(databaseUrl);
  const rows = await rawRows(store);
  const integrity = ON_POSTGRES
    ? undefined
    : ((await store.query('PRAGMA integrity_check')) as { integrity_check: string }[]);
  await store.close();
  const result = audit(
    rows,
    GUILD,
    drivers.map((d) => d.ledger),
  );
  const crashes = outputs.join('\n').match(/unhandled rejection|Error: .*\n\s+at /g) ?? [];
  figures('crash', {
    seed: SEED,
    killRounds: KILL_ROUNDS,
    kills,
    interactions,
    ...result.stats,
    writesLost: result.problems.length,
    stalls,
    engine: ON_POSTGRES ? 'postgres' : 'sqlite',
    integrity: integrity?.[0]?.integrity_check,
  });

  await t.test(
    'then an interaction created before any bot connected was delivered after the first READY',
    async () => {
      assert.equal((await beforeAnyBot.firstResponse(1)).ephemeral, true);
    },
  );
  await t.test(
    'then an interaction created while the killed process was down never reached the restarted one (a new session)',
    () => {
      assert.deepEqual(whileDown?.responses, []);
    },
  );
  if (integrity) {
    await t.test('then PRAGMA integrity_check returns ok', () => {
      assert.deepEqual(integrity, [{ integrity_check: 'ok' }]);
    });
  }
  await t.test('then every user finished their answers and grades', () => {
    assert.deepEqual(
      drivers.filter((d) => d.done < ANSWERS_PER_USER || d.pending).map((d) => d.user.username),
      [],
    );
    assert.ok(result.stats.ackedAnswers >= USERS * ANSWERS_PER_USER);
  });
  await t.test(
    'then every acknowledged answer and grade exists exactly once and totals replay the counted events',
    () => {
      assert.deepEqual(result.problems, []);
    },
  );
  await t.test('then no kill left half an answer or half a grade (each is one statement)', () => {
    assert.equal(result.stats.orphanAnswers, 0);
    assert.equal(result.stats.gradesAwaitingRepair, 0);
  });
  await t.test('then no interaction went unanswered while a bot process was serving', () => {
    assert.equal(stalls, 0);
  });
  await t.test('then the emulator recorded no Discord rule violation', () => {
    assert.deepEqual(
      emu.violations.filter((v) => v.rule !== 'unknown-interaction' && v.rule !== 'unknown-webhook'),
      [],
    );
  });
  await t.test('then no process logged an unhandled error', () => {
    assert.deepEqual(crashes, []);
  });
  await t.test(
    'then the leaderboard index and per-answer points agree with the user records (BUG-1/BUG-3: index written before the user record; repaired grades record 0 points)',
    () => {
      assert.deepEqual(result.bookkeeping, []);
    },
  );
});

test('given a store with a lost, a doubled and a miscounted event, when it is audited, then each is reported (the audit can fail)', async (t) => {
  const h = await build(t);
  const user = h.user('audited');
  const ledger: Ledger = { userId: user.id, attempts: [], presses: [] };
  for (const [i, questionId] of ['dicom-basics', 'ct-hounsfield-units'].entries()) {
    const run = await answerFlow(h.emu, user, questionId, answerText(`${user.id}-${i}`));
    ledger.attempts.push({ nonce: `${user.id}-${i}`, acked: true });
    await pressGrade(h.emu, user, run.buttons, 'n');
    ledger.presses.push({ answerId: run.buttons.answerId, code: 'n', acked: true });
  }
  const rows = await rawRows(h.store);
  assert.deepEqual(audit(rows, h.guildId, [ledger]).problems, [], 'the real store is clean');
  const userKey = keys.user(h.guildId, user.id);
  const record = rows.find((r) => r.key === userKey)!.value as UserRecord;
  const lost = rows.filter((r) => !r.key.endsWith(record.answerIds[0]!));
  const doubled = rows.map((r) =>
    r.key === userKey
      ? { ...r, value: { ...record, answerIds: [...record.answerIds, record.answerIds[1]!] } }
      : r,
  );
  const miscounted = rows.map((r) => (r.key === userKey ? { ...r, value: { ...record, points: 7 } } : r));
  assert.match(
    audit(lost, h.guildId, [ledger]).problems.join('\n'),
    /acknowledged submission .* is not stored/,
  );
  assert.match(audit(doubled, h.guildId, [ledger]).problems.join('\n'), /answerIds has duplicates/);
  assert.match(
    audit(miscounted, h.guildId, [ledger]).problems.join('\n'),
    /points=7, replay of counted grades gives 6/,
  );
});
