// Shared domain types. Pure: no discord.js, keyv or node-cron imports anywhere under src/core.

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * What a question asks for: a concept to explain; a case study (an end-to-end scenario answered stage
 * by stage); a behavioural question (a STAR story); a coding task (a reference solution in Python).
 */
export const QUESTION_KINDS = ['concept', 'case-study', 'behavioural', 'coding'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const KIND_NAMES: Record<QuestionKind, string> = {
  concept: 'Concept',
  'case-study': 'Case study',
  behavioural: 'Behavioural',
  coding: 'Coding',
};

/** The stages a case study's key points are grouped by, in the order an interview walks them. */
export const CASE_STUDY_STAGES = [
  'framing',
  'data',
  'labels',
  'model',
  'evaluation',
  'deployment',
  'monitoring',
] as const;
export type CaseStudyStage = (typeof CASE_STUDY_STAGES)[number];
/** A stage as a heading: "Data". */
export function stageName(stage: CaseStudyStage): string {
  return `${stage[0]?.toUpperCase()}${stage.slice(1)}`;
}

export interface KeyPoint {
  /** The point as a candidate should make it, e.g. "Hounsfield units: air -1000, water 0". */
  text: string;
  /** Extra phrases the matcher accepts for this point (from the "(also: a, b)" suffix in the bank). */
  synonyms: string[];
  /**
   * What the evidence must also say, from the "(needs: a | b; c)" suffix: every group (";") needs
   * one of its phrases ("|") in the sentence that earns the point. For points whose substance is one
   * word a wrong answer would leave out or flip ("between-class", "dilation then erosion").
   */
  needs?: string[][] | undefined;
  /** A case study's stage this point belongs to (from its "Stage: …" prefix in the bank). */
  stage?: CaseStudyStage | undefined;
}

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Question {
  /** Stable, kebab-case, unique across the bank; used in custom_ids and stored records. */
  id: string;
  title: string;
  /** 1-3 topic slugs from the bank's topics.md. */
  topics: string[];
  /** The topics' display names (the loader fills them in from topics.md; else the slugs show). */
  topicNames?: readonly string[] | undefined;
  difficulty: Difficulty;
  kind: QuestionKind;
  keyPoints: KeyPoint[];
  /** Complete model answer, markdown. */
  answer: string;
  /** For an interviewer: what to ask next (the bank's optional `### Follow-ups`). */
  followUps?: readonly string[] | undefined;
  /** For an interviewer: what should worry them in an answer (`### Red flags`). */
  redFlags?: readonly string[] | undefined;
  /** A server question from a member's suggestion: who suggested it (credited where it is shown). */
  suggestedBy?: string | undefined;
  source: SourceLocation;
}

/** A subject area of the bank, defined in the bank's topics.md. */
export interface Topic {
  slug: string;
  name: string;
  /** Words people type for this topic (`/question topic:dicom`), matched when no slug matches. */
  aliases: readonly string[];
}

export interface Bank {
  questions: readonly Question[];
  byId: ReadonlyMap<string, Question>;
  topics: readonly Topic[];
  /** Questions removed by a reload while the bot ran: still shown for what exists (core/bank.ts). */
  retired?: ReadonlyMap<string, Question> | undefined;
}

/** Self-grade after comparing with the model answer. */
export const GRADES = ['nailed', 'partly', 'missed'] as const;
export type Grade = (typeof GRADES)[number];
