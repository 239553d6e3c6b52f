// The bank's floors (220 questions with complete answers across 14 topics, and the kinds an interview
// loop has), asserted so the bank cannot silently shrink or lose quality.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIFFICULTIES, QUESTION_KINDS, type QuestionKind } from '../../src/core/types.ts';
import { realBank } from '../helpers/build.ts';
import { SEED_TITLES } from '../helpers/seed.ts';
import { BANK_TOPICS as TOPICS } from '../helpers/topics.ts';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

test('given the real bank, then it has at least 220 questions', async () => {
  assert.ok((await realBank()).questions.length >= 220);
});

test('given the real bank, then it has at least 20 case studies, 12 behavioural questions and 15 coding tasks', async () => {
  const { questions } = await realBank();
  const count = (kind: QuestionKind) => questions.filter((q) => q.kind === kind).length;
  assert.ok(count('case-study') >= 20, `${count('case-study')} case studies`);
  assert.ok(count('behavioural') >= 12, `${count('behavioural')} behavioural`);
  assert.ok(count('coding') >= 15, `${count('coding')} coding`);
});

test('given the real bank, then pathology, generative and foundation models, and study design have at least 12 questions each', async () => {
  const { questions } = await realBank();
  for (const slug of ['pathology', 'generative-and-foundation-models', 'study-design']) {
    const own = questions.filter((q) => q.topics[0] === slug).length;
    assert.ok(own >= 12, `${slug} has ${own}`);
  }
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

// Key points and answer length by kind: a case study walks several stages, a coding answer is
// mostly code.
const SHAPE: Record<QuestionKind, { points: [number, number]; words: [number, number] }> = {
  concept: { points: [3, 8], words: [120, 400] },
  'case-study': { points: [6, 14], words: [250, 600] },
  behavioural: { points: [3, 8], words: [150, 450] },
  coding: { points: [3, 8], words: [100, 450] },
};

test('given the real bank, then every question has the key points and a complete answer of the length its kind asks', async () => {
  for (const q of (await realBank()).questions) {
    const { points, words: range } = SHAPE[q.kind];
    assert.ok(
      q.keyPoints.length >= points[0] && q.keyPoints.length <= points[1],
      `${q.id}: ${q.keyPoints.length} key points`,
    );
    const n = words(q.answer);
    assert.ok(n >= range[0] && n <= range[1], `${q.id}: ${n} words`);
    assert.doesNotMatch(q.answer, /The rest of the answer is here/, q.id);
  }
});

test("given the seed's 12 questions, then each is in the bank with its heading unchanged", async () => {
  const titles = new Set((await realBank()).questions.map((q) => q.title));
  for (const title of SEED_TITLES) {
    assert.ok(titles.has(title), title);
  }
});

test('given the real bank, then it has questions of every kind', async () => {
  const { questions } = await realBank();
  for (const kind of QUESTION_KINDS)
    assert.ok(
      questions.some((q) => q.kind === kind),
      kind,
    );
});

test('given the real bank, then at least 60 questions carry follow-ups and red flags for interviewers, at least 4 in every topic', async () => {
  const { questions } = await realBank();
  const withRubric = questions.filter(
    (q) => (q.followUps?.length ?? 0) >= 2 && (q.redFlags?.length ?? 0) >= 2,
  );
  assert.ok(withRubric.length >= 60, `${withRubric.length} questions have both`);
  for (const topic of TOPICS) {
    const own = withRubric.filter((q) => q.topics[0] === topic.slug).length;
    assert.ok(own >= 4, `${topic.slug} has ${own} questions with follow-ups and red flags`);
  }
});
