// The interviewer's sections of the bank format: optional `### Follow-ups` and `### Red flags`
// bullet lists after the answer, validated like the rest with file:line problems.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateQuestions } from '../../src/bank/load.ts';
import { parseBankFile } from '../../src/bank/parse.ts';
import { BANK_TOPICS } from '../helpers/topics.ts';

function question(sections: string[]): string {
  return [
    '## Why do we split medical images by patient?',
    '',
    '- id: `patient-split`',
    '- topics: data',
    '- difficulty: easy',
    '',
    '### Key points',
    '- Images of one patient are correlated, so a split by image leaks',
    '- Leakage inflates the test metrics',
    '- Split by patient, and by site for external validation',
    '',
    '### Answer',
    'Because images of one patient look alike, an image-level split leaks.',
    '',
    ...sections,
  ].join('\n');
}

function validate(text: string) {
  const parsed = parseBankFile('q.md', text);
  const result = validateQuestions(parsed.questions, BANK_TOPICS);
  return { ...result, problems: [...parsed.problems, ...result.problems].sort((a, b) => a.line - b.line) };
}
const messages = (r: ReturnType<typeof validate>) => r.problems.map((p) => `${p.line}: ${p.message}`);

describe('follow-ups and red flags', () => {
  it('given both sections after the answer, then the question carries them and the answer stops before them', () => {
    const r = validate(
      question([
        '### Follow-ups',
        '- How would you split when one patient has studies at two sites?',
        '- What if patient ids were re-issued by a merger of two hospitals?',
        '',
        '### Red flags',
        '- Splits randomly by image or by slice',
        '',
      ]),
    );
    assert.deepEqual(messages(r), []);
    const q = r.bank?.questions[0];
    assert.deepEqual(q?.followUps, [
      'How would you split when one patient has studies at two sites?',
      'What if patient ids were re-issued by a merger of two hospitals?',
    ]);
    assert.deepEqual(q?.redFlags, ['Splits randomly by image or by slice']);
    assert.equal(q?.answer, 'Because images of one patient look alike, an image-level split leaks.');
  });

  it('given neither section, then the question has none (they are optional)', () => {
    const q = validate(question([])).bank?.questions[0];
    assert.equal(q?.followUps, undefined);
    assert.equal(q?.redFlags, undefined);
  });

  it('given an empty section, a short item, too many items or prose, then each is a problem at its line', () => {
    const r = validate(
      question([
        '### Follow-ups', // line 15
        '- Why?',
        '',
        '### Red flags', // line 18
        '- One red flag that is long enough',
        '- Two red flag that is long enough',
        '- Three red flag that is long enough',
        '- Four red flag that is long enough',
        '- Five red flag that is long enough',
        '- Six red flag that is long enough',
        '',
        'Some prose that is not a list.',
        '',
      ]),
    );
    assert.deepEqual(messages(r), [
      '16: a "### Follow-ups" item is 4 characters; write at least 10',
      '18: 6 items under "### Red flags"; give at most 5',
      '26: expected only a bullet list under `### Red flags`',
    ]);
  });

  it('given a section twice, then the second is a problem and ignored', () => {
    const r = validate(
      question([
        '### Red flags',
        '- Splits randomly by image or by slice',
        '',
        '### Red flags',
        '- Reports only the validation score',
        '',
      ]),
    );
    assert.deepEqual(messages(r), [
      '18: second `### Red flags` in this question (the first is at line 15); this one is ignored',
    ]);
  });

  it('given a heading without items, then it says the section is empty', () => {
    const r = validate(question(['### Follow-ups', '', '### Red flags', '- Splits randomly by image', '']));
    assert.deepEqual(messages(r), [
      '15: "### Follow-ups" is empty: give 1-5 bullet items or remove the heading',
    ]);
  });
});
