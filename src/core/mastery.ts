// How well a user knows a topic, from their self-grades on questions of that topic. Drives the
// weighting of new questions towards weak topics and the per-topic labels shown to the user.

import type { Mastery } from './model.ts';
import type { Grade } from './types.js';

export type { Mastery };

export type MasteryLabel = 'new' | 'weak' | 'fair' | 'strong';

export const GRADE_SCORE: Readonly<Record<Grade, number>> = { nailed: 1, partly: 0.5, missed: 0 };

/**
 * Weight of the newest grade. 0.3 lets about the last five answers dominate: recent improvement
 * shows quickly, yet one slip does not wipe out a topic that was solid.
 */
export const MASTERY_ALPHA = 0.3;

/** A single lucky answer is not mastery: "strong" also needs this many attempts. */
export const STRONG_MIN_ATTEMPTS = 3;
export const STRONG_MIN_SCORE = 0.75;
export const FAIR_MIN_SCORE = 0.4;

export function updateMastery(m: Mastery | undefined, grade: Grade): Mastery {
  const value = GRADE_SCORE[grade];
  // The first grade sets the score outright; averaging it with an arbitrary prior would bias it.
  if (m === undefined || m.attempts === 0) return { attempts: 1, score: value };
  return {
    attempts: m.attempts + 1,
    // Clamped because floating point can land a hair outside 0..1 after many updates.
    score: Math.min(1, Math.max(0, MASTERY_ALPHA * value + (1 - MASTERY_ALPHA) * m.score)),
  };
}

export function masteryLabel(m: Mastery | undefined): MasteryLabel {
  if (m === undefined || m.attempts === 0) return 'new';
  if (m.score < FAIR_MIN_SCORE) return 'weak';
  if (m.score >= STRONG_MIN_SCORE && m.attempts >= STRONG_MIN_ATTEMPTS) return 'strong';
  return 'fair';
}
