// GuildService on a real store (in-memory SQLite): a server's calendar zone, personal scopes, and
// the write-through cache (servers are served by one process; personal scopes by any).
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { emptyGuild, GuildService, timeZoneOf } from '../../src/app/guilds.ts';
import type { GuildRecord, StoredSchedule } from '../../src/core/model.ts';
import { personalScope } from '../../src/core/scope.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';

async function given(t: TestContext) {
  const kv = await openStore('sqlite://:memory:');
  t.after(() => kv.close());
  const store = createStore(kv);
  return { store, guilds: new GuildService(store.guilds) };
}

const schedule = (channelId: string, timeZone: string, enabled: boolean): StoredSchedule => ({
  guildId: 'g1',
  channelId,
  time: '09:00',
  timeZone,
  enabled,
});

test('given a server, when its calendar zone is asked for, then it is its own zone, else its first enabled schedule’s, else its first schedule’s, else UTC', () => {
  const guild = (schedules: StoredSchedule[], timeZone?: string): GuildRecord => ({
    ...emptyGuild('g1'),
    schedules: Object.fromEntries(schedules.map((s) => [s.channelId, s])),
    ...(timeZone ? { timeZone } : {}),
  });
  assert.equal(timeZoneOf(undefined), 'UTC');
  assert.equal(timeZoneOf(guild([])), 'UTC');
  assert.equal(timeZoneOf(guild([schedule('c1', 'Asia/Tokyo', false)])), 'Asia/Tokyo');
  assert.equal(
    timeZoneOf(guild([schedule('c1', 'Asia/Tokyo', false), schedule('c2', 'Europe/Berlin', true)])),
    'Europe/Berlin',
  );
  assert.equal(
    timeZoneOf(guild([schedule('c2', 'Europe/Berlin', true)], 'America/New_York')),
    'America/New_York',
  );
});

test('given a server, when a personal timezone is set on it, then it is refused; on a personal scope it is stored', async (t) => {
  const { guilds } = await given(t);
  await assert.rejects(guilds.setTimeZone('g1', 'Europe/Berlin'), /only a personal scope/);
  assert.equal(await guilds.get('g1'), undefined);
  const scope = personalScope('u1');
  await guilds.setTimeZone(scope, 'Europe/Berlin');
  assert.equal(await guilds.timeZone(scope), 'Europe/Berlin');
  assert.deepEqual(await guilds.get(scope), {
    v: 3,
    guildId: scope,
    schedules: {},
    timeZone: 'Europe/Berlin',
  });
});

test("given a server read once, when its record is changed behind the service's back, then the cached record is served; a personal scope is always re-read", async (t) => {
  const { store, guilds } = await given(t);
  await guilds.update('g1', (current) => ({ next: { ...current, editorRoleId: 'r1' }, result: undefined }));
  await store.guilds.set(['g1'], { ...emptyGuild('g1'), editorRoleId: 'r2' });
  assert.equal(
    (await guilds.get('g1'))?.editorRoleId,
    'r1',
    'one process serves a server: its writes are the truth',
  );
  const scope = personalScope('u1');
  await guilds.setTimeZone(scope, 'Europe/Berlin');
  await store.guilds.set([scope], { ...emptyGuild(scope), timeZone: 'Asia/Tokyo' });
  assert.equal(await guilds.timeZone(scope), 'Asia/Tokyo', 'another process may have changed it');
});

test('given an update that fails, when the server is read again, then the stored record is read, not what the failed update made', async (t) => {
  const { store, guilds } = await given(t);
  await guilds.get('g1');
  await store.guilds.set(['g1'], { ...emptyGuild('g1'), editorRoleId: 'stored' });
  await assert.rejects(
    guilds.update('g1', () => {
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.equal((await guilds.get('g1'))?.editorRoleId, 'stored');
});

test('given an update, when it returns no next record, then nothing is written', async (t) => {
  const { guilds } = await given(t);
  const result = await guilds.update('g1', () => ({ next: undefined, result: 42 }));
  assert.equal(result, 42);
  assert.equal(await guilds.get('g1'), undefined);
  const stored = { ...emptyGuild('g2'), timeZone: 'Asia/Tokyo' };
  await guilds.update('g2', () => ({ next: stored, result: undefined }));
  await guilds.update('g2', () => ({ next: undefined, result: undefined }));
  assert.deepEqual(await guilds.get('g2'), stored, 'a stored server stays as it was');
});

test('given several servers, when they are read at once, then each record or undefined comes back in order', async (t) => {
  const { guilds } = await given(t);
  await guilds.update('g2', (current) => ({ next: { ...current, editorRoleId: 'r' }, result: undefined }));
  const [one, two] = await guilds.getMany(['g1', 'g2']);
  assert.equal(one, undefined);
  assert.equal(two?.editorRoleId, 'r');
});
