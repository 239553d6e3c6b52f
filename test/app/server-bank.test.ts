// ServerBankService (a server's own questions) on a real store (in-memory SQLite), without Discord:
// add, edit, remove, import, export, suggestions and forget-me, and the bank each scope sees.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { type TestContext, test } from 'node:test';
import { FormError, ImportError, MAX_SERVER_QUESTIONS } from '../../src/app/server-bank.ts';
import { findQuestion } from '../../src/core/bank.ts';
import { personalScope } from '../../src/core/scope.ts';
import { TABLE } from '../../src/store/open.ts';
import { questionMarkdown } from '../../tools/fixtures/bank-markdown.ts';
import { realBank } from '../helpers/build.ts';
import { bankWhere, services } from '../helpers/services.ts';

const G = 'g1';
const SLUG = 'how-would-you-validate-a-chest-x-ray-triage-model';
const ID = `srv.${SLUG}`;
const FORM = {
  title: 'How would you validate a chest X-ray triage model before it goes live at our hospital?',
  topic: 'evaluation',
  difficulty: 'medium',
  keyPoints: [
    '- Test on a consecutive cohort from our own hospital, not an enriched set',
    '- Report sensitivity for urgent findings with confidence intervals',
    '- Run a silent trial before clinicians see the output',
  ].join('\n'),
  answer:
    'Validate it locally before anyone relies on it. Take a consecutive cohort of recent studies from our own scanners, label urgent findings with a reference standard the model never saw, and report sensitivity and specificity with confidence intervals at the operating point we will use. Then run it silently for some weeks next to the normal workflow, compare its flags with the reports and check the failure cases with radiologists before go-live.',
};

async function given(t: TestContext) {
  const { ctx, clock, restart } = await services(t, { now: '2026-11-20T10:00:00Z' });
  return { ctx, restart, clock, shared: await realBank() };
}

const importText = (ids: string[]) =>
  ids
    .map((id) =>
      questionMarkdown({
        title: `Imported question ${id}: how would you check a model on local data?`,
        id,
        topics: ['evaluation'],
        difficulty: 'hard',
        keyPoints: [
          { text: 'Use a held-out local test set', synonyms: [] },
          { text: 'Report sensitivity and specificity with intervals', synonyms: [] },
          { text: 'Check subgroups and failure cases', synonyms: [] },
        ],
        answer: FORM.answer,
      }),
    )
    .join('\n\n');

test('given a valid form, when an editor adds it, then the server sees it in its bank with the topic name; other servers and the shared bank do not', async (t) => {
  const { ctx, shared } = await given(t);
  const question = await ctx.serverBank.add(G, 'editor', FORM);
  assert.equal(question.id, ID);
  assert.deepEqual(question.topicNames, [shared.topics.find((x) => x.slug === 'evaluation')!.name]);
  assert.deepEqual(question.source, { file: `server ${G}`, line: 1 });
  assert.equal(ctx.bank(G).byId.get(ID)?.title, FORM.title);
  assert.equal(ctx.bank(G).questions.length, shared.questions.length + 1);
  assert.equal(ctx.bank('g2'), shared);
  assert.equal(ctx.bank(undefined), shared);
  assert.deepEqual(
    (await ctx.serverBank.list(G)).map((q) => q.id),
    [ID],
  );
});

test('given the same title twice, when both are added, then the second gets a numbered slug', async (t) => {
  const { ctx } = await given(t);
  await ctx.serverBank.add(G, 'editor', FORM);
  const second = await ctx.serverBank.add(G, 'editor', FORM);
  assert.equal(second.id, `${ID}-2`);
  assert.equal((await ctx.serverBank.add(G, 'editor', FORM)).id, `${ID}-3`);
});

test('given an invalid form, when it is added or suggested, then field problems are reported and nothing is stored', async (t) => {
  const { ctx } = await given(t);
  const bad = { ...FORM, topic: 'astrology' };
  await assert.rejects(ctx.serverBank.add(G, 'editor', bad), (err: unknown) => {
    assert.ok(err instanceof FormError);
    assert.ok(err.problems.length > 0);
    return true;
  });
  await assert.rejects(ctx.serverBank.suggest(G, 'member', bad), FormError);
  assert.deepEqual(await ctx.serverBank.list(G), []);
  assert.deepEqual(await ctx.serverBank.queue(G), []);
});

test('given a personal scope, when a question is added, then it is refused: server questions need a server', async (t) => {
  const { ctx } = await given(t);
  await assert.rejects(ctx.serverBank.add(personalScope('u1'), 'u1', FORM), /belong to a server/);
  assert.deepEqual(await ctx.serverBank.list(personalScope('u1')), []);
});

