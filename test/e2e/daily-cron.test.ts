import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../../src/app/clock.ts';
import { build, type Harness } from '../helpers/build.ts';
import { channelSends } from '../helpers/flows.ts';

const sends = (h: Harness) => channelSends(h, DAILY_CHANNEL);

const DAILY_CHANNEL = '100000000000000011';

test('given a schedule one or two minutes ahead, when real node-cron fires, then exactly one post is made, and a restart does not repost', {
  timeout: 200_000,
}, async (t) => {
  const h = await build(t, { clock: systemClock });
  const admin = h.user('admin', { admin: true });
  const now = new Date();
  const slot = new Date(
    Math.ceil((now.getTime() + (now.getUTCSeconds() > 45 ? 90_000 : 30_000)) / 60_000) * 60_000,
  );
  const time = `${String(slot.getUTCHours()).padStart(2, '0')}:${String(slot.getUTCMinutes()).padStart(2, '0')}`;
  const reply = await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time, timezone: 'UTC' },
    })
    .firstResponse();
  assert.match(reply.data.content, /Daily question set/);
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 0, 'nothing before the time');

  const deadline = slot.getTime() + 20_000;
  while (h.emu.messages(DAILY_CHANNEL).length === 0 && Date.now() < deadline) await sleep(250);
  assert.equal(h.emu.messages(DAILY_CHANNEL).length, 1, 'posted at the scheduled minute');
  await sleep(3000);
  assert.equal(
    sends(h),
    1,
    'the cron task and the sweep did not both send (POSTs counted, not merged messages)',
  );

  await h.restart();
  await h.bot.scheduler.runSweep();
  assert.equal(sends(h), 1, 'the restart did not send again');
  assert.deepEqual(h.emu.violations, []);
});
