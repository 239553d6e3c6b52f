// fanout: 1,000 daily schedules (1,000 guilds × 1 channel) due at the same minute, with the emulator
// enforcing Discord's global limit of 50 requests/s. An injected clock makes them due; then one
// scheduler sweep (bot.scheduler.runSweep(), as the once-a-minute cron calls it) posts them all.
// Measured: time to post all, posts/s as a fraction of 50/s (target ≥ 0.9), 429s received (target 0),
// duplicates (must be 0). Baseline: the bare discord.js client sending the same 1,000 messages with
// the same concurrency (8) to its own identical emulator, in the same run.
// Bot, emulators and baseline all run in this process: the work is bounded by the rate limit.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../src/app/clock.ts';
import { loadBank } from '../../src/bank/load.ts';
import { createContext, startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import type { Emulator } from '../../tools/emulator/index.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { manyGuilds, seeded } from '../lib/fixtures.ts';
import { logWarnings } from '../lib/flows.ts';
import { startPong } from '../lib/pong.ts';
import { type Figure, fig, type Suite } from '../lib/report.ts';
import { sleep } from '../lib/stats.ts';

const LIMIT = 50;
const FAN_OUT = 8;

class BenchClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

interface Outcome {
  posted: number;
  seconds: number;
  rate: number;
  rateLimited: number;
  duplicates: number;
  missing: number;
  sweeps: number;
  otherErrors: number;
}

/** Posts per channel, 429s and other failures among the requests from index `mark` on. */
function tally(emu: Emulator, channels: string[], mark: number, seconds: number, sweeps: number): Outcome {
  const wanted = new Set(channels);
  const perChannel = new Map<string, number>();
  for (const m of emu.messages()) {
    if (wanted.has(m.channel_id)) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
  }
  const requests = emu.requests.slice(mark);
  const posted = [...perChannel.values()].filter((n) => n > 0).length;
  return {
    posted,
    seconds,
    rate: posted / seconds,
    rateLimited: requests.filter((r) => r.status === 429).length,
    duplicates: [...perChannel.values()].reduce((a, n) => a + Math.max(0, n - 1), 0),
    missing: channels.length - posted,
    sweeps,
    otherErrors: requests.filter((r) => r.status >= 400 && r.status !== 429).length,
  };
}

export const fanout: Suite = {
  name: 'fanout',
  description: '1,000 daily posts due at once under a 50 req/s global limit: throughput, 429s, duplicates',
  async run(ctx) {
    const count = ctx.quick ? 250 : 1000;
    const guilds = manyGuilds(count, 1);
    const channels = guilds.map((g) => g.channels[0]!.id);
    const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
    const figures: Figure[] = [];
    const notes: string[] = [];
    const { bank } = await loadBank('questions');
    if (!bank) throw new Error('the question bank is invalid');

    // The slot: a wall-clock minute 12 hours away, so node-cron's real-time tasks stay quiet.
    const slot = new Date(Math.floor((Date.now() + 12 * 3600_000) / 60_000) * 60_000);
    const time = slot.toISOString().slice(11, 16);
    const clock = new BenchClock(new Date(slot.getTime() - 60_000));

    let bot: Outcome;
    let pong: Outcome;
    const logFile = join(dir, 'bot.log');
    {
      const emu = await startEmulator({ guilds, globalRateLimit: LIMIT });
      const store = await openStore(`sqlite://${join(dir, 'bot.sqlite')}`);
      const logger = createLogger('info', createWriteStream(logFile), [emu.token]);
      try {
        // The schedules exist before the bot starts, as after any restart.
        const setup = createContext({
          bank,
          store: createStore(store),
          logger,
          clock,
          poster: () => {
            throw new Error('no posting during setup');
          },
        });
        ctx.log(`fanout: ${count} schedules at ${time} UTC`);
        for (const [i, ch] of channels.entries()) {
          await setup.daily.setSchedule({
            guildId: guilds[i]!.id,
            channelId: ch,
            time,
            timeZone: 'UTC',
            enabled: true,
          });
        }
        const running = await startBot({
          token: emu.token,
          apiUrl: emu.apiUrl,
          bank,
          store: createStore(store),
          logger,
          clock,
          random: seeded(3),
        });
        try {
          await running.scheduler.runSweep(); // nothing due yet
          await sleep(1500); // an empty rate-limit window
          const mark = emu.requests.length;
          clock.current = new Date(slot.getTime() + 5_000);
          ctx.log('fanout: bot sweep');
          const t0 = performance.now();
          let sweeps = 0;
          // One sweep should post everything; transient failures are retried by the next sweep.
          do {
            await running.scheduler.runSweep();
            sweeps++;
          } while (tally(emu, channels, mark, 1, sweeps).missing > 0 && sweeps < 5);
          bot = tally(emu, channels, mark, (performance.now() - t0) / 1000, sweeps);
          // A second day's check: nothing more is posted by further sweeps the same day.
          await running.scheduler.runSweep();
          bot.duplicates = tally(emu, channels, mark, 1, sweeps).duplicates;
        } finally {
          await running.stop();
        }
      } finally {
        await store.close();
        await emu.close();
      }
    }
    {
      const emu = await startEmulator({ guilds, globalRateLimit: LIMIT });
      const client = await startPong(emu.apiUrl, emu.token);
      try {
        await sleep(1500);
        const mark = emu.requests.length;
        ctx.log('fanout: pong client sends the same posts');
        const queue = [...channels];
        const t0 = performance.now();
        const worker = async () => {
          for (let id = queue.shift(); id; id = queue.shift()) {
            const channel = client.channels.cache.get(id);
            if (channel?.isSendable()) {
              await channel
                .send({ content: 'Question of the day', nonce: `n${id}`, enforceNonce: true })
                .catch(() => {});
            }
          }
        };
        await Promise.all(Array.from({ length: FAN_OUT }, worker));
        pong = tally(emu, channels, mark, (performance.now() - t0) / 1000, 1);
      } finally {
        await client.destroy();
        await emu.close();
      }
    }

    figures.push(
      fig({
        name: `time to post ${count} daily questions`,
        value: bot.seconds,
        unit: 's',
        baseline: pong.seconds,
        baselineLabel: 'pong client',
      }),
      fig({
        name: 'posts/s as a fraction of 50/s',
        value: bot.rate / LIMIT,
        unit: '',
        baseline: pong.rate / LIMIT,
        baselineLabel: 'pong client',
        target: '≥ 0.9',
        met: bot.rate / LIMIT >= 0.9,
      }),
      fig({
        name: '429 responses received',
        value: bot.rateLimited,
        unit: '',
        baseline: pong.rateLimited,
        baselineLabel: 'pong client',
        target: '0',
        met: bot.rateLimited === 0,
      }),
      fig({
        name: 'duplicate posts',
        value: bot.duplicates,
        unit: '',
        baseline: pong.duplicates,
        baselineLabel: 'pong client',
        target: '0',
        met: bot.duplicates === 0,
      }),
      fig({
        name: 'channels left without a post',
        value: bot.missing,
        unit: '',
        baseline: pong.missing,
        baselineLabel: 'pong client',
        target: '0',
        met: bot.missing === 0,
      }),
    );
    notes.push(
      `${count} guilds × 1 channel; emulator global limit ${LIMIT} requests/s over a sliding second; bot, emulators and baseline in this process; the bot needed ${bot.sweeps} sweep(s)`,
      `other error responses: bot ${bot.otherErrors}, pong ${pong.otherErrors}`,
    );
    const warned = logWarnings(logFile);
    if (Object.keys(warned).length) notes.push(`bot warnings/errors logged: ${JSON.stringify(warned)}`);
    rmSync(dir, { recursive: true, force: true });
    return { figures, notes, detail: { bot, pong } };
  },
};
