// Exactly-once daily posts across processes: two bot processes on one PostgreSQL (a rolling restart,
// a shard on its way to another machine) both find the same schedules due at the same minute. The
// channel's post lock holds across processes (an advisory lock, released by PostgreSQL if its
// process dies) around the write-ahead record and the send, so each channel gets one post.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startBot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/logger.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { startEmulator } from '../../tools/emulator/index.ts';
import { shardedGuilds } from '../../tools/fixtures/guilds.ts';
import { realBank, seeded, TestClock } from '../helpers/build.ts';
import { postgres, postgresUnavailable } from '../helpers/postgres.ts';

const SERVERS = 20;

describe('daily posts with two processes', { skip: postgresUnavailable() ?? false }, () => {
  test('given two processes whose sweeps find the same 20 schedules due at once, then every channel gets exactly one post', async (t) => {
    const specs = shardedGuilds(SERVERS, { firstId: 300000000000000001n, name: 'daily' });
    const emu = await startEmulator({ guilds: specs, firstResponseDeadlineMs: 60_000 });
    const stops: (() => Promise<void>)[] = [];
    // The bots stop before the emulator goes away (else their clients would try to reconnect).
    t.after(async () => {
      for (const stop of stops) await stop();
      await emu.close();
    });
    const url = await (await postgres()).createDatabase();
    const clock = new TestClock(new Date('2026-11-27T08:00:00Z'));
    const bank = await realBank();
    const start = async () => {
      const kv = await openStore(url, { poolSize: 4 });
      const bot = await startBot({
        token: emu.token,
        apiUrl: emu.apiUrl,
        bank,
        store: createStore(kv),
        logger: createLogger('silent'),
        clock,
        random: seeded(7),
      });
      stops.push(async () => {
        await bot.stop();
        await kv.close();
      });
      return bot;
    };
    const first = await start();
    for (const g of specs) {
      await first.ctx.daily.setSchedule({
        guildId: g.id,
        channelId: g.channels[0]!.id,
        time: '09:00',
        timeZone: 'UTC',
        enabled: true,
      });
    }
    const second = await start();
    assert.equal(second.ctx.daily.schedules.size, SERVERS, 'the second process loaded the schedules');

    clock.advance(60 * 60_000 + 5_000);
    await Promise.all([first.scheduler.runSweep(), second.scheduler.runSweep()]);
    await Promise.all([first.scheduler.runSweep(), second.scheduler.runSweep()]);

    for (const g of specs) {
      const channelId = g.channels[0]!.id;
      const sends = emu.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status < 300,
      ).length;
      assert.equal(sends, 1, `one post in ${g.name}`);
    }
    assert.deepEqual(emu.violations, []);
  });
});
