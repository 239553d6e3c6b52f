// The store port over a Keyv store (createStore): the listing methods stay within their prefix,
// settings are strings, ping answers, and records are cached only where this process is the only
// writer.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { emptyUser } from '../../src/core/progress.ts';
import { keys } from '../../src/store/keys.ts';
import { openStore } from '../../src/store/open.ts';
import { createStore } from '../../src/store/store.ts';

async function given(t: TestContext) {
  const kv = await openStore('sqlite://:memory:');
  t.after(() => kv.close());
  return { kv, store: createStore(kv) };
}

const report = (userId: string, id: string) => ({
  v: 2 as const,
  id,
  userId,
  questionId: 'dicom-basics',
  text: 'A report long enough.',
  at: '2026-11-27T12:00:00.000Z',
  bankVersion: 'abc',
  source: { file: 'questions/03-formats.md', line: 3 },
});

test('given answers of two members in two servers whose ids share a prefix, when one member’s answers are listed, then only theirs come, ids without the prefix', async (t) => {
  const { kv, store } = await given(t);
  await kv.commit([
    { key: keys.answer('1', 'u1', 'a1'), value: { bad: true } },
    { key: keys.answer('1', 'u10', 'b1'), value: { bad: true } },
    { key: keys.answer('10', 'u1', 'c1'), value: { bad: true } },
  ]);
  assert.deepEqual(await store.answers.idsOf('1', 'u1'), ['a1']);
  assert.deepEqual(await store.mocks.idsOf('1', 'u1'), []);
  await assert.rejects(
    store.answers.listOf('1', 'u1'),
    /does not match its schema/,
    'a bad record is an error, not skipped',
  );
});

test('given reports of two members, when they are listed, then per member and all come back parsed', async (t) => {
  const { store } = await given(t);
  await store.reports.set(['u1', 'r1'], report('u1', 'r1'));
  await store.reports.set(['u10', 'r2'], report('u10', 'r2'));
  assert.deepEqual(
    (await store.reports.listOf('u1')).map((r) => r.id),
    ['r1'],
  );
  assert.deepEqual((await store.reports.listAll()).map((r) => r.id).sort(), ['r1', 'r2']);
  assert.deepEqual(await store.reminders.listAll(), []);
  assert.deepEqual(await store.users.listGuild('1'), []);
  assert.deepEqual(await store.peerSessions.listGuild('1'), []);
  assert.deepEqual(await store.serverQuestions.listGuild('1'), []);
  assert.deepEqual(await store.suggestions.listGuild('1'), []);
});

test('given leaderboard buckets of two servers, when one server’s are staged for deletion, then only its keys are', async (t) => {
  const { kv, store } = await given(t);
  await store.boardBuckets.set(['1', 3], { v: 1, entries: {} });
  await store.boardBuckets.set(['10', 3], { v: 1, entries: {} });
  const staged = await store.boardBuckets.stageDeleteAll('1');
  assert.deepEqual(
    staged.map((s) => s.key),
    [keys.boardBucket('1', 3)],
  );
  await store.commit(staged);
  assert.equal(await kv.keyv.get(keys.boardBucket('1', 3)), undefined);
  assert.ok(await kv.keyv.get(keys.boardBucket('10', 3)));
});

test('given app settings, when they are read, then a stored string comes back and anything else reads as none', async (t) => {
  const { kv, store } = await given(t);
  assert.equal(await store.settings.get('commands-hash'), undefined);
  await store.settings.set('commands-hash', 'abc123');
  assert.equal(await store.settings.get('commands-hash'), 'abc123');
  assert.equal(await kv.keyv.get('app:commands-hash'), 'abc123');
  await kv.commit([{ key: keys.setting('other'), value: 42 }]);
  assert.equal(await store.settings.get('other'), undefined);
  await store.ping();
  assert.equal(store.shared, false);
});

test('given a SQLite store (one writer), when a user record changes behind the repository, then the cached record is served', async (t) => {
  const { kv, store } = await given(t);
  const user = emptyUser('1', 'u1', 'carol', {
    week: '2026-W48',
    month: '2026-11',
  });
  await store.users.set(['1', 'u1'], user);
  await kv.keyv.set(keys.user('1', 'u1'), { ...user, displayName: 'changed' });
  assert.equal((await store.users.get('1', 'u1'))?.displayName, 'carol');
  assert.deepEqual(
    (await store.users.listGuild('1')).map((u) => u.displayName),
    ['changed'],
    'a listing reads the store',
  );
});
