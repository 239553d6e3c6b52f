// The form a member fills in to write a question (/bank add, edit, suggest): five fields, as
// Discord's modal allows, and what is wrong with one. Validated by the bank's own rules (src/bank).
import type { Question, Topic } from './types.ts';

export interface QuestionForm {
  title: string;
  topic: string;
  difficulty: string;
  /** One key point per line (a leading "-" or "•" is fine). */
  keyPoints: string;
  answer: string;
}
export const FORM_FIELDS = ['title', 'topic', 'difficulty', 'keyPoints', 'answer'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export const FORM_LABELS: Record<FormField, string> = {
  title: 'Question',
  topic: 'Topic',
  difficulty: 'Difficulty',
  keyPoints: 'Key points',
  answer: 'Model answer',
};

export interface FormProblem {
  field: FormField | undefined;
  message: string;
}

/** `Key points: 2 under "### Key points"; give 3-8` for a member filling in the form. */
export function formProblemText(p: FormProblem): string {
  return `${p.field ? `${FORM_LABELS[p.field]}: ` : ''}${p.message}`;
}

/** A problem of an imported file, at its line. */
export interface LineProblem {
  line: number;
  message: string;
}

/** The bank's rules for a server's questions (src/bank implements them; services receive them). */
export interface QuestionRules {
  /** `slug`: the id the question will have, without `srv.`. */
  validateForm(
    form: QuestionForm,
    slug: string,
    topics: readonly Topic[],
  ): { question?: Question; problems: FormProblem[] };
  /** A whole bank file: every question valid, or its problems and no question. */
  validateImport(
    text: string,
    topics: readonly Topic[],
  ): { questions?: readonly Question[]; problems: LineProblem[] };
  slugFromTitle(title: string): string;
  /** The form a question fills in (to edit it). */
  formOf(question: Question): QuestionForm;
  /** Questions as one bank file. */
  bankFile(title: string, questions: readonly Question[]): string;
}
