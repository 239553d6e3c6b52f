// Practising anywhere: in a DM with the bot and, with the app installed to the member's account, in
// a server that has not added the bot. That practice is the member's personal scope.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GUILD, type EmuResponse } from '../../tools/emulator/index.ts';
import { build, type Harness, TestClock } from '../helpers/build.ts';
import { answer, answerAndGrade, buttonId, finalResponses } from '../helpers/flows.ts';

const OTHER_GUILD = '100000000000000501';
const OTHER_CHANNEL = '100000000000000510';

function withOtherServer() {
  return {
    emulator: {
      guilds: [
        DEFAULT_GUILD,
        {
          id: OTHER_GUILD,
          name: 'No bot here',
          channels: [{ id: OTHER_CHANNEL, name: 'general' }],
          withoutBot: true,
        },
      ],
    },
  };
}

const personalKey = (userId: string) => `g:@${userId}:user:${userId}`;

async function storedUser(h: Harness, key: string): Promise<{ points: number; answers: number } | undefined> {
  return (await h.store.keyv.get(key)) as { points: number; answers: number } | undefined;
}

const statsFields = (r: EmuResponse) =>
  Object.fromEntries(
    (r.data.embeds?.[0]?.fields ?? []).map((f: { name: string; value: string }) => [f.name, f.value]),
  );

test('given the commands as registered', async (t) => {
  const h = await build(t);
  const registered = h.emu.registeredCommands() as {
    name: string;
    contexts?: number[];
    integration_types?: number[];
  }[];
  const byName = new Map(registered.map((c) => [c.name, c]));
  await t.test('then practice commands are offered everywhere, for server and user installs', () => {
    for (const name of ['question', 'stats', 'history', 'settings', 'help', 'forget-me']) {
      assert.deepEqual(byName.get(name)?.integration_types, [0, 1], name);
      assert.deepEqual(byName.get(name)?.contexts, [0, 1, 2], name);
    }
  });
  await t.test('then /daily and /leaderboard are offered only in servers that added the bot', () => {
    for (const name of ['daily', 'leaderboard']) {
      assert.deepEqual(byName.get(name)?.integration_types, [0], name);
      assert.deepEqual(byName.get(name)?.contexts, [0], name);
    }
    assert.throws(
      () => h.emu.slash({ user: h.user('x'), name: 'leaderboard', dm: true }),
      /not offered in DMs/,
    );
  });
});

