import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, ButtonStyle } from 'discord.js';
import { type NoPointsReason, POINTS_WINDOW_DAYS } from '../../core/awards.ts';
import type { KeyPointEvidence } from '../../core/keypoints.ts';
import type { AnswerRecord, UserRecord } from '../../core/model.ts';
import type { Grade, Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';
import { LIMITS, truncate } from './limits.ts';
import { neutraliseMentions } from './markdown.ts';
import { modelAnswerEmbeds } from './question.ts';

export const GRADE_BUTTON = 'grade';
export const GRADE_LABEL: Record<Grade, string> = {
  nailed: 'Nailed it',
  partly: 'Partly',
  missed: 'Missed it',
};
const GRADE_CODE: Record<Grade, string> = { nailed: 'n', partly: 'p', missed: 'm' };

export function gradeFromCode(code: string | undefined): Grade | undefined {
  return (Object.keys(GRADE_CODE) as Grade[]).find((g) => GRADE_CODE[g] === code);
}

/** Nailed it / Partly / Missed it; `idFor` makes each button's custom_id from its grade's code. */
export function gradeRow(idFor: (code: string) => string): APIActionRowComponent<APIButtonComponent> {
  const style = {
    nailed: ButtonStyle.Success,
    partly: ButtonStyle.Primary,
    missed: ButtonStyle.Danger,
  } as const;
  return row(
    ...(Object.keys(GRADE_CODE) as Grade[]).map((grade) =>
      button(idFor(GRADE_CODE[grade]), GRADE_LABEL[grade], style[grade]),
    ),
  );
}

export function gradeButtons(answerId: string): APIActionRowComponent<APIButtonComponent> {
  return gradeRow((code) => customId(GRADE_BUTTON, answerId, code));
}

/**
 * After an answer: how it compares, the model answer with the key points it covered (each with the
 * words of the answer that earned it), and a request to self-grade.
 */
export function feedbackEmbeds(
  question: Question,
  answer: AnswerRecord,
  evidence: readonly KeyPointEvidence[] = [],
): APIEmbed[] {
  const covered = new Set(answer.covered);
  const yours: APIEmbed = {
    title: `Saved. You covered ${covered.size} of ${question.keyPoints.length} key points`,
    description: truncate(`> ${neutraliseMentions(answer.text).replace(/\n/g, '\n> ')}`, 1000),
    footer: { text: 'Compare with the model answer below, then grade yourself honestly.' },
    color: 0x57f287,
  };
  const quotes = new Map(evidence.map((e) => [e.point, e.quote]));
  return [yours, ...modelAnswerEmbeds(question, covered, quotes)];
}

const NO_POINTS_TEXT: Record<NoPointsReason, string> = {
  earned: 'this question already earned points for that day',
  revealed: 'you opened the model answer that day before grading',
  late: `answers earn points only when graded within ${POINTS_WINDOW_DAYS} days`,
};

export function gradedSummary(p: {
  grade: Grade;
  status: 'applied' | 'already';
  points: number;
  noPoints?: NoPointsReason;
  user: UserRecord;
  questionId: string;
}): string {
  if (p.status === 'already') return 'You already graded this answer; it counted once.';
  const due = p.user.progress[p.questionId]?.card.due;
  const when = due ? `<t:${Math.floor(Date.parse(due) / 1000)}:R>` : 'later';
  const pointsText =
    p.points > 0
      ? `+${p.points} point${p.points === 1 ? '' : 's'}`
      : `no points (${NO_POINTS_TEXT[p.noPoints ?? 'earned']})`;
  const text = `Graded **${GRADE_LABEL[p.grade]}**: ${pointsText}. Total ${p.user.points} point${p.user.points === 1 ? '' : 's'}, streak ${p.user.streak.current} day${p.user.streak.current === 1 ? '' : 's'}. This question comes back ${when}.`;
  return truncate(text, LIMITS.content);
}
