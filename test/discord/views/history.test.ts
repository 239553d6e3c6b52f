import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnswerRecord } from '../../../src/core/model.ts';
import { historyMarkdown } from '../../../src/discord/views/history.ts';

const answers: AnswerRecord[] = Array.from({ length: 10 }, (_, i) => ({
  v: 1,
  id: `a${9 - i}`,
  guildId: '@1',
  userId: '1',
  questionId: 'dicom-basics',
  text: `${'x'.repeat(1000)} answer number ${9 - i}`,
  at: `2026-01-${String(10 - i).padStart(2, '0')}T00:00:00.000Z`,
  day: `2026-01-${String(10 - i).padStart(2, '0')}`,
  daily: false,
  covered: [0],
  missed: [1, 2],
  grade: 'partly',
  points: 2,
}));

describe('history export', () => {
  const exportedAt = new Date('2026-02-01T00:00:00Z');
  const question = () => undefined;

  test('given a history that fits, then every answer is in the file, newest first', () => {
    const { markdown, included } = historyMarkdown({
      answers,
      question,
      personal: true,
      exportedAt,
      maxBytes: 1e6,
    });
    assert.equal(included, 10);
    assert.ok(markdown.indexOf('answer number 9') < markdown.indexOf('answer number 0'));
    assert.match(markdown, /Partly \(\+2 points\) · 1 of 3 key points/);
    assert.doesNotMatch(markdown, /would exceed/);
  });

  test('given a limit that holds only some, then the newest fit, the file stays under the limit and says what was left out', () => {
    const maxBytes = 4000;
    const { markdown, included } = historyMarkdown({
      answers,
      question,
      personal: false,
      exportedAt,
      maxBytes,
    });
    assert.ok(included > 0 && included < 10, `included ${included}`);
    assert.ok(Buffer.byteLength(markdown) <= maxBytes);
    assert.match(markdown, new RegExp(`The newest ${included} of 10 answers`));
    assert.match(markdown, /answer number 9/);
    assert.doesNotMatch(markdown, /answer number 0\b/);
  });
});
