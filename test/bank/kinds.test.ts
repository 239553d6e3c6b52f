// Question kinds in the bank format: concept (the default), case study (key points by stage),
// behavioural (a STAR answer) and coding (a reference solution in Python). Each kind's rules are
// reported as file:line problems like the rest of the bank.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateQuestions } from '../../src/bank/load.ts';
import { parseBankFile } from '../../src/bank/parse.ts';
import { BANK_TOPICS } from '../helpers/topics.ts';

function question(kind: string | undefined, points: string[], answer: string): string {
  return [
    '## A question?',
    '',
    '- id: `a-question`',
    '- topics: data',
    '- difficulty: hard',
    ...(kind === undefined ? [] : [`- kind: ${kind}`]),
    '',
    '### Key points',
    ...points.map((p) => `- ${p}`),
    '',
    '### Answer',
    answer,
    '',
  ].join('\n');
}

function validate(text: string) {
  const { questions, problems } = parseBankFile('q.md', text);
  assert.deepEqual(problems, []);
  return validateQuestions(questions, BANK_TOPICS);
}
const messages = (r: ReturnType<typeof validate>) => r.problems.map((p) => `${p.line}: ${p.message}`);

const STAGED = [
  'Framing: Define the clinical decision and the operating point (also: intended use)',
  'Data: Sample by patient from several sites and scanners',
  'Labels: Use pathology-confirmed labels for positives',
  'Model: Start with a pretrained 3D CNN baseline',
  'Evaluation: Report sensitivity at fixed specificity per site',
  'Deployment: Run in shadow mode before go-live',
  'Monitoring: Track input drift and positive rate',
];

describe('question kinds', () => {
  it('given no kind, then the question is a concept question', () => {
    const r = validate(question(undefined, ['One point', 'Two points', 'Three points'], 'An answer.'));
    assert.deepEqual(r.problems, []);
    assert.equal(r.bank?.questions[0]?.kind, 'concept');
  });

  it('given an unknown kind, then it is a problem on the kind line', () => {
    const r = validate(question('essay', ['One point', 'Two points', 'Three points'], 'An answer.'));
    assert.deepEqual(messages(r), [
      '6: unknown kind "essay" (expected concept, case-study, behavioural, coding; leave it out for a concept question)',
    ]);
  });

  it('given a case study with stage prefixes, then each point keeps its stage and its text without the prefix', () => {
    const r = validate(question('case-study', STAGED, 'A staged answer.'));
    assert.deepEqual(r.problems, []);
    const q = r.bank?.questions[0];
    assert.equal(q?.kind, 'case-study');
    assert.deepEqual(
      q?.keyPoints.slice(0, 2).map((p) => [p.stage, p.text, p.synonyms]),
      [
        ['framing', 'Define the clinical decision and the operating point', ['intended use']],
        ['data', 'Sample by patient from several sites and scanners', []],
      ],
    );
  });

  it('given a case study, then it may have up to 14 points, while other kinds keep 3-8', () => {
    const fourteen = [...STAGED, ...STAGED];
    assert.deepEqual(validate(question('case-study', fourteen, 'A staged answer.')).problems, []);
    assert.deepEqual(messages(validate(question('case-study', [...fourteen, STAGED[0] as string], 'x'))), [
      '8: 15 key points under "### Key points"; a case study gives 6-14',
    ]);
    const nine = Array.from({ length: 9 }, (_, i) => `Point ${i}`);
    assert.deepEqual(messages(validate(question('coding', nine, '```python\nx = 1\n```'))), [
      '8: 9 key points under "### Key points"; give 3-8',
    ]);
  });

  it('given a case study point without a stage, or fewer than 4 stages, then each is a problem at its line', () => {
    const r = validate(question('case-study', [...STAGED.slice(0, 5), 'No stage here'], 'A staged answer.'));
    assert.deepEqual(messages(r), [
      `14: a case study's key point starts with its stage: "Framing:", "Data:", "Labels:", "Model:", "Evaluation:", "Deployment:", "Monitoring:"`,
    ]);
    const few = ['Data: a', 'Data: b', 'Model: c', 'Model: d', 'Evaluation: e', 'Evaluation: f'];
    assert.deepEqual(messages(validate(question('case-study', few, 'A staged answer.'))), [
      '8: a case study covers at least 4 stages; these key points cover 3',
    ]);
  });

  it('given a behavioural answer without every STAR part, then the missing parts are named', () => {
    const points = ['Owns the outcome', 'Quantifies the result', 'Reflects on what changed'];
    const r = validate(
      question('behavioural', points, '**Situation**: a model failed. **Action**: I fixed it.'),
    );
    assert.deepEqual(messages(r), ['14: a behavioural answer follows STAR: add its Task, Result parts']);
    const star = '**Situation**: s. **Task**: t. **Action**: a. **Result**: r.';
    assert.deepEqual(validate(question('behavioural', points, star)).problems, []);
  });

  it('given a coding answer without a python block, then it is a problem; with one, the question loads', () => {
    const points = ['Handles empty masks', 'Vectorised with NumPy', 'Returns a float'];
    assert.deepEqual(messages(validate(question('coding', points, 'Use numpy.'))), [
      '14: a coding answer gives its reference solution in a fenced ```python block',
    ]);
    const r = validate(
      question('coding', points, 'Like this:\n\n```python\ndef dice(a, b):\n    return 1.0\n```'),
    );
    assert.deepEqual(r.problems, []);
    assert.equal(r.bank?.questions[0]?.kind, 'coding');
  });
});
