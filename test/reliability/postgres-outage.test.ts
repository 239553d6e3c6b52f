// PostgreSQL going away under a running bot (a server of the test's own, stopped and started again):
// members are told their action failed, a failed read never looks like a new member, and once the
// database is back everything works without a restart and nothing acknowledged is lost.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { build } from '../helpers/build.ts';
import { answer, answerAndGrade, finalResponses } from '../helpers/flows.ts';
import { postgresUnavailable, startCluster } from '../helpers/postgres.ts';

const text = (response: { data?: unknown } | undefined) => JSON.stringify(response?.data ?? '');

describe('PostgreSQL going away', { skip: postgresUnavailable() ?? false }, () => {
  test('given the database stops, when members act, then they are told it failed; when it is back, then all works and nothing is lost', async (t) => {
    const server = await startCluster();
    const h = await build(t, { dbUrl: await server.createDatabase() });
    const bob = h.user('bob');
    await answerAndGrade(h, bob, 'dicom-basics', 'nailed');
    // A new process: nothing of Bob's is cached, so every read goes to the database.
    await h.restart();
    await server.stop();

    const stats = await finalResponses(h.emu.slash({ user: bob, name: 'stats' }));
    assert.match(text(stats.at(-1)), /Something went wrong on our side/);
    assert.doesNotMatch(text(stats.at(-1)), /no answers stored/, 'a failed read is not a new member');

    const failed = await answer(h, bob, 'ct-hounsfield-units');
    assert.match(text(failed.final), /Something went wrong on our side/);

    await server.start();
    const saved = await answer(h, bob, 'ct-hounsfield-units');
    assert.match(text(saved.final), /Nailed it/, 'the feedback with its grade buttons');
    const user = await h.bot.store.users.get(h.guildId, bob.id);
    assert.equal(user?.answers, 2, 'the answer before the outage and the one after');
    assert.equal(user?.points, 3);
  });
});
