import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mastery } from '../../src/core/mastery.js';
import { type PickParams, pickNextQuestion, type QuestionProgress } from '../../src/core/selection.js';
import { newCard, reviewCard } from '../../src/core/srs.js';
import type { Difficulty, Question, QuestionKind } from '../../src/core/types.js';
import { seeded } from '../../tools/fixtures/random.ts';

const NOW = new Date('2026-03-29T10:00:00Z');
const DAY = 86_400_000;

const q = (
  id: string,
  topics: string[],
  difficulty: Difficulty = 'medium',
  kind: QuestionKind = 'concept',
): Question => ({
  id,
  title: id,
  topics,
  difficulty,
  kind,
  keyPoints: [{ text: 'point', synonyms: [] }],
  answer: 'answer',
  source: { file: 'questions/test.md', line: 1 },
});

/** A question graded at `reviewedAt`; with 'missed' it comes due again within minutes. */
const progress = (reviewedAt: Date, grade: 'nailed' | 'missed' = 'nailed'): QuestionProgress => ({
  card: reviewCard(newCard(reviewedAt), grade, reviewedAt),
  lastAnsweredAt: reviewedAt.toISOString(),
});
/** Progress whose card is due exactly at `due`. */
const dueAt = (due: Date): QuestionProgress => {
  const p = progress(new Date(due.getTime() - DAY));
  return { ...p, card: { ...p.card, due: due.toISOString() } };
};

const base = (over: Partial<PickParams>): PickParams => ({
  questions: [],
  progress: {},
  mastery: {},
  now: NOW,
  random: seeded(1),
  ...over,
});

