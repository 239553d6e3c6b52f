// The rules of questions/README.md as zod schemas. Messages are written for bank authors: each
// one says what to change, and load.ts attaches the line it refers to.
import { z } from 'zod';
import { CASE_STUDY_STAGES, DIFFICULTIES, QUESTION_KINDS, stageName } from '../core/types.ts';
import { renderText } from '../discord/views/markdown.ts';
import { TEASER } from './parse.ts';

export const LIMITS = {
  idMax: 60,
  titleMax: 256, // Discord embed title
  topicsMin: 1,
  topicsMax: 3,
  keyPointsMin: 3,
  keyPointsMax: 8,
  /** A case study walks several stages, each with its own points. */
  caseStudyKeyPointsMin: 6,
  caseStudyKeyPointsMax: 14,
  caseStudyStagesMin: 4,
  keyPointMax: 200,
  /** Follow-ups and red flags: each optional section holds 1-5 items of 10-300 characters. */
  rubricItemsMax: 5,
  rubricItemMin: 10,
  rubricItemMax: 300,
  // Leaves room in the 4096-character embed description for a header or footer line.
  answerMax: 3800,
} as const;

export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `params.offset` of an answer issue: where in the answer text the problem starts. */
export interface AnswerIssueParams {
  offset: number;
}

const missing = (hint: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `missing ${hint}` : undefined;
const length = (issue: { input?: unknown }) =>
  typeof issue.input === 'string' ? issue.input.trim().length : 0;

export const idSchema = z
  .string({ error: missing('id: add "- id: `your-question-id`" under the heading') })
  .max(LIMITS.idMax, { error: (i) => `id is ${length(i)} characters; keep it to ${LIMITS.idMax}` })
  .regex(ID_PATTERN, {
    error: (i) => `id "${String(i.input)}" must be lowercase kebab-case, like "dicom-basics"`,
  });

/** Whether a topic is one of the bank's is checked by load.ts against its topics.md. */
export const topicSchema = z.string().min(1, 'empty topic');

export const topicsSchema = z
  .array(topicSchema, { error: missing('topics: add "- topics: one, two" under the heading') })
  .min(LIMITS.topicsMin, 'give at least one topic')
  .max(LIMITS.topicsMax, {
    error: (i) =>
      `${Array.isArray(i.input) ? i.input.length : 'too many'} topics; give at most ${LIMITS.topicsMax}`,
  })
  .refine((topics) => new Set(topics).size === topics.length, 'a topic is listed twice');

export const difficultySchema = z.enum(DIFFICULTIES, {
  error: (i) =>
    i.input === undefined
      ? 'missing difficulty: add "- difficulty: easy|medium|hard" under the heading'
      : `unknown difficulty "${String(i.input)}" (expected ${DIFFICULTIES.join(', ')})`,
});

export const keyPointSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'key point is empty')
    .max(LIMITS.keyPointMax, {
      error: (i) => `key point is ${length(i)} characters; keep it to ${LIMITS.keyPointMax}`,
    }),
  synonyms: z.array(z.string().trim().min(1, 'empty phrase in "(also: ...)"')),
  needs: z.array(z.array(z.string().trim().min(1)).min(1, 'empty group in "(needs: a | b; c)"')).optional(),
  stage: z.enum(CASE_STUDY_STAGES).optional(),
});

function keyPointsSchemaFor(min: number, max: number, hint: string) {
  return z
    .array(keyPointSchema, { error: missing('"### Key points" with 3-8 bullet items') })
    .min(min, { error: (i) => `${keyPointCount(i.input)} under "### Key points"; ${hint}` })
    .max(max, { error: (i) => `${keyPointCount(i.input)} under "### Key points"; ${hint}` });
}

export const keyPointsSchema = keyPointsSchemaFor(
  LIMITS.keyPointsMin,
  LIMITS.keyPointsMax,
  `give ${LIMITS.keyPointsMin}-${LIMITS.keyPointsMax}`,
);
const caseStudyKeyPointsSchema = keyPointsSchemaFor(
  LIMITS.caseStudyKeyPointsMin,
  LIMITS.caseStudyKeyPointsMax,
  `a case study gives ${LIMITS.caseStudyKeyPointsMin}-${LIMITS.caseStudyKeyPointsMax}`,
);

export const kindSchema = z
  .enum(QUESTION_KINDS, {
    error: (i) =>
      `unknown kind "${String(i.input)}" (expected ${QUESTION_KINDS.join(', ')}; leave it out for a concept question)`,
  })
  .default('concept');

export const answerSchema = z
  .string({ error: missing('answer: write the model answer under "### Answer"') })
  .superRefine((answer, ctx) => {
    if (answer.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'missing answer: write the model answer under "### Answer"' });
      return;
    }
    const teaser = teaserOffset(answer);
    if (teaser !== undefined) {
      const params: AnswerIssueParams = { offset: teaser };
      ctx.addIssue({
        code: 'custom',
        message: 'teaser "The rest of the answer is here.": write out the complete answer',
        params,
      });
    }
    const rendered = renderText(answer).length;
    if (rendered > LIMITS.answerMax) {
      ctx.addIssue({
        code: 'custom',
        message: `answer is ${rendered} characters as shown in Discord; keep it to ${LIMITS.answerMax}`,
      });
    }
  });

