// /daily archive: the server's past questions of the day, for anyone, each to practise privately.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmuResponse } from '../../tools/emulator/index.ts';
import { build, TestClock } from '../helpers/build.ts';
import { buttonId, finalResponses } from '../helpers/flows.ts';

const DAILY_CHANNEL = '100000000000000011';
const DAY = 24 * 3600_000;

const lines = (r: EmuResponse) => String(r.data.embeds?.[0]?.description ?? '').split('\n');

test('given a server whose daily question ran for seven days', async (t) => {
  // 2026-11-27 10:00 in Berlin; the schedule posts at 09:30 Berlin time.
  const clock = new TestClock(new Date('2026-11-27T09:00:00Z'));
  const h = await build(t, { clock });
  const admin = h.user('admin', { admin: true });
  await h.emu
    .slash({
      user: admin,
      name: 'daily',
      subcommand: 'set',
      options: { channel: DAILY_CHANNEL, time: '09:30', timezone: 'Europe/Berlin' },
    })
    .firstResponse();
  await h.bot.scheduler.runSweep();
  for (let day = 1; day < 7; day++) {
    clock.advance(DAY);
    await h.bot.scheduler.runSweep();
  }
  const posted = h.emu.messages(DAILY_CHANNEL);
  assert.equal(posted.length, 7, 'one post a day');
  const member = h.user('member');

  // Every subtest starts from this reply (none depends on another's).
  const first = (
    await finalResponses(h.emu.slash({ user: member, name: 'daily', subcommand: 'archive' }))
  ).at(-1)!;
  await t.test(
    'when a member without Manage Server runs /daily archive, then she privately sees the newest five dates',
    async () => {
      assert.equal(first.ephemeral, true);
      const shown = lines(first);
      assert.equal(shown.length, 5);
      assert.match(shown[0]!, /^\*\*1\.\*\* `2026-12-03` · /);
      assert.match(shown[4]!, /^\*\*5\.\*\* `2026-11-29` · /);
      assert.match(JSON.stringify(first.data.embeds), /Page 1 of 2 · the last 7 days/);
    },
  );

  await t.test("then each date's question is the one that was posted that day", async () => {
    const titles = posted.map((m) => m.embeds[0]?.title as string).reverse();
    assert.ok(
      lines(first).every((line, i) => line.includes(titles[i]!)),
      'titles match the posts, newest first',
    );
  });

  await t.test('when she presses Older, then the two oldest dates are listed', async () => {
    const older = (
      await finalResponses(
        h.emu.click({ user: member, message: first.message!, customId: buttonId(first, 'Older ▶') }),
      )
    ).at(-1)!;
    assert.deepEqual(
      lines(older).map((l) => l.match(/`(\d{4}-\d\d-\d\d)`/)?.[1]),
      ['2026-11-28', '2026-11-27'],
    );
  });

  await t.test(
    'when she presses Practise, then the question opens for her privately, ready to answer',
    async () => {
      const opened = (
        await finalResponses(
          h.emu.click({ user: member, message: first.message!, customId: buttonId(first, 'Practise 2') }),
        )
      ).at(-1)!;
      assert.equal(opened.ephemeral, true);
      assert.match(JSON.stringify(opened.data.embeds), /A past question of the day/);
      assert.ok(buttonId(opened, 'Answer').startsWith('answer:'));
    },
  );

  await t.test('when she runs a management subcommand, then it is still refused', async () => {
    const reply = await h.emu.slash({ user: member, name: 'daily', subcommand: 'off' }).firstResponse();
    assert.match(String(reply.data.content), /Manage Server/);
  });

  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});

test('given a server without questions of the day, when /daily archive runs, then it says how they start', async (t) => {
  const h = await build(t);
  const reply = (
    await finalResponses(h.emu.slash({ user: h.user('m'), name: 'daily', subcommand: 'archive' }))
  ).at(-1)!;
  assert.match(reply.data.content, /no questions of the day yet/);
});
