// /interviewer kit: a private set of questions with their rubric, and the same as a markdown file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../helpers/build.ts';
import { finalResponses } from '../helpers/flows.ts';

test('given the real bank, when an interviewer asks for a senior evaluation kit of 4, then she privately gets the rubric of 4 questions with follow-ups and red flags, and the file has them with the model answers', async (t) => {
  const h = await build(t);
  const iris = h.user('iris');
  const reply = (
    await finalResponses(
      h.emu.slash({
        user: iris,
        name: 'interviewer',
        subcommand: 'kit',
        options: { topic: 'evaluation', level: 'senior', count: 4 },
      }),
    )
  ).at(-1)!;
  assert.equal(reply.ephemeral, true);
  const embeds = reply.data.embeds as { title: string; description?: string }[];
  assert.equal(embeds.length, 5, 'an overview and one rubric per question');
  assert.match(embeds[0]!.title, /^Interview kit: Evaluation and statistics \(senior\)/);
  for (const rubric of embeds.slice(1)) {
    assert.match(rubric.description ?? '', /A strong answer covers/);
    assert.match(rubric.description ?? '', /Follow-ups/);
    assert.match(rubric.description ?? '', /Red flags/);
  }
  const file = reply.message?.attachments?.find(
    (a: { filename: string }) => a.filename === 'interview-kit-evaluation-senior.md',
  );
  assert.ok(file, 'the kit is attached as markdown');
  const markdown = h.emu.attachmentData(file.id)!.toString('utf8');
  assert.equal(markdown.match(/^## \d+\. /gm)?.length, 4);
  assert.equal(markdown.match(/^### Model answer$/gm)?.length, 4);
  assert.ok(markdown.match(/^- \[ \] /gm)!.length >= 12, 'key points as a checklist');
  assert.doesNotMatch(markdown, /· easy ·/, 'a senior kit has no easy questions');
  assert.deepEqual(h.emu.violations, []);
});

test('given the largest kit of the whole bank, when it is sent, then the message keeps within Discord limits and the file within the attachment limit', async (t) => {
  const h = await build(t);
  const reply = (
    await finalResponses(
      h.emu.slash({ user: h.user('jo'), name: 'interviewer', subcommand: 'kit', options: { count: 9 } }),
    )
  ).at(-1)!;
  assert.equal((reply.data.embeds as unknown[]).length, 10);
  const file = reply.message?.attachments?.[0];
  assert.ok(file && file.size < 10 * 1024 * 1024);
  assert.deepEqual(h.emu.violations, []);
});

test('given an unknown topic, when a kit is asked for, then the reply says which topics exist', async (t) => {
  const h = await build(t);
  const replies = await h.emu
    .slash({ user: h.user('kim'), name: 'interviewer', subcommand: 'kit', options: { topic: 'astrology' } })
    .settled();
  assert.match(
    JSON.stringify(replies.map((r) => r.data)),
    /Unknown topic `astrology`\. Topics: `foundations`/,
  );
});
