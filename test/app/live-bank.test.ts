// LiveBank: the shared bank swapped whole on a reload, or left alone with the problems found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LiveBank } from '../../src/app/live-bank.ts';
import type { Bank, Question } from '../../src/core/types.ts';
import { realBank } from '../helpers/build.ts';

/** A bank of `questions`, built like the loader builds one. */
function bankOf(base: Bank, questions: Question[]): Bank {
  return { ...base, questions, byId: new Map(questions.map((q) => [q.id, q])) };
}

test('given a bot without a question folder, when it is reloaded, then it says so and keeps its bank', async () => {
  const bank = await realBank();
  const live = new LiveBank(bank);
  assert.equal(live.canReload, false);
  assert.deepEqual(await live.reload(), {
    ok: false,
    problems: ['this bot was started without a question folder to reload'],
  });
  assert.equal(live.current(), bank);
});

test('given a loader that finds problems (even with a bank), when reloaded, then the problems come back and the old bank stays', async () => {
  const bank = await realBank();
  const live = new LiveBank(bank, async () => ({ bank, problems: ['q.md:3: missing id'] }));
  assert.equal(live.canReload, true);
  assert.deepEqual(await live.reload(), { ok: false, problems: ['q.md:3: missing id'] });
  const without = new LiveBank(bank, async () => ({ problems: [] }));
  assert.deepEqual(await without.reload(), { ok: false, problems: [] });
  assert.equal(without.current(), bank);
});

test('given a new bank with one question added, one removed and one changed, when reloaded, then the counts are right, it is served and the removed one stays findable as retired', async () => {
  const bank = await realBank();
  const [first, second, ...rest] = bank.questions as [Question, Question, ...Question[]];
  const added: Question = { ...first, id: 'brand-new-question' };
  const changed: Question = { ...second, answer: `${second.answer} More.` };
  const next = bankOf(bank, [changed, ...rest, added]);
  const live = new LiveBank(bank, async () => ({ bank: next, problems: [] }));
  const outcome = await live.reload();
  assert.deepEqual(outcome, {
    ok: true,
    questions: bank.questions.length,
    topics: bank.topics.length,
    added: ['brand-new-question'],
    removed: [first.id],
    changed: 1,
  });
  assert.equal(live.current().byId.get('brand-new-question'), added);
  assert.equal(live.current().retired?.get(first.id), first);
  // Bringing it back takes it out of the retired questions.
  const back = new LiveBank(live.current(), async () => ({ bank, problems: [] }));
  await back.reload();
  assert.equal(back.current().retired?.has(first.id), false);
  assert.equal(back.current().retired?.has('brand-new-question'), true);
});

test('given two reloads asked for at once, when they finish, then they shared one load; a later reload loads again', async () => {
  const bank = await realBank();
  let loads = 0;
  const live = new LiveBank(bank, async () => {
    loads++;
    return { bank, problems: [] };
  });
  const [a, b] = await Promise.all([live.reload(), live.reload()]);
  assert.equal(a, b);
  assert.equal(loads, 1);
  await live.reload();
  assert.equal(loads, 2);
});
