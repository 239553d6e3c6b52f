// ReportService on a real store (in-memory SQLite): limits, the daily quota under concurrency, what
// a report records, and who reads which reports.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { REPORT_MAX_LENGTH, REPORT_MIN_LENGTH, REPORTS_PER_DAY } from '../../src/app/reports.ts';
import { questionVersion, SERVER_ID_PREFIX } from '../../src/core/bank.ts';
import type { Question } from '../../src/core/types.ts';
import { services } from '../helpers/services.ts';

const HOUR = 3_600_000;

/** Services on a fresh store at 2026-11-27 22:00 UTC (each test builds its own). */
async function given(t: TestContext) {
  const { ctx, clock } = await services(t, { now: '2026-11-27T22:00:00Z' });
  const question = ctx.bank().questions.find((q) => q.id === 'dicom-basics')!;
  return { ctx, clock, question };
}

const TEXT = 'The model answer should mention DICOMweb.';

test('given report texts at the length limits, when they are sent, then 10 and 1,000 characters are stored, 9 (after trimming) and 1,001 are refused', async (t) => {
  const { ctx, question } = await given(t);
  await assert.rejects(
    ctx.reports.submit('u1', question, `   ${'x'.repeat(REPORT_MIN_LENGTH - 1)}   `),
    /at least 10 characters.*Nothing was sent/,
  );
  await assert.rejects(
    ctx.reports.submit('u1', question, 'x'.repeat(REPORT_MAX_LENGTH + 1)),
    /limited to 1000 characters\. Nothing was sent/,
  );
  assert.deepEqual(await ctx.reports.all(), []);
  await ctx.reports.submit('u1', question, 'y'.repeat(REPORT_MIN_LENGTH));
  await ctx.reports.submit('u1', question, 'z'.repeat(REPORT_MAX_LENGTH));
  assert.equal((await ctx.reports.all()).length, 2);
});

test('given a report, when it is stored, then it records the member, the question, its version and source, the trimmed text and the time', async (t) => {
  const { ctx, question } = await given(t);
  const report = await ctx.reports.submit('u1', question, `  ${TEXT}  `);
  assert.equal(report.v, 2);
  assert.equal(report.userId, 'u1');
  assert.equal(report.questionId, 'dicom-basics');
  assert.equal(report.text, TEXT);
  assert.equal(report.at, '2026-11-27T22:00:00.000Z');
  assert.equal(report.bankVersion, questionVersion(question));
  assert.deepEqual(report.source, question.source);
  assert.equal(report.guildId, undefined, 'a shared-bank question is the maintainers’');
  assert.deepEqual(await ctx.reports.all(), [report]);
});

test(`given ${REPORTS_PER_DAY} reports today (UTC), when another comes, then it is refused; after midnight UTC it is taken`, async (t) => {
  const { ctx, clock, question } = await given(t);
  for (let i = 0; i < REPORTS_PER_DAY; i++) await ctx.reports.submit('u1', question, `${TEXT} (${i})`);
  await assert.rejects(ctx.reports.submit('u1', question, TEXT), /3 reports today/);
  await ctx.reports.submit('u2', question, TEXT);
  clock.advance(2 * HOUR);
  await ctx.reports.submit('u1', question, TEXT);
  assert.equal((await ctx.reports.all()).filter((r) => r.userId === 'u1').length, REPORTS_PER_DAY + 1);
});

test('given five reports sent at the same moment, when they are counted, then exactly three are stored', async (t) => {
  const { ctx, question } = await given(t);
  const results = await Promise.allSettled(
    Array.from({ length: 5 }, (_, i) => ctx.reports.submit('u1', question, `${TEXT} (${i})`)),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, REPORTS_PER_DAY);
  assert.equal((await ctx.reports.all()).length, REPORTS_PER_DAY);
});

test("given reports on the shared bank and on two servers' own questions, when they are listed, then each reader sees only theirs, newest first", async (t) => {
  const { ctx, clock, question } = await given(t);
  const own: Question = { ...question, id: `${SERVER_ID_PREFIX}my-question` };
  const shared1 = await ctx.reports.submit('u1', question, `${TEXT} 1`, 'g1');
  clock.advance(1000);
  const a = await ctx.reports.submit('u1', own, `${TEXT} 2`, 'g1');
  clock.advance(1000);
  const b = await ctx.reports.submit('u2', own, `${TEXT} 3`, 'g2');
  clock.advance(1000);
  const shared2 = await ctx.reports.submit('u2', question, `${TEXT} 4`);
  clock.advance(1000);
  const a2 = await ctx.reports.submit('u2', own, `${TEXT} 5`, 'g1');
  clock.advance(1000);
  const a3 = await ctx.reports.submit('u1', own, `${TEXT} 6`, 'g1');
  assert.equal(
    shared1.guildId,
    undefined,
    'a shared question stays the maintainers’ whatever server it came from',
  );
  assert.equal(a.guildId, 'g1');
  assert.deepEqual(
    (await ctx.reports.all()).map((r) => r.id),
    [shared2.id, shared1.id],
  );
  assert.deepEqual(
    (await ctx.reports.forServer('g1')).map((r) => r.id),
    [a3.id, a2.id, a.id],
  );
  assert.deepEqual(
    (await ctx.reports.forServer('g2')).map((r) => r.id),
    [b.id],
  );
});
