// Spaced repetition per user and question, delegated to ts-fsrs. Cards are stored, so they are
// kept JSON-safe here and converted to ts-fsrs's Date-based Card only for the computation.
import { type Card, createEmptyCard, fsrs, Rating, type State } from 'ts-fsrs';
import type { Grade } from './types.js';

export interface SrsCard {
  /** ISO 8601 instant. */
  due: string;
  stability: number;
  difficulty: number;
  /** Kept because ts-fsrs still reads it; deprecated upstream. */
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  /** ISO 8601 instant; null until first reviewed (null rather than absent, so JSON round-trips). */
  last_review: string | null;
}

// Default parameters; no fuzz, so the same history always yields the same schedule (tests, and no
// surprise when two shards or a retry recompute a review). No short-term (minutes-long) learning
// steps: people practise once or twice a day here, so the first review comes back in days.
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

/**
 * The bot offers three self-grades, FSRS four ratings. "Nailed it" is a correct recall under
 * interview conditions, which is what Good means; Easy is never used, since a self-assessed answer
 * is too optimistic a signal to jump intervals by. "Partly" still recalled the core (a pass, so
 * Hard: the interval grows, slowly), while "Missed it" is a lapse (Again: back to relearning).
 */
export const RATING_FOR_GRADE = {
  nailed: Rating.Good,
  partly: Rating.Hard,
  missed: Rating.Again,
} as const satisfies Record<Grade, Rating>;

export function newCard(now: Date): SrsCard {
  return toJson(createEmptyCard(checkDate(now)));
}

export function reviewCard(card: SrsCard, grade: Grade, now: Date): SrsCard {
  return toJson(scheduler.next(fromJson(card), checkDate(now), RATING_FOR_GRADE[grade]).card);
}

export function isDue(card: SrsCard, now: Date): boolean {
  return Date.parse(card.due) <= checkDate(now).getTime();
}

function toJson(card: Card): SrsCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

function fromJson(card: SrsCard): Card {
  const { due, last_review, ...rest } = card;
  const result: Card = { ...rest, due: new Date(due) };
  if (last_review !== null) result.last_review = new Date(last_review);
  return result;
}

function checkDate(now: Date): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid date');
  return now;
}
