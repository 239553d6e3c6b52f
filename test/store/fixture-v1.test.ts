// A store written by an earlier release (every record at v1, test/fixtures/store-v1) opens with the
// current code: every record reads, old user records are migrated on read and written back, and
// the product behaves on them as on new ones.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keys } from '../../src/store/keys.ts';
import { ANSWER_RECORD, GUILD_RECORD, POST_RECORD, USER_RECORD } from '../../src/store/records.ts';
import { build, TestClock } from '../helpers/build.ts';
import { finalResponses } from '../helpers/flows.ts';

const GUILD = '100000000000000001';
const ALICE = '200000000000000002';
const BOB = '200000000000000003';

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-v1-'));
  copyFileSync(join('test', 'fixtures', 'store-v1', 'bot.sqlite'), join(dir, 'bot.sqlite'));
  return dir;
}

test('given a store written by the previous release, when the bot opens it, then every record reads and user records are migrated to v2', async (t) => {
  const dir = copyFixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const h = await build(t, { dir, clock: new TestClock(new Date('2026-11-28T15:00:00Z')) });
  const rows = await h.store.scan(`g:${GUILD}:`);
  const byKind = (part: string) => rows.filter((r) => r.key.includes(`:${part}`));
  assert.equal(byKind('user:').length, 2);
  assert.equal(byKind('answer:').length, 4);
  for (const r of byKind('answer:')) ANSWER_RECORD.read(r.value, r.key);
  for (const r of byKind('post:')) POST_RECORD.read(r.value, r.key);
  GUILD_RECORD.read(byKind('guild')[0]!.value, 'guild');

  const alice = await h.bot.ctx.practice.getUser(GUILD, ALICE);
  assert.equal(alice?.v, 2);
  assert.equal(alice?.points, 4);
  assert.deepEqual(
    alice?.awarded['dicom-basics']?.map((a) => a.day),
    ['2026-11-28'],
  );
  assert.deepEqual(alice?.revealed['ct-hounsfield-units'], ['2026-11-28']);

  // The write-back happens once the key's lock is free.
  await h.bot.store.users.locked([GUILD, ALICE], async () => {});
  const stored = (await h.store.keyv.get(keys.user(GUILD, ALICE))) as { v: number };
  assert.equal(stored.v, 2);
  USER_RECORD.read(stored, 'alice');

  const board = await h.emu
    .slash({ user: { id: ALICE, username: 'alice' }, name: 'leaderboard' })
    .firstResponse();
  assert.match(String(board.data.embeds?.[0]?.description), /alice: 4 points[\s\S]*bob: 2 points/);
});

test('given an ungraded answer stored by the previous release, when its owner grades it, then it counts once under the current rules', async (t) => {
  const dir = copyFixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const h = await build(t, { dir, clock: new TestClock(new Date('2026-11-28T15:00:00Z')) });
  const bob = { id: BOB, username: 'bob', globalName: 'bob' };
  const ungraded = (await h.store.scan(keys.answerPrefix(GUILD, BOB)))
    .map((r) => ANSWER_RECORD.read(r.value, r.key).value)
    .find((a) => a.grade === undefined)!;
  // A grade button of that answer as the old release rendered it, on a message bob owns.
  const posted = await h.emu
    .slash({ user: bob, name: 'question', options: { id: 'dicom-basics' } })
    .firstResponse();
  const graded = await finalResponses(
    h.emu.click({ user: bob, message: posted.message!, customId: `grade:${ungraded.id}:n` }),
  );
  assert.match(String(graded.at(-1)!.data.content), /Graded \*\*Nailed it\*\*: \+3 points\. Total 5 points/);
  const again = await finalResponses(
    h.emu.click({ user: bob, message: posted.message!, customId: `grade:${ungraded.id}:p` }),
  );
  assert.match(String(again.at(-1)!.data.content), /already graded/);
  assert.equal((await h.bot.ctx.practice.getUser(GUILD, BOB))?.points, 5);
});