/** An interviewer's optional section (`### Follow-ups`, `### Red flags`): a short bullet list. */
function rubricItemsSchema(section: string) {
  return z
    .array(
      z
        .string()
        .trim()
        .min(LIMITS.rubricItemMin, {
          error: (i) =>
            `a "### ${section}" item is ${length(i)} characters; write at least ${LIMITS.rubricItemMin}`,
        })
        .max(LIMITS.rubricItemMax, {
          error: (i) =>
            `a "### ${section}" item is ${length(i)} characters; keep it to ${LIMITS.rubricItemMax}`,
        }),
    )
    .min(1, `"### ${section}" is empty: give 1-${LIMITS.rubricItemsMax} bullet items or remove the heading`)
    .max(LIMITS.rubricItemsMax, {
      error: (i) =>
        `${Array.isArray(i.input) ? i.input.length : 'too many'} items under "### ${section}"; give at most ${LIMITS.rubricItemsMax}`,
    })
    .optional();
}

const questionFields = {
  id: idSchema,
  title: z
    .string()
    .trim()
    .min(1, 'the question heading is empty')
    .max(LIMITS.titleMax, {
      error: (i) => `question heading is ${length(i)} characters; keep it to ${LIMITS.titleMax}`,
    }),
  topics: topicsSchema,
  difficulty: difficultySchema,
  kind: kindSchema,
  keyPoints: keyPointsSchema,
  answer: answerSchema,
  followUps: rubricItemsSchema('Follow-ups'),
  redFlags: rubricItemsSchema('Red flags'),
  source: z.object({ file: z.string(), line: z.number().int().positive() }),
};

/** A question of any kind but a case study; `questionSchemaFor` picks by the raw kind. */
export const questionSchema = z.object(questionFields);
const caseStudySchema = z.object({ ...questionFields, keyPoints: caseStudyKeyPointsSchema });

export function questionSchemaFor(kind: unknown) {
  return kind === 'case-study' ? caseStudySchema : questionSchema;
}

const STAR_PARTS = ['Situation', 'Task', 'Action', 'Result'] as const;
const STAGE_LABELS = CASE_STUDY_STAGES.map((s) => `"${stageName(s)}:"`).join(', ');

/**
 * What each kind asks of its key points and answer, checked on the parsed parts even when other
 * fields have problems, so an author sees everything at once.
 */
export function kindProblems(q: {
  kind?: unknown;
  keyPoints?: readonly { stage?: string | undefined }[] | undefined;
  answer?: string;
}): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const points = q.keyPoints ?? [];
  const answer = q.answer ?? '';
  if (q.kind === 'case-study') {
    points.forEach((point, i) => {
      if (point.stage === undefined) {
        problems.push({
          path: ['keyPoints', i],
          message: `a case study's key point starts with its stage: ${STAGE_LABELS}`,
        });
      }
    });
    const stages = new Set(points.map((p) => p.stage).filter((s) => s !== undefined));
    if (points.length > 0 && stages.size < LIMITS.caseStudyStagesMin) {
      problems.push({
        path: ['keyPoints'],
        message: `a case study covers at least ${LIMITS.caseStudyStagesMin} stages; these key points cover ${stages.size}`,
      });
    }
  }
  if (q.kind === 'behavioural' && answer.trim() !== '') {
    const missingParts = STAR_PARTS.filter((part) => !new RegExp(`\\b${part}`, 'i').test(answer));
    if (missingParts.length > 0) {
      problems.push({
        path: ['answer'],
        message: `a behavioural answer follows STAR: add its ${missingParts.join(', ')} part${missingParts.length === 1 ? '' : 's'}`,
      });
    }
  }
  if (q.kind === 'coding' && answer.trim() !== '' && !/^ {0,3}(```|~~~)[ \t]*(python|py)\b/im.test(answer)) {
    problems.push({
      path: ['answer'],
      message: 'a coding answer gives its reference solution in a fenced ```python block',
    });
  }
  return problems;
}

export type QuestionInput = z.input<typeof questionSchema>;

function keyPointCount(input: unknown): string {
  const n = Array.isArray(input) ? input.length : 0;
  return n === 1 ? '1 key point' : `${n} key points`;
}

// Searched in place, case-insensitively: lower-casing a copy of every answer was a tenth of the
// bank's validation time, and a copy can change length ('İ' becomes two characters), which would
// shift the offset. The teaser is plain words once its final period is dropped.
const TEASER_SEARCH = new RegExp(TEASER.replace(/\.$/, ''), 'i');

function teaserOffset(answer: string): number | undefined {
  const offset = answer.search(TEASER_SEARCH);
  return offset < 0 ? undefined : offset;
}