test('given a server question, when it is edited, then the text changes and it keeps its slug, author and creation time; an unknown id is refused', async (t) => {
  const { ctx, clock } = await given(t);
  await ctx.serverBank.add(G, 'editor', FORM);
  clock.advance(60_000);
  const edited = await ctx.serverBank.edit(G, ID, { ...FORM, title: `${FORM.title} Explain.` });
  assert.equal(edited.id, ID);
  assert.equal(edited.title, `${FORM.title} Explain.`);
  assert.equal((await ctx.serverBank.formFor(G, ID)).title, `${FORM.title} Explain.`);
  await assert.rejects(ctx.serverBank.edit(G, 'srv.nope', FORM), /no question `srv\.nope`/);
  await assert.rejects(ctx.serverBank.formFor(G, 'srv.nope'), /no question/);
  await assert.rejects(ctx.serverBank.formFor('g9', ID), /no question/);
});

test('given a removed question, then it is no longer asked or editable, but answers to it still find it; a restart sees the same', async (t) => {
  const { ctx, restart } = await given(t);
  await ctx.serverBank.add(G, 'editor', FORM);
  const removed = await ctx.serverBank.remove(G, ID);
  assert.equal(removed.id, ID);
  assert.deepEqual(await ctx.serverBank.list(G), []);
  await assert.rejects(ctx.serverBank.remove(G, ID), /no question/);
  await assert.rejects(ctx.serverBank.edit(G, ID, FORM), /no question/);
  const restarted = await restart();
  await restarted.serverBank.ensure(G);
  assert.deepEqual(await restarted.serverBank.list(G), []);
  for (const c of [ctx, restarted]) {
    assert.equal(c.bank(G).byId.has(ID), false, 'not asked');
    assert.equal(c.bank(G).retired?.get(ID)?.title, FORM.title, 'found for the answers to it');
  }
});

test('given a personal scope, when a server question form is asked for, then it says there is no such question', async (t) => {
  const { ctx } = await given(t);
  await assert.rejects(ctx.serverBank.formFor(personalScope('u1'), ID), /This server has no question/);
});

test('given a suggestion that does not exist or was rejected, when it is rejected, then it says it was already reviewed', async (t) => {
  const { ctx } = await given(t);
  await assert.rejects(ctx.serverBank.reject(G, 'editor', 'nope'), /already been reviewed/);
  const s = await ctx.serverBank.suggest(G, 'member', FORM);
  await ctx.serverBank.reject(G, 'editor', s.id);
  await assert.rejects(ctx.serverBank.reject(G, 'editor', s.id), /already been reviewed/);
});

test('given five suggestions of which one was approved, when the member suggests again, then it is taken: only waiting ones count', async (t) => {
  const { ctx } = await given(t);
  const first = await ctx.serverBank.suggest(G, 'member', FORM);
  for (let i = 1; i < 5; i++)
    await ctx.serverBank.suggest(G, 'member', { ...FORM, title: `${FORM.title} (${i})` });
  await ctx.serverBank.approve(G, 'editor', first.id);
  await ctx.serverBank.suggest(G, 'member', { ...FORM, title: `${FORM.title} (again)` });
  assert.equal((await ctx.serverBank.queue(G)).length, 5);
});

test('given 1,001 drafts remembered, when the first and the second are asked for, then the oldest was dropped and the rest kept', async (t) => {
  const { ctx } = await given(t);
  for (let i = 0; i <= 1000; i++) ctx.serverBank.rememberDraft(`k${i}`, { ...FORM, title: `t${i}` });
  assert.equal(ctx.serverBank.draft('k0'), undefined);
  assert.equal(ctx.serverBank.draft('k1')?.title, 't1');
  assert.equal(ctx.serverBank.draft('k1000')?.title, 't1000');
});

