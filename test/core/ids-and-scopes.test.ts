// Ids and scopes: a personal scope never looks like a server, a server question's id never looks
// like a shared one, a removed question is still found for what already refers to it, and a
// question's version changes exactly when what it says changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  findQuestion,
  isServerQuestionId,
  questionVersion,
  serverQuestionId,
  slugOf,
} from '../../src/core/bank.ts';
import { UserError } from '../../src/core/errors.ts';
import { formProblemText } from '../../src/core/question-form.ts';
import { isPersonalScope, personalScope } from '../../src/core/scope.ts';
import { type Bank, KIND_NAMES, type Question, stageName } from '../../src/core/types.ts';

const question = (id: string, title = `About ${id}`): Question =>
  ({
    id,
    title,
    topics: ['formats'],
    difficulty: 'easy',
    kind: 'concept',
    keyPoints: [{ text: 'A point', synonyms: [] }],
    answer: 'An answer.',
    source: { file: 'x.md', line: 1 },
  }) as Question;

test('given a member, when their personal scope is made, then it is "@" and their id, and only such ids are personal', () => {
  assert.equal(personalScope('123'), '@123');
  assert.equal(isPersonalScope('@123'), true);
  assert.equal(isPersonalScope('123'), false);
  assert.equal(isPersonalScope('123@'), false, 'the marker leads');
});

test('given a slug, when it becomes a server question id, then it is "srv." and the slug, and the slug comes back from it; a shared id stays as it is', () => {
  assert.equal(serverQuestionId('dice'), 'srv.dice');
  assert.equal(isServerQuestionId('srv.dice'), true);
  assert.equal(isServerQuestionId('dice-srv.'), false, 'the prefix leads');
  assert.equal(slugOf('srv.dice'), 'dice');
  assert.equal(slugOf('dicom-basics'), 'dicom-basics');
});

test('given a bank with a retired question, when questions are found by id, then current ones come first, retired ones are still found, and unknown ids are not', () => {
  const current = question('a');
  const retired = question('b');
  const bank = {
    questions: [current],
    byId: new Map([['a', current]]),
    topics: [],
    retired: new Map([['b', retired]]),
  } as Bank;
  assert.equal(findQuestion(bank, 'a'), current);
  assert.equal(findQuestion(bank, 'b'), retired);
  assert.equal(findQuestion(bank, 'c'), undefined);
  assert.equal(
    findQuestion({ ...bank, retired: undefined } as Bank, 'b'),
    undefined,
    'a bank without retired questions',
  );
});

test('given a question, when its version is taken, then it is 10 hex characters that change with what it says, not with where it sits', () => {
  const q = question('a');
  const version = questionVersion(q);
  assert.match(version, /^[0-9a-f]{10}$/);
  assert.equal(questionVersion({ ...q, id: 'moved', source: { file: 'y.md', line: 9 } }), version);
  for (const changed of [
    { title: 'Another title' },
    { topics: ['data'] },
    { difficulty: 'hard' as const },
    { keyPoints: [{ text: 'Another point', synonyms: [] }] },
    { answer: 'Another answer.' },
  ]) {
    assert.notEqual(questionVersion({ ...q, ...changed }), version, Object.keys(changed)[0]);
  }
});

test('given kinds, stages, form problems and user errors, when they are shown, then each reads as a member sees it', () => {
  assert.deepEqual(KIND_NAMES, {
    concept: 'Concept',
    'case-study': 'Case study',
    behavioural: 'Behavioural',
    coding: 'Coding',
  });
  assert.equal(stageName('deployment'), 'Deployment');
  assert.equal(formProblemText({ field: 'keyPoints', message: 'give 3-8' }), 'Key points: give 3-8');
  assert.equal(formProblemText({ field: undefined, message: 'too long' }), 'too long');
  const error = new UserError('No such question.');
  assert.equal(error.name, 'UserError');
  assert.equal(error.message, 'No such question.');
  assert.ok(error instanceof Error);
});
