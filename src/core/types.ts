// Shared domain types. Pure: no discord.js, keyv or node-cron imports anywhere under src/core.

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface KeyPoint {
  /** The point as a candidate should make it, e.g. "Hounsfield units: air -1000, water 0". */
  text: string;
  /** Extra phrases the matcher accepts for this point (from the "(also: a, b)" suffix in the bank). */
  synonyms: string[];
}

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Question {
  /** Stable, kebab-case, unique across the bank; used in custom_ids and stored records. */
  id: string;
  title: string;
  /** 1-3 topic slugs from src/bank/topics.ts. */
  topics: string[];
  difficulty: Difficulty;
  keyPoints: KeyPoint[];
  /** Complete model answer, markdown. */
  answer: string;
  source: SourceLocation;
}

export interface Bank {
  questions: readonly Question[];
  byId: ReadonlyMap<string, Question>;
}

/** Self-grade after comparing with the model answer. */
export const GRADES = ['nailed', 'partly', 'missed'] as const;
export type Grade = (typeof GRADES)[number];