test('given a member practising in a DM with the bot', async (t) => {
  const h = await build(t, withOtherServer());
  const carol = h.user('carol');

  const graded = await answerAndGrade(h, carol, 'dicom-basics', 'nailed', { dm: true });
  await t.test('then the whole answer loop works there and the grade counts', () => {
    assert.match(graded.data.content, /\+3 points/);
    assert.match(graded.data.content, /streak 1 day/);
  });

  await t.test('then it is stored in her personal scope, not in any server', async () => {
    assert.equal((await storedUser(h, personalKey(carol.id)))?.points, 3);
    assert.equal(await storedUser(h, `g:${h.guildId}:user:${carol.id}`), undefined);
  });

  await t.test('then /stats in the DM shows it, and /stats in the server does not', async () => {
    const dm = (await finalResponses(h.emu.slash({ user: carol, name: 'stats', dm: true }))).at(-1)!;
    assert.equal(statsFields(dm).Answers, '1');
    const server = (await finalResponses(h.emu.slash({ user: carol, name: 'stats' }))).at(-1)!;
    assert.match(server.data.content, /no answers stored in this server/);
  });

  await t.test("then the server's leaderboard does not list her", async () => {
    const board = await h.emu.slash({ user: carol, name: 'leaderboard' }).firstResponse();
    assert.match(board.data.embeds[0].description, /Nobody is on this board yet/);
  });

  await t.test(
    'when she uses her own install in a server without the bot, then replies are private and it is the same personal practice',
    async () => {
      const before = h.emu.messages(OTHER_CHANNEL).length;
      const { responses, final } = await answer(h, carol, 'ct-hounsfield-units', undefined, {
        guildId: OTHER_GUILD,
      });
      assert.ok(
        responses.every((r) => r.ephemeral),
        'every response there is ephemeral',
      );
      const done = await finalResponses(
        h.emu.click({ user: carol, message: final.message!, customId: buttonId(final, 'Partly') }),
      );
      assert.match(done.at(-1)!.data.content, /\+2 points/);
      assert.equal((await storedUser(h, personalKey(carol.id)))?.points, 5);
      const posted = h.emu.messages(OTHER_CHANNEL).slice(before);
      assert.ok(
        posted.every((m) => (m.flags & 64) !== 0),
        'nothing was posted publicly in a server without the bot',
      );
    },
  );

  await t.test(
    'when someone asks for her stats outside a server with the bot, then it is refused',
    async () => {
      const dave = h.user('dave');
      const reply = (
        await finalResponses(
          h.emu.slash({ user: dave, name: 'stats', guildId: OTHER_GUILD, options: { user: carol.id } }),
        )
      ).at(-1)!;
      assert.match(reply.data.content, /only your own personal practice/);
    },
  );

  await t.test(
    'when she runs /forget-me in the DM, then her personal practice and reminder are gone and her server data is not',
    async () => {
      await answerAndGrade(h, carol, 'dicom-basics', 'missed');
      await finalResponses(
        h.emu.slash({ user: carol, name: 'settings', dm: true, options: { remind: '19:00' } }),
      );
      assert.ok(await h.store.keyv.get(`rem:${carol.id}`), 'a reminder is stored');
      const prompt = await h.emu.slash({ user: carol, name: 'forget-me', dm: true }).firstResponse();
      assert.match(prompt.data.content, /personal practice/);
      const done = await finalResponses(
        h.emu.click({ user: carol, message: prompt.message!, customId: buttonId(prompt, 'Delete my data') }),
      );
      assert.match(done.at(-1)!.data.content, /deleted 2 answers/);
      assert.deepEqual(await h.store.scan(`g:@${carol.id}:`), []);
      assert.equal(await h.store.keyv.get(`rem:${carol.id}`), undefined, 'the reminder is gone too');
      assert.equal((await storedUser(h, `g:${h.guildId}:user:${carol.id}`))?.answers, 1);
    },
  );

  await t.test('then no payload broke a Discord rule', () => assert.deepEqual(h.emu.violations, []));
});

test('given a member who sets her personal timezone with /settings', async (t) => {
  // 23:30 in New York on Sunday 2026-11-01 (the day DST ends there) is already Monday in UTC.
  const clock = new TestClock(new Date('2026-11-02T04:30:00Z'));
  const h = await build(t, { clock });
  const erin = h.user('erin');

  await t.test('when the zone is not an IANA name, then it is refused and nothing is saved', async () => {
    const reply = (
      await finalResponses(
        h.emu.slash({ user: erin, name: 'settings', dm: true, options: { timezone: 'Mars/Base' } }),
      )
    ).at(-1)!;
    assert.match(reply.data.content, /is not an IANA timezone/);
    assert.deepEqual(await h.store.scan(`g:@${erin.id}:`), []);
  });

  await t.test('when she sets America/New_York, then /settings shows it', async () => {
    const reply = (
      await finalResponses(
        h.emu.slash({ user: erin, name: 'settings', dm: true, options: { timezone: 'America/New_York' } }),
      )
    ).at(-1)!;
    assert.match(reply.data.content, /^Saved\./);
    const shown = (await finalResponses(h.emu.slash({ user: erin, name: 'settings', dm: true }))).at(-1)!;
    assert.match(shown.data.content, /Timezone: \*\*America\/New_York\*\*/);
  });

  await t.test("then an answer in the DM belongs to her local day, not UTC's", async () => {
    await answer(h, erin, 'dicom-basics', undefined, { dm: true });
    const answers = await h.store.scan(`g:@${erin.id}:answer:`);
    assert.equal(answers.length, 1);
    const stored = answers[0]!.value as { day: string; tz: string };
    assert.equal(stored.day, '2026-11-01');
    assert.equal(stored.tz, 'America/New_York');
  });

  await t.test('then a server answer at the same moment keeps the server day (UTC here)', async () => {
    await answer(h, erin, 'dicom-basics');
    const answers = await h.store.scan(`g:${h.guildId}:answer:${erin.id}:`);
    assert.equal((answers[0]!.value as { day: string }).day, '2026-11-02');
  });
});