describe('pickNextQuestion', () => {
  const bank = [
    q('a', ['modalities'], 'easy'),
    q('b', ['modalities'], 'hard'),
    q('c', ['evaluation'], 'medium'),
    q('d', ['evaluation', 'data'], 'hard'),
  ];

  it('given an empty bank when picking then nothing is returned', () => {
    assert.equal(pickNextQuestion(base({})), undefined);
  });

  it('given due reviews and unseen questions when picking then the most overdue review comes first', () => {
    const picked = pickNextQuestion(
      base({
        questions: bank,
        progress: {
          a: dueAt(new Date(NOW.getTime() - DAY)),
          b: dueAt(new Date(NOW.getTime() - 3 * DAY)),
          c: dueAt(new Date(NOW.getTime() + DAY)),
        },
      }),
    );
    assert.equal(picked?.id, 'b');
  });

  it('given a review due exactly now when picking then it counts as due', () => {
    const picked = pickNextQuestion(base({ questions: bank, progress: { c: dueAt(NOW), a: progress(NOW) } }));
    assert.equal(picked?.id, 'c');
  });

  it('given no due review when picking then an unseen question comes next', () => {
    for (let seed = 0; seed < 20; seed++) {
      const picked = pickNextQuestion(
        base({ questions: bank, progress: { a: progress(NOW), b: progress(NOW) }, random: seeded(seed) }),
      );
      assert.ok(picked?.id === 'c' || picked?.id === 'd', picked?.id);
    }
  });

  it('given everything seen and nothing due when picking then the soonest review is returned', () => {
    const picked = pickNextQuestion(
      base({
        questions: bank,
        progress: {
          a: dueAt(new Date(NOW.getTime() + 5 * DAY)),
          b: dueAt(new Date(NOW.getTime() + 2 * DAY)),
          c: dueAt(new Date(NOW.getTime() + 9 * DAY)),
          d: dueAt(new Date(NOW.getTime() + 3 * DAY)),
        },
      }),
    );
    assert.equal(picked?.id, 'b');
  });

  it('given the last question is the most overdue when picking then another one is chosen', () => {
    const params = base({
      questions: bank,
      progress: {
        a: dueAt(new Date(NOW.getTime() - 5 * DAY)),
        b: dueAt(new Date(NOW.getTime() - DAY)),
      },
      lastQuestionId: 'a',
    });
    assert.equal(pickNextQuestion(params)?.id, 'b');
  });

  it('given the last question is the only other fallback when picking then it is still avoided', () => {
    const allSeen: Record<string, QuestionProgress> = {
      a: dueAt(new Date(NOW.getTime() + DAY)),
      b: dueAt(new Date(NOW.getTime() + 2 * DAY)),
    };
    const two = bank.slice(0, 2);
    assert.equal(pickNextQuestion(base({ questions: two, progress: allSeen, lastQuestionId: 'a' }))?.id, 'b');
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickNextQuestion(base({ questions: two, lastQuestionId: 'b', random: seeded(seed) }));
      assert.equal(picked?.id, 'a');
    }
  });

  it('given the last question is the only candidate when picking then it is returned rather than nothing', () => {
    const picked = pickNextQuestion(base({ questions: bank, topic: 'data', lastQuestionId: 'd' }));
    assert.equal(picked?.id, 'd');
  });

  it('given topic and difficulty filters when picking then only matching questions are returned', () => {
    for (let seed = 0; seed < 30; seed++) {
      const random = seeded(seed);
      assert.ok(
        ['a', 'b'].includes(
          pickNextQuestion(base({ questions: bank, topic: 'modalities', random }))?.id ?? '',
        ),
      );
      assert.equal(pickNextQuestion(base({ questions: bank, topic: 'data', random }))?.id, 'd');
      assert.ok(
        ['b', 'd'].includes(
          pickNextQuestion(base({ questions: bank, difficulty: 'hard', random }))?.id ?? '',
        ),
      );
      assert.equal(
        pickNextQuestion(base({ questions: bank, topic: 'evaluation', difficulty: 'hard', random }))?.id,
        'd',
      );
    }
    assert.equal(pickNextQuestion(base({ questions: bank, topic: 'ethics' })), undefined);
    assert.equal(
      pickNextQuestion(base({ questions: bank, topic: 'modalities', difficulty: 'medium' })),
      undefined,
    );
  });

  it('given a kind filter when picking then only questions of that kind are returned, with the other filters', () => {
    const kinds = [
      q('concept', ['data'], 'hard'),
      q('case', ['data'], 'hard', 'case-study'),
      q('code', ['data'], 'easy', 'coding'),
      q('code-hard', ['evaluation'], 'hard', 'coding'),
    ];
    for (let seed = 0; seed < 20; seed++) {
      const random = seeded(seed);
      assert.equal(pickNextQuestion(base({ questions: kinds, kind: 'case-study', random }))?.id, 'case');
      assert.ok(
        ['code', 'code-hard'].includes(
          pickNextQuestion(base({ questions: kinds, kind: 'coding', random }))?.id ?? '',
        ),
      );
      assert.equal(
        pickNextQuestion(base({ questions: kinds, kind: 'coding', difficulty: 'hard', random }))?.id,
        'code-hard',
      );
    }
    assert.equal(pickNextQuestion(base({ questions: kinds, kind: 'behavioural' })), undefined);
  });

  it('given a due review outside the filter when picking then it is not returned', () => {
    const picked = pickNextQuestion(
      base({ questions: bank, topic: 'evaluation', progress: { a: dueAt(new Date(NOW.getTime() - DAY)) } }),
    );
    assert.ok(picked?.id === 'c' || picked?.id === 'd');
  });

  it('given a weak, a new and a strong topic when picking unseen questions many times then the weak topic is favoured', () => {
    const topics = ['weak', 'fresh', 'strong'];
    const questions = topics.flatMap((t) => [1, 2, 3].map((i) => q(`${t}-${i}`, [t])));
    const mastery: Record<string, Mastery> = {
      weak: { attempts: 6, score: 0.1 },
      strong: { attempts: 6, score: 0.95 },
    };
    const counts: Record<string, number> = { weak: 0, fresh: 0, strong: 0 };
    const random = seeded(42);
    const runs = 3000;
    for (let i = 0; i < runs; i++) {
      const picked = pickNextQuestion(base({ questions, mastery, random }));
      const topic = picked?.topics[0] ?? 'none';
      counts[topic] = (counts[topic] ?? 0) + 1;
    }
    const share = (t: string) => (counts[t] ?? 0) / runs;
    // Expected weights 1.0 : 0.7 : 0.15 -> about 54% : 38% : 8%.
    assert.ok(share('weak') > share('fresh'), JSON.stringify(counts));
    assert.ok(share('fresh') > share('strong'), JSON.stringify(counts));
    assert.ok(share('weak') > 0.45 && share('weak') < 0.63, JSON.stringify(counts));
    assert.ok(share('strong') > 0.03, 'strong topics still come up sometimes');
  });

  it('given a question spanning a weak and a strong topic when weighting then the weak topic counts', () => {
    const questions = [q('mixed', ['strong', 'weak']), q('solid', ['strong'])];
    const mastery: Record<string, Mastery> = {
      weak: { attempts: 6, score: 0 },
      strong: { attempts: 6, score: 1 },
    };
    const random = seeded(7);
    let mixed = 0;
    for (let i = 0; i < 1000; i++) {
      if (pickNextQuestion(base({ questions, mastery, random }))?.id === 'mixed') mixed++;
    }
    assert.ok(mixed > 800, `mixed picked ${mixed}/1000`); // 1.1 : 0.1
  });

  it('given random() at its extremes when picking unseen questions then a valid question is returned', () => {
    for (const r of [0, 0.999999999, 1]) {
      const picked = pickNextQuestion(base({ questions: bank, random: () => r }));
      assert.ok(picked && bank.includes(picked));
    }
  });

  it('given a missed question when picking the next day then it is due again before unseen ones', () => {
    const answered = new Date(NOW.getTime() - 25 * 60 * 60 * 1000);
    const picked = pickNextQuestion(base({ questions: bank, progress: { c: progress(answered, 'missed') } }));
    assert.equal(picked?.id, 'c');
  });
});

describe('pickNextQuestion: weights and refusals', () => {
  it('given a topic tried 0 times, then it weighs as unseen (0.6), not as a score of 0 (1.0): a draw of 0.9 falls on the strong topic’s question', () => {
    const fresh = q('fresh', ['data']);
    const strong = q('strong', ['formats']);
    const mastery: Record<string, Mastery> = {
      data: { attempts: 0, score: 0 },
      formats: { attempts: 5, score: 1 },
    };
    // Weights 0.1 + 0.6 = 0.7 and 0.1 + 0 = 0.1: 0.9 × 0.8 = 0.72 is past the first.
    assert.equal(
      pickNextQuestion(base({ questions: [fresh, strong], mastery, random: () => 0.9 }))?.id,
      'strong',
    );
    assert.equal(
      pickNextQuestion(base({ questions: [fresh, strong], mastery, random: () => 0.8 }))?.id,
      'fresh',
    );
  });

  it('given an invalid now, then it is refused', () => {
    assert.throws(
      () => pickNextQuestion(base({ questions: [q('a', ['data'])], now: new Date(Number.NaN) })),
      /now is not a valid date/,
    );
  });
});
