// The bank's floors (issue: 120 questions with complete answers across 11 topics), asserted so the
// bank cannot silently shrink or lose quality.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOPICS } from '../../src/bank/topics.ts';
import { DIFFICULTIES } from '../../src/core/types.ts';
import { realBank } from '../helpers/build.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

test('given the real bank, then it has at least 120 questions', async () => {
  assert.ok((await realBank()).questions.length >= 120);
});

test('given the real bank, then every topic has at least 8 questions (by main topic) and every difficulty', async () => {
  const { questions } = await realBank();
  for (const topic of TOPICS) {
    const own = questions.filter((q) => q.topics[0] === topic.slug);
    assert.ok(own.length >= 8, `${topic.slug} has ${own.length} questions`);
    for (const difficulty of DIFFICULTIES) {
      assert.ok(
        own.some((q) => q.difficulty === difficulty),
        `${topic.slug} has a ${difficulty} question`,
      );
    }
  }
});

test('given the real bank, then every question has 3-8 key points and a complete answer of 120-400 words', async () => {
  for (const q of (await realBank()).questions) {
    assert.ok(
      q.keyPoints.length >= 3 && q.keyPoints.length <= 8,
      `${q.id}: ${q.keyPoints.length} key points`,
    );
    const n = words(q.answer);
    assert.ok(n >= 120 && n <= 400, `${q.id}: ${n} words`);
    assert.doesNotMatch(q.answer, /The rest of the answer is here/, q.id);
  }
});

test("given the seed's 12 questions, then each is in the bank with its heading unchanged", async () => {
  const titles = new Set((await realBank()).questions.map((q) => q.title));
  for (const title of [
    'What is medical imaging and why is it important in healthcare?',
    'What are the different types of medical imaging techniques? Explain each briefly.',
    'How do you handle missing or corrupted data in a dataset?',
    'What is DICOM? Explain its significance in medical imaging.',
    'Explain the concepts of precision, recall, and F1 score in the context of medical image analysis.',
    'How do you handle class imbalance in medical imaging datasets?',
    'What is the role of convolutional neural networks (CNNs) in medical image analysis?',
    'Explain the concept of transfer learning and its relevance in medical imaging tasks.',
    'What is the difference between supervised, unsupervised, and semi-supervised learning?',
    'What are some common preprocessing techniques used in medical image analysis?',
    "Describe the process of data augmentation and why it's important in medical image analysis.",
    'What is image segmentation? Explain its significance in medical imaging.',
  ]) {
    assert.ok(titles.has(title), title);
  }
});
