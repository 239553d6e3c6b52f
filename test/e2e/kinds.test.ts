// Question kinds end to end: /question kind: picks one, each kind says how to answer it, a coding
// answer's reference solution arrives as one intact Python block, a case study's key points show
// their stage, and the feedback quotes the words that earned each point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from '../helpers/build.ts';
import { answer, finalResponses } from '../helpers/flows.ts';

const STAGED_ANSWER = [
  'Framing: it is a triage tool that reorders the worklist, and the radiologist still reads every scan.',
  'Data: head CTs from several sites and scanner vendors, every bleed subtype and hard negatives such as calcifications.',
  'Evaluation: I would choose a high-sensitivity threshold on validation data and report sensitivity per site and subtype with confidence intervals.',
].join('\n');

test('given the real bank with every kind of question', async (t) => {
  const h = await build(t);
  const ana = h.user('ana');

  await t.test(
    'when a member runs /question kind:coding, then a coding task is posted, saying how to answer it',
    async () => {
      const first = await h.emu
        .slash({ user: ana, name: 'question', options: { kind: 'coding' } })
        .firstResponse();
      const embed = first.data.embeds[0];
      assert.match(embed.footer.text, /^Coding · /);
      assert.match(embed.description, /Python/);
      const modal = await h.emu
        .click({
          user: ana,
          message: first.message!,
          customId: first.data.components[0].components[0].custom_id,
        })
        .firstResponse();
      assert.equal(modal.callbackType, 9);
      assert.match(modal.data.components[0].components[0].placeholder, /Python/);
    },
  );

  await t.test(
    "when she opens a coding task's answer, then the reference solution is one intact Python block",
    async () => {
      const posted = await h.emu
        .slash({ user: ana, name: 'question', options: { id: 'coding-dice-coefficient' } })
        .firstResponse();
      const shown = (
        await finalResponses(
          h.emu.click({ user: ana, message: posted.message!, customId: 'show:coding-dice-coefficient' }),
        )
      ).at(-1)!;
      const withCode = shown.data.embeds.filter((e: { description?: string }) =>
        e.description?.includes('```python'),
      );
      assert.equal(withCode.length, 1, 'the code block is in one embed');
      const block = /```python\n([\s\S]*?)\n```/.exec(withCode[0].description)?.[1] ?? '';
      assert.match(
        block,
        /def dice\(pred: np\.ndarray, ref: np\.ndarray, empty_value: float = 1\.0\) -> float:/,
      );
      assert.match(block, /return float\(2\.0 \* intersection \/ total\)/);
    },
  );

  await t.test(
    'when she answers a case study by stages, then its key points show their stage and the words that earned them',
    async () => {
      const { final } = await answer(h, ana, 'case-study-ich-triage', STAGED_ANSWER);
      const points = final.data.embeds.find((e: { title?: string }) =>
        e.title?.startsWith('Key points you covered'),
      );
      assert.ok(points, 'the key points embed');
      assert.match(points.description, /✅ \*\*Framing\*\* · The tool reorders the reading worklist/);
      assert.match(
        points.description,
        /\*\*Framing\*\* · The tool reorders[^\n]*\n　↳ \*“[^”]*(worklist|radiologist still reads)/,
      );
      assert.match(
        points.description,
        /\*\*Data\*\* · Head CTs[^\n]*\n　↳ \*“[^”]*(several sites|bleed subtype)/,
      );
      assert.match(points.description, /⬜ \*\*Monitoring\*\* · /);
    },
  );

  await t.test('when she asks for a kind with nothing left to match, then the reply says so', async () => {
    const first = await h.emu
      .slash({ user: ana, name: 'question', options: { kind: 'behavioural', topic: 'classical' } })
      .firstResponse();
    assert.equal(first.ephemeral, true);
    assert.match(first.data.content, /No question matches those options/);
  });
});
