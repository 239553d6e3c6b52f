import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseBankFile } from '../../src/bank/parse.ts';
import { SEED_TITLES } from '../helpers/seed.ts';

const SEED = readFileSync(new URL('../fixtures/seed.md', import.meta.url), 'utf8');

// Line numbers in the comments are the ones the assertions below rely on.
const BANK = `# Formats

Intro text for humans.

## What is DICOM and why does it matter?

- id: \`dicom-basics\`
- topics: formats, foundations
- difficulty: easy

### Key points
- A standard for images with their metadata (also: file format and network protocol, metadata)
- Patient / study / series / instance hierarchy (also:  StudyInstanceUID , , SeriesInstanceUID)
- Tags with value representations

### Answer
DICOM is **a standard**.

\`\`\`text
## not a heading, just code
\`\`\`

- a list in the answer

## Second question
- id: second
- topics: data
- difficulty: hard

### Key points
- one
- two
- three

### Answer
Short answer with $$a \\over b$$.
`;

describe('parseBankFile on the legacy seed', () => {
  const { questions, problems } = parseBankFile('seed.md', SEED);

  it('given the seed when parsed then it yields exactly 12 seed questions with the prefix stripped from titles', () => {
    assert.deepEqual(problems, []);
    assert.equal(questions.length, 12);
    assert.deepEqual(
      questions.map((q) => q.title),
      SEED_TITLES,
    );
    assert.deepEqual(
      questions.map((q) => q.seedNumber),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.ok(questions.every((q) => q.format === 'seed'));
  });

  it('given the seed when parsed then the heading lines point at the `## Qn:` lines', () => {
    assert.equal(questions[0]?.line, 11);
    assert.equal(questions[1]?.line, 17);
    assert.equal(questions[11]?.line, 115);
  });

  it('given the intro before the first question when parsed then it is not part of any answer', () => {
    assert.ok(questions.every((q) => !q.answer.includes('Welcome to the Medical Imaging')));
    assert.ok(questions[0]?.answer.startsWith('Medical imaging refers to'));
  });

  it('given the teaser lines when parsed then no answer contains "The rest of the answer is here."', () => {
    for (const q of questions) assert.ok(!q.answer.includes('The rest of the answer is here.'), q.title);
  });

  it('given the broken bold "1.** X-ray**" when parsed then Q2 contains the repaired "1. **X-ray**"', () => {
    assert.ok(questions[1]?.answer.includes('1. **X-ray**: X-ray imaging'));
    assert.ok(!questions[1]?.answer.includes('1.**'));
  });

  it('given the seed when parsed then answers keep their markdown and LaTeX source', () => {
    assert.ok(
      questions[4]?.answer.includes(
        '$$Precision = {True Positives \\over True Positives + False Positives}$$',
      ),
    );
    assert.ok(questions[8]?.answer.includes('- Requires a labeled dataset (input-output pairs).\n- Learns'));
  });

  it('given other glued list markers when parsed then they are repaired the same way', () => {
    const { questions: qs } = parseBankFile(
      's.md',
      '## Q1: t\n\n3)** Bold  **: x\n-** Dash**: y\n**plain** stays\n',
    );
    assert.equal(qs[0]?.answer, '3) **Bold**: x\n- **Dash**: y\n**plain** stays');
  });
});

describe('parseBankFile on the project layout', () => {
  const { questions, problems } = parseBankFile('bank.md', BANK);
  const [first, second] = questions;

  it('given two questions when parsed then the metadata is read and the `# ` title and intro are ignored', () => {
    assert.deepEqual(problems, []);
    assert.equal(questions.length, 2);
    assert.equal(first?.format, 'bank');
    assert.equal(first?.title, 'What is DICOM and why does it matter?');
    assert.equal(first?.id, 'dicom-basics');
    assert.deepEqual(first?.topics, ['formats', 'foundations']);
    assert.equal(first?.difficulty, 'easy');
    assert.equal(second?.id, 'second');
    assert.equal(second?.difficulty, 'hard');
  });

  it('given "(also: ...)" suffixes when parsed then they become trimmed, non-empty synonyms', () => {
    assert.deepEqual(first?.keyPoints, [
      {
        text: 'A standard for images with their metadata',
        synonyms: ['file format and network protocol', 'metadata'],
        line: 12,
      },
      {
        text: 'Patient / study / series / instance hierarchy',
        synonyms: ['StudyInstanceUID', 'SeriesInstanceUID'],
        line: 13,
      },
      { text: 'Tags with value representations', synonyms: [], line: 14 },
    ]);
  });

  it('given the layout when parsed then every field carries the line it was written on', () => {
    assert.equal(first?.line, 5);
    assert.equal(first?.idLine, 7);
    assert.equal(first?.topicsLine, 8);
    assert.equal(first?.difficultyLine, 9);
    assert.equal(first?.keyPointsLine, 11);
    assert.equal(first?.answerLine, 17);
    assert.equal(second?.line, 25);
    assert.equal(second?.answerLine, 36);
  });

  it('given an answer with code and lists when parsed then it is the verbatim source, `##` in code included', () => {
    assert.equal(
      first?.answer,
      'DICOM is **a standard**.\n\n```text\n## not a heading, just code\n```\n\n- a list in the answer',
    );
    assert.equal(second?.answer, 'Short answer with $$a \\over b$$.');
  });

  it('given CRLF line endings and a BOM when parsed then the result is the same', () => {
    const crlf = parseBankFile('bank.md', `\uFEFF${BANK.replace(/\n/g, '\r\n')}`);
    assert.deepEqual(crlf, { questions, problems });
  });

  it('given stray text, unknown fields and duplicate sections when parsed then each is a problem on its line', () => {
    const text = [
      '## Title', // 1
      '- id: a',
      '- colour: blue', // 3
      '- id: b', // 4
      '',
      'Loose paragraph', // 6
      '### Key points',
      '- k1',
      '### Answer',
      'text',
      '### Answer', // 11
      'more',
      '# Late title', // 13
    ].join('\n');
    const { questions: qs, problems: ps } = parseBankFile('x.md', text);
    assert.deepEqual(
      ps.map((p) => p.line),
      [3, 4, 6, 11, 13],
    );
    assert.match(ps[0]?.message ?? '', /unknown metadata field "colour"/);
    assert.equal(qs[0]?.id, 'a');
    assert.equal(qs[0]?.answer, 'text');
  });

  it('given a file without any `## ` heading when parsed then it reports "no questions" on line 1', () => {
    const { questions: qs, problems: ps } = parseBankFile('empty.md', '# Only a title\n\nSome text\n');
    assert.equal(qs.length, 0);
    assert.equal(ps.length, 1);
    assert.equal(ps[0]?.line, 1);
    assert.match(ps[0]?.message ?? '', /no questions/);
  });
});

describe('parseBankFile never throws', () => {
  const check = (text: string) => {
    const { questions, problems } = parseBankFile('any.md', text);
    assert.ok(questions.length + problems.length > 0, 'some questions or some problems');
    for (const p of problems) assert.ok(Number.isInteger(p.line) && p.line >= 1, `problem line ${p.line}`);
    for (const q of questions) {
      for (const line of [q.line, q.idLine, q.topicsLine, q.difficultyLine, q.keyPointsLine, q.answerLine]) {
        if (line !== undefined) assert.ok(Number.isInteger(line) && line >= 1, `question line ${line}`);
      }
      for (const k of q.keyPoints ?? [])
        assert.ok(k.line >= 1 && k.synonyms.every((s) => s.trim() === s && s !== ''));
    }
  };

  it('given arbitrary strings when parsed then it yields questions or problems with positive lines', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'binary' }), check), { numRuns: 300 });
  });

  const line = fc.oneof(
    fc.constantFrom(
      '## Q1: seed title',
      '## A question?',
      '##',
      '# Title',
      '### Key points',
      '### Answer',
      '### Other',
      '- id: `some-id`',
      '- topics: formats, data',
      '- difficulty: hard',
      '- point (also: a, , b)',
      '- (also:)',
      '1.** Broken**: bold',
      'The rest of the answer is here.',
      '```',
      '> quote',
      '$$x \\over y$$',
      '<!-- comment -->',
      '---',
      '',
      '\r',
      '\uFEFF',
      '\0',
    ),
    fc.string({ maxLength: 30 }),
  );

  it('given generated markdown-like lines when parsed then it yields questions or problems with positive lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => check(lines.join('\n'))),
      { numRuns: 300 },
    );
  });

  it('given a huge or truncated file when parsed then it reports instead of throwing', () => {
    check('## Q'.repeat(100_000));
    check(BANK.slice(0, 123));
    check('['.repeat(50_000));
    check('> '.repeat(10_000) + 'x');
    const huge = parseBankFile('huge.md', 'x'.repeat(2_000_001));
    assert.match(huge.problems[0]?.message ?? '', /characters/);
  });
});
