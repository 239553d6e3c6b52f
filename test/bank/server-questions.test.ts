// A server's questions in the bank format: forms validated like bank files (problems by field),
// and the writer (/bank export) reading back as the same questions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bankFileMarkdown,
  slugFromTitle,
  validateForm,
  validateImport,
} from '../../src/bank/server-questions.ts';
import { realBank } from '../helpers/build.ts';
import { BANK_TOPICS } from '../helpers/topics.ts';

const form = {
  title: 'Why split by patient?',
  topic: 'Data challenges',
  difficulty: 'Easy',
  keyPoints:
    '1. Images of one patient are correlated\n• A split by image leaks into the test set\n- Split by patient and by site',
  answer: 'Because images of one patient look alike, a split by image leaks and inflates the metrics.',
};

test('given a form with a topic name, numbered and bulleted key points and a capitalised difficulty, then it is a valid question', () => {
  const { question, problems } = validateForm(form, 'why-split', BANK_TOPICS);
  assert.deepEqual(problems, []);
  assert.deepEqual(question?.topics, ['data']);
  assert.equal(question?.difficulty, 'easy');
  assert.deepEqual(
    question?.keyPoints.map((k) => k.text),
    [
      'Images of one patient are correlated',
      'A split by image leaks into the test set',
      'Split by patient and by site',
    ],
  );
});

test('given an answer with a "## " heading, then it is refused on the answer field (it would start another question)', () => {
  const { problems } = validateForm(
    { ...form, answer: `${form.answer}\n\n## Another question` },
    'x',
    BANK_TOPICS,
  );
  assert.ok(problems.some((p) => p.field === 'answer' && /would start another question/.test(p.message)));
});

test('given every question of the real bank written out by the export, then the file reads back as the same questions', async () => {
  const bank = await realBank();
  const { questions, problems } = validateImport(bankFileMarkdown('All', bank.questions), bank.topics);
  assert.deepEqual(problems, []);
  const strip = (q: (typeof bank.questions)[number]) => ({
    id: q.id,
    title: q.title,
    topics: q.topics,
    difficulty: q.difficulty,
    kind: q.kind,
    keyPoints: q.keyPoints,
    answer: q.answer,
    followUps: q.followUps,
    redFlags: q.redFlags,
  });
  assert.deepEqual(questions?.map(strip), bank.questions.map(strip));
});

test('given titles, then slugs are kebab-case, at most 50 characters, never empty', () => {
  assert.equal(
    slugFromTitle('What is DICOM — and why does it matter?'),
    'what-is-dicom-and-why-does-it-matter',
  );
  assert.ok(slugFromTitle('x'.repeat(80)).length <= 80);
  assert.equal(slugFromTitle('¿?'), 'question');
  assert.equal(slugFromTitle('Évaluation des modèles'), 'evaluation-des-modeles');
});
