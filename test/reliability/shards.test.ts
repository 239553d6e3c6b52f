// Several machines: SHARD_COUNT=4 split over two `npm start` processes (SHARDS=0-1 and 2-3), each a
// supervisor of one process per shard, all on one PostgreSQL, against the emulator (which shards as
// Discord does). Every server is served by the process of its shard, and every answer is kept.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';
import { shardOf } from '../../tools/emulator/gateway.ts';
import { type EmuUser, startEmulator } from '../../tools/emulator/index.ts';
import { shardedGuilds } from '../../tools/fixtures/guilds.ts';
import { finalResponses, GOOD_ANSWER } from '../helpers/flows.ts';
import { postgres, postgresUnavailable } from '../helpers/postgres.ts';
import { ROOT, sleep, spawnBot } from './helpers.ts';

const COUNT = 4;

describe('shards over two machines', { skip: postgresUnavailable() ?? false }, () => {
  test('given SHARD_COUNT=4 run as SHARDS=0-1 and SHARDS=2-3 on one PostgreSQL, when a member of every server answers, then each server is served and every answer is stored', async (t) => {
    const specs = shardedGuilds(8, { firstId: 300000000000000001n, name: 'general' });
    const emu = await startEmulator({ guilds: specs, maxConcurrency: 16, firstResponseDeadlineMs: 60_000 });
    const databaseUrl = await (await postgres()).createDatabase();
    const env = {
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.apiUrl,
      DATABASE_URL: databaseUrl,
      QUESTIONS_DIR: `${ROOT}questions`,
      LOG_LEVEL: 'warn',
      SHARD_COUNT: String(COUNT),
      PG_POOL_SIZE: '3',
    };
    const machines = [spawnBot({ ...env, SHARDS: '0-1' }), spawnBot({ ...env, SHARDS: '2-3' })];
    t.after(async () => {
      for (const m of machines) m.child.kill('SIGTERM');
      await Promise.all(machines.map((m) => m.exited));
      await emu.close();
    });

    const deadline = Date.now() + 90_000;
    while (emu.connectedShards().length < COUNT) {
      for (const m of machines) {
        const exit = await Promise.race([m.exited, sleep(0).then(() => undefined)]);
        assert.equal(exit, undefined, `a supervisor exited:\n${m.output()}`);
      }
      assert.ok(Date.now() < deadline, `shards connected: ${JSON.stringify(emu.connectedShards())}`);
      await sleep(200);
    }
    assert.deepEqual(
      emu
        .connectedShards()
        .map(([id]) => id)
        .sort(),
      [0, 1, 2, 3],
    );
    // Let each shard process finish loading its servers' schedules and registering commands.
    await sleep(1000);

    const members: EmuUser[] = [];
    for (const [i, g] of specs.entries()) {
      const user: EmuUser = { id: String(400000000000000001n + BigInt(i)), username: `member${i}` };
      members.push(user);
      const channelId = g.channels[0]!.id;
      const posted = await emu
        .slash({ user, guildId: g.id, channelId, name: 'question', options: { id: 'dicom-basics' } })
        .firstResponse();
      const modal = await emu
        .click({ user, message: posted.message!, customId: 'answer:dicom-basics' })
        .firstResponse();
      const feedback = await finalResponses(
        emu.submitModal({
          user,
          customId: modal.data.custom_id as string,
          fields: { text: GOOD_ANSWER },
          message: posted.message!,
          guildId: g.id,
          channelId,
        }),
      );
      assert.match(
        JSON.stringify(feedback.at(-1)?.data),
        /Nailed it/,
        `server ${i} (shard ${shardOf(g.id, COUNT)})`,
      );
    }

    const kv = await openStore(databaseUrl, { poolSize: 1 });
    try {
      const store = createStore(kv);
      for (const [i, g] of specs.entries()) {
        const user = await store.users.get(g.id, members[i]!.id);
        assert.equal(user?.answers, 1, `the answer in server ${i}`);
      }
    } finally {
      await kv.close();
    }
    assert.deepEqual(emu.violations, []);
  });
});