test('given a bank file, when it is imported twice (once after a removal), then the first adds, the second updates and brings the removed one back', async (t) => {
  const { ctx } = await given(t);
  assert.deepEqual(await ctx.serverBank.importFile(G, 'editor', importText(['one', 'two'])), {
    added: 2,
    updated: 0,
  });
  await ctx.serverBank.remove(G, 'srv.one');
  assert.deepEqual(await ctx.serverBank.importFile(G, 'other', importText(['one', 'two', 'three'])), {
    added: 1,
    updated: 2,
  });
  assert.deepEqual(
    (await ctx.serverBank.list(G)).map((q) => q.id),
    ['srv.one', 'srv.three', 'srv.two'],
  );
  const exported = await ctx.serverBank.exportFile(G, 'Radiology Club');
  assert.equal(exported.count, 3);
  assert.match(exported.markdown, /^# Questions of Radiology Club/);
});

test('given a bank file with a problem, when it is imported, then nothing is imported and the problem has its line', async (t) => {
  const { ctx } = await given(t);
  const text = `${importText(['one'])}\n\n## A question without metadata\n\nSome answer.\n`;
  await assert.rejects(ctx.serverBank.importFile(G, 'editor', text), (err: unknown) => {
    assert.ok(err instanceof ImportError);
    assert.ok(err.problems.every((p) => p.line > 0));
    return true;
  });
  assert.deepEqual(await ctx.serverBank.list(G), []);
});

test('given suggestions, when an editor approves one and rejects another, then the approved becomes a question crediting its author and neither can be reviewed again', async (t) => {
  const { ctx, clock } = await given(t);
  const a = await ctx.serverBank.suggest(G, 'member', FORM);
  clock.advance(1000); // ids are time-ordered: the queue lists the older first
  const b = await ctx.serverBank.suggest(G, 'member', { ...FORM, title: `${FORM.title} (second)` });
  assert.deepEqual(
    (await ctx.serverBank.queue(G)).map((s) => s.id),
    [a.id, b.id],
  );
  const { question, suggestion } = await ctx.serverBank.approve(G, 'editor', a.id);
  assert.equal(question.id, ID);
  assert.equal(question.suggestedBy, 'member');
  assert.equal(suggestion.state, 'approved');
  assert.equal(suggestion.reviewedBy, 'editor');
  assert.equal(suggestion.questionId, ID);
  const rejected = await ctx.serverBank.reject(G, 'editor', b.id);
  assert.equal(rejected.state, 'rejected');
  await assert.rejects(ctx.serverBank.approve(G, 'editor', a.id), /already been reviewed/);
  await assert.rejects(ctx.serverBank.reject(G, 'editor', b.id), /already been reviewed/);
  await assert.rejects(ctx.serverBank.approve(G, 'editor', 'nope'), /already been reviewed/);
  assert.deepEqual(await ctx.serverBank.queue(G), []);
});

test('given five pending suggestions by one member, when a sixth comes, then it is refused; another member may still suggest', async (t) => {
  const { ctx } = await given(t);
  for (let i = 0; i < 5; i++)
    await ctx.serverBank.suggest(G, 'member', { ...FORM, title: `${FORM.title} (${i})` });
  await assert.rejects(ctx.serverBank.suggest(G, 'member', FORM), /You have 5 suggestions waiting/);
  await ctx.serverBank.suggest(G, 'other', FORM);
  assert.equal((await ctx.serverBank.queue(G)).length, 6);
});

test('given a member whose suggestion became a question, when they are forgotten, then their suggestions go and the question stays without the credit', async (t) => {
  const { ctx, restart } = await given(t);
  const a = await ctx.serverBank.suggest(G, 'member', FORM);
  await ctx.serverBank.suggest(G, 'member', { ...FORM, title: `${FORM.title} (second)` });
  await ctx.serverBank.approve(G, 'editor', a.id);
  const others = await ctx.serverBank.suggest(G, 'other', { ...FORM, title: `${FORM.title} (other's)` });
  await ctx.serverBank.approve(G, 'editor', others.id);
  const pending = await ctx.serverBank.suggest(G, 'other', { ...FORM, title: `${FORM.title} (pending)` });
  await ctx.practice.forget(G, 'member');
  assert.deepEqual(
    (await ctx.serverBank.queue(G)).map((q) => q.id),
    [pending.id],
    "another member's suggestion stays",
  );
  const credits = async (c: typeof ctx) =>
    Object.fromEntries((await c.serverBank.list(G)).map((q) => [q.id, q.suggestedBy]));
  const expected = { [ID]: undefined, [`${ID}-2`]: 'other' };
  assert.deepEqual(await credits(ctx), expected);
  assert.equal(ctx.bank(G).byId.get(ID)?.suggestedBy, undefined);
  assert.deepEqual(await credits(await restart()), expected, 'also as stored');
  assert.deepEqual(await ctx.serverBank.stageForget(personalScope('member'), 'member'), []);
});

test('given a draft remembered for a member, when it is asked for, then the last one comes back', async (t) => {
  const { ctx } = await given(t);
  ctx.serverBank.rememberDraft('k', FORM);
  ctx.serverBank.rememberDraft('k', { ...FORM, title: 'newer' });
  assert.equal(ctx.serverBank.draft('k')?.title, 'newer');
  assert.equal(ctx.serverBank.draft('other'), undefined);
});

test('given a case study with stages and a question with needs, synonyms, follow-ups and red flags, when they are imported, then a new process reads every part back', async (t) => {
  const { ctx, restart, shared } = await given(t);
  const firstOf = async (file: string) => {
    const text = await readFile(`questions/${file}`, 'utf8');
    return text.slice(text.indexOf('\n## ') + 1).split('\n## ')[0] as string;
  };
  const blocks = [await firstOf('12-case-studies.md'), await firstOf('01-foundations.md')];
  await ctx.serverBank.importFile(G, 'editor', blocks.join('\n'));
  const reread = await (await restart()).serverBank.list(G);
  assert.equal(reread.length, 2);
  for (const imported of reread) {
    const original = shared.byId.get(imported.id.slice('srv.'.length));
    assert.ok(original, imported.id);
    assert.equal(imported.kind, original.kind);
    assert.deepEqual(imported.keyPoints, original.keyPoints);
    assert.deepEqual(imported.followUps, original.followUps);
    assert.deepEqual(imported.redFlags, original.redFlags);
  }
  const points = reread.flatMap((q) => q.keyPoints);
  assert.ok(
    points.some((k) => k.needs) && points.some((k) => k.stage) && points.some((k) => k.synonyms.length),
  );
});

test(`given a server at its limit of ${MAX_SERVER_QUESTIONS} questions, when one more is added, then it is refused with the count and the limit`, async (t) => {
  const { ctx } = await given(t);
  const ids = Array.from({ length: MAX_SERVER_QUESTIONS }, (_, i) => `q${i}`);
  await ctx.serverBank.importFile(G, 'editor', importText(ids.slice(0, MAX_SERVER_QUESTIONS - 1)));
  await ctx.serverBank.add(G, 'editor', FORM);
  await assert.rejects(
    ctx.serverBank.add(G, 'editor', { ...FORM, title: `${FORM.title} (one more)` }),
    new RegExp(
      `This server has ${MAX_SERVER_QUESTIONS} questions; 1 more would pass the limit of ${MAX_SERVER_QUESTIONS}`,
    ),
  );
  await ctx.serverBank.remove(G, ID);
  await ctx.serverBank.add(G, 'editor', { ...FORM, title: `${FORM.title} (one more)` });
});

test('given an id with spaces around it, when the question is asked for, then it is found; an unknown long id is quoted to 70 characters', async (t) => {
  const { ctx } = await given(t);
  await ctx.serverBank.add(G, 'editor', FORM);
  assert.equal((await ctx.serverBank.formFor(G, `  ${ID}  `)).title, FORM.title);
  const long = `srv.${'x'.repeat(200)}`;
  await assert.rejects(ctx.serverBank.formFor(G, long), (err: Error) => {
    assert.ok(err.message.includes(`\`${long.slice(0, 70)}\``), err.message);
    return true;
  });
});

test('given form and file problems, when they are reported, then the message lists each problem, and a file says how many', async (t) => {
  const { ctx } = await given(t);
  await assert.rejects(
    ctx.serverBank.add(G, 'editor', { ...FORM, title: '', difficulty: 'brutal' }),
    (err: Error) => {
      assert.ok(err instanceof FormError);
      assert.equal(err.name, 'FormError');
      assert.equal(err.message, err.problems.map((p) => p.message).join('; '));
      assert.ok(err.problems.length >= 2);
      return true;
    },
  );
  const oneProblem = `${importText(['one'])}\n\n## A question without metadata\n\nSome answer.\n`;
  await assert.rejects(ctx.serverBank.importFile(G, 'editor', oneProblem), (err: Error) => {
    assert.ok(err instanceof ImportError);
    assert.equal(err.name, 'ImportError');
    assert.equal(
      err.message,
      `${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the file`,
    );
    return true;
  });
});

test('given a server whose questions cannot be read at first, when they are loaded, then the failure is reported and the next load reads them', async (t) => {
  const { ctx, kv, restart } = await services(t, { now: '2026-11-20T10:00:00Z' });
  await ctx.serverBank.add(G, 'editor', FORM);
  const after = await restart();
  await kv.query(`ALTER TABLE ${TABLE} RENAME TO ${TABLE}_away`);
  await assert.rejects(after.serverBank.ensure(G), /no such table/);
  assert.equal(after.bank(G).byId.get(ID), undefined, 'not loaded yet');
  await kv.query(`ALTER TABLE ${TABLE}_away RENAME TO ${TABLE}`);
  await after.serverBank.ensure(G);
  assert.equal(after.bank(G).byId.get(ID)?.title, FORM.title);
});

test('given a shared question retired by a reload, when a server with its own questions reads its bank, then answers to the retired question still find it', async (t) => {
  const { ctx, shared, restart } = await given(t);
  await ctx.serverBank.add(G, 'editor', FORM);
  const gone = shared.questions[0]!;
  const reloaded = bankWhere(shared, (q) => q.id !== gone.id);
  const after = await restart({ bank: { ...reloaded, retired: new Map([[gone.id, gone]]) } });
  await after.serverBank.ensure(G);
  const bank = after.bank(G);
  assert.equal(bank.byId.get(gone.id), undefined, 'no longer asked');
  assert.equal(findQuestion(bank, gone.id), gone);
  assert.equal(bank.byId.get(ID)?.title, FORM.title);
});
