// build(t): a real bot (discord.js client, real Keyv + SQLite on a temp file, or PostgreSQL with
// TEST_STORE=postgres, the real question bank) connected to the local Discord emulator, torn down when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Clock } from '../../src/app/clock.ts';
import type { BankLoader } from '../../src/app/live-bank.ts';
import { loadBank } from '../../src/bank/load.ts';
import type { Bank } from '../../src/core/types.ts';
import { type RunningBot, startBot } from '../../src/discord/bot.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { type KvStore, openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import {
  type Emulator,
  type EmulatorOptions,
  type EmuUser,
  startEmulator,
} from '../../tools/emulator/index.ts';
import { seeded } from '../../tools/fixtures/random.ts';
import { postgres } from './postgres.ts';

export { seeded };

let cachedBank: Promise<Bank> | undefined;
export function realBank(): Promise<Bank> {
  cachedBank ??= loadBank('questions').then(({ bank, problems }) => {
    if (!bank) throw new Error(`bank invalid: ${problems.map((p) => p.message).join('; ')}`);
    return bank;
  });
  return cachedBank;
}

export class TestClock implements Clock {
  constructor(public current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  emu: Emulator;
  bot: RunningBot;
  store: KvStore;
  dir: string;
  dbUrl: string;
  clock: Clock;
  user(name: string, opts?: Partial<EmuUser>): EmuUser;
  guildId: string;
  channelId: string;
  restart(): Promise<RunningBot>;
}

let nextUserId = 200000000000000000n;

/** build()'s clock unless a test brings its own: a Friday noon in November 2026 (UTC). */
export const DEFAULT_NOW = '2026-11-27T12:00:00.000Z';

export async function build(
  t: TestContext,
  opts: {
    emulator?: EmulatorOptions;
    clock?: Clock;
    bank?: Bank;
    dir?: string;
    logger?: Logger;
    /** A store of the test's own (e.g. a PostgreSQL server it stops). */
    dbUrl?: string;
    /** What /bank reload loads (default: nothing to reload). */
    bankLoader?: BankLoader;
    ownerIds?: string[];
  } = {},
): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bot-test-'));
  // TEST_STORE=postgres runs the same tests on a real PostgreSQL (a fresh database per test).
  const dbUrl =
    opts.dbUrl ??
    (process.env.TEST_STORE === 'postgres'
      ? await (await postgres()).createDatabase()
      : `sqlite://${join(dir, 'bot.sqlite')}`);
  // Discord's 3-second first-response rule is timed on the wall clock of a shared, noisy machine:
  // tests that are not about it relax it (the rule itself: test/emulator/interactions.test.ts, and
  // latency: npm run bench); a test about it passes its own deadline.
  const emu = await startEmulator({ firstResponseDeadlineMs: 60_000, ...opts.emulator });
  const store = await openStore(dbUrl);
  // A fixed moment by default: a test never depends on the day it runs.
  const clock = opts.clock ?? new TestClock(new Date(DEFAULT_NOW));
  const bank = opts.bank ?? (await realBank());
  const logger = opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const start = () =>
    // A fresh port per start: a restart is a new process, with empty caches.
    startBot({
      token: emu.token,
      apiUrl: emu.apiUrl,
      bank,
      store: createStore(store),
      logger,
      clock,
      random: seeded(42),
      bankLoader: opts.bankLoader,
      ownerIds: opts.ownerIds,
    });
  const harness: Harness = {
    emu,
    bot: await start(),
    store,
    dir,
    dbUrl,
    clock,
    guildId: '100000000000000001',
    channelId: '100000000000000010',
    user(name, extra = {}) {
      nextUserId += 1n;
      return { id: String(nextUserId), username: name, globalName: name, ...extra };
    },
    async restart() {
      await harness.bot.stop();
      harness.bot = await start();
      return harness.bot;
    },
  };
  t.after(async () => {
    await harness.bot.stop().catch(() => {});
    await store.close().catch(() => {});
    await emu.close();
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  });
  return harness;
}
