import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { createEmptyCard, fsrs, Rating, State } from 'ts-fsrs';
import { isDue, newCard, RATING_FOR_GRADE, reviewCard } from '../../src/core/srs.js';
import type { Grade } from '../../src/core/types.js';

const NOW = new Date('2026-03-29T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

describe('srs', () => {
  it('given a new card when created then it is due immediately and has never been reviewed', () => {
    const card = newCard(NOW);
    assert.equal(card.due, NOW.toISOString());
    assert.equal(card.state, State.New);
    assert.equal(card.last_review, null);
    assert.equal(isDue(card, NOW), true);
  });

  it('given the grades when mapped then nailed/partly/missed are Good/Hard/Again', () => {
    assert.deepEqual(RATING_FOR_GRADE, { nailed: Rating.Good, partly: Rating.Hard, missed: Rating.Again });
  });

  it('given a new card when graded then nailed is due no earlier than partly, and partly no earlier than missed', () => {
    const due = (g: Grade) => Date.parse(reviewCard(newCard(NOW), g, NOW).due);
    assert.ok(due('nailed') > due('missed'));
    assert.ok(due('nailed') >= due('partly'));
    assert.ok(due('partly') >= due('missed'));
  });

  it('given a card in review when graded then nailed pushes the due date much later than missed', () => {
    let card = newCard(NOW);
    let t = NOW;
    for (let i = 0; i < 3; i++) {
      card = reviewCard(card, 'nailed', t);
      t = new Date(card.due);
    }
    assert.equal(card.state, State.Review);
    const nailed = reviewCard(card, 'nailed', t);
    const missed = reviewCard(card, 'missed', t);
    assert.ok(Date.parse(nailed.due) - Date.parse(missed.due) > DAY);
    assert.equal(missed.lapses, card.lapses + 1);
    assert.equal(nailed.last_review, t.toISOString());
  });

  it('given a reviewed card when checked before and after its due date then isDue flips', () => {
    const card = reviewCard(newCard(NOW), 'nailed', NOW);
    const due = Date.parse(card.due);
    assert.equal(isDue(card, NOW), false);
    assert.equal(isDue(card, new Date(due - 1)), false);
    assert.equal(isDue(card, new Date(due)), true);
  });

  it('given a card when serialised to JSON and back then it is identical and reviews the same', () => {
    let card = newCard(NOW);
    for (const [i, g] of (['nailed', 'partly', 'missed', 'nailed'] as const).entries()) {
      card = reviewCard(card, g, later((i + 1) * DAY));
      const copy = JSON.parse(JSON.stringify(card));
      assert.deepEqual(copy, card);
      assert.deepEqual(
        reviewCard(copy, 'nailed', later(10 * DAY)),
        reviewCard(card, 'nailed', later(10 * DAY)),
      );
    }
    assert.deepEqual(JSON.parse(JSON.stringify(newCard(NOW))), newCard(NOW));
  });

  it('given the same history twice when reviewed then the schedule is identical (no fuzz)', () => {
    const run = () => reviewCard(reviewCard(newCard(NOW), 'nailed', NOW), 'nailed', later(3 * DAY));
    assert.deepEqual(run(), run());
  });

  it('given the input card when reviewed then it is not mutated', () => {
    const card = newCard(NOW);
    const snapshot = structuredClone(card);
    reviewCard(card, 'missed', NOW);
    assert.deepEqual(card, snapshot);
  });
});

test('given a card reviewed on several days, then each review matches ts-fsrs run on the same history (dates round-trip through JSON)', () => {
  const reference = fsrs({ enable_fuzz: false, enable_short_term: false });
  const t0 = new Date('2026-11-01T09:00:00Z');
  let card = newCard(t0);
  let ref = createEmptyCard(t0);
  const steps: [Grade, number][] = [
    ['nailed', 0],
    ['partly', 3],
    ['missed', 9],
    ['nailed', 10],
    ['nailed', 15],
  ];
  for (const [grade, day] of steps) {
    const at = new Date(t0.getTime() + day * 86_400_000);
    card = reviewCard(JSON.parse(JSON.stringify(card)), grade, at);
    ref = reference.next(ref, at, RATING_FOR_GRADE[grade]).card;
    assert.equal(card.due, ref.due.toISOString(), `due after ${grade} on day ${day}`);
    assert.equal(card.stability, ref.stability);
    assert.equal(card.last_review, at.toISOString());
  }
  assert.throws(() => reviewCard(card, 'nailed', new Date(Number.NaN)), /Invalid date/);
});
