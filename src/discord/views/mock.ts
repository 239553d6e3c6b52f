// Every payload of a solo mock interview: the question under a time budget, the feedback with the
// time used, the scorecard and the history of mocks.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { type MockStatus, type Scorecard, scorecard, timeUsedMs } from '../../core/mock.ts';
import type { MockRecord } from '../../core/model.ts';
import { KIND_NAMES, type Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, pagingRow, row } from './components.ts';
import { GRADE_LABEL, gradeRow } from './feedback.ts';
import { LIMITS, truncate } from './limits.ts';
import { renderText } from './markdown.ts';
import { answerModal, questionEmbed } from './question.ts';

export const MOCK = {
  answer: 'mock-answer',
  next: 'mock-next',
  stop: 'mock-stop',
  grade: 'mock-grade',
  card: 'mock-card',
  page: 'mock-page',
} as const;

const MOCK_COLOUR = 0x3ba55d;

/** "4:05" from milliseconds. */
export function minutesText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A question of the mock: its clock runs from now; Answer opens the usual modal. */
export function mockQuestionMessage(mock: MockRecord, index: number, question: Question) {
  const step = mock.steps[index];
  const minutes = step?.budgetMinutes ?? 5;
  const shownAt = step?.shownAt ? Math.floor(Date.parse(step.shownAt) / 1000) : undefined;
  const embed: APIEmbed = {
    ...questionEmbed(question, `Mock interview · question ${index + 1} of ${mock.steps.length}`),
    description: `You have **${minutes} minute${minutes === 1 ? '' : 's'}**${shownAt ? ` (shown <t:${shownAt}:t>)` : ''}. Answer as you would aloud in the interview, then press **Answer** to write it down. Going over time is shown on your scorecard, never blocked.`,
  };
  return {
    embeds: [embed],
    components: [
      row(
        button(customId(MOCK.answer, mock.id, index), 'Answer', ButtonStyle.Primary),
        button(customId(MOCK.stop, mock.id), 'End the mock', ButtonStyle.Secondary),
      ),
    ],
  };
}

export function mockAnswerModal(
  question: Question,
  mockId: string,
  index: number,
): APIModalInteractionResponseCallbackData {
  return { ...answerModal(question), custom_id: customId(MOCK.answer, mockId, index) };
}

/** What comes after a step: the next question, or the scorecard after the last one. */
export function mockNavRow(mock: MockRecord): APIActionRowComponent<APIButtonComponent> {
  const ended = mock.endedAt !== undefined || mock.steps.every((s) => s.answerId !== undefined);
  return row(
    ended
      ? button(customId(MOCK.card, mock.id), 'See the scorecard', ButtonStyle.Success)
      : button(customId(MOCK.next, mock.id), 'Next question', ButtonStyle.Success),
  );
}

export function mockGradeRow(mock: MockRecord, index: number): APIActionRowComponent<APIButtonComponent> {
  return gradeRow((code) => customId(MOCK.grade, mock.id, index, code));
}

/** The line above the feedback: the time used against the budget. */
export function mockTimingEmbed(mock: MockRecord, index: number): APIEmbed {
  const step = mock.steps[index];
  const used = (step && timeUsedMs(step)) ?? 0;
  const budget = (step?.budgetMinutes ?? 0) * 60_000;
  const over = used > budget ? ` (**${minutesText(used - budget)} over**)` : '';
  return {
    title: `Mock interview · question ${index + 1} of ${mock.steps.length}`,
    description: `Time: ${minutesText(used)} of ${minutesText(budget)}${over}. Grade yourself against the model answer below, then go on.`,
    color: MOCK_COLOUR,
  };
}

/** After a grade: what it counted, and the way on. */
export function mockGradedView(p: {
  mock: MockRecord;
  index: number;
  summary: string;
}): InteractionUpdateOptions {
  return {
    content: truncate(`Question ${p.index + 1} of ${p.mock.steps.length}: ${p.summary}`, LIMITS.content),
    components: [mockNavRow(p.mock)],
  };
}

const STATUS_TEXT: Record<MockStatus, string> = {
  running: 'running',
  finished: 'finished',
  expired: 'expired (left for more than a day)',
};

function scoreMark(score: number | undefined): string {
  if (score === undefined) return '·';
  return score >= 0.75 ? '✅' : score >= 0.4 ? '🟡' : '❌';
}

/** The scorecard of one mock: per question, totals, weakest topics, what to review first. */
export function scorecardEmbeds(
  mock: MockRecord,
  find: (id: string) => Question | undefined,
  topicName: (slug: string) => string,
  status: MockStatus,
): APIEmbed[] {
  const card: Scorecard = scorecard(mock, find);
  const lines = card.rows.map((r, i) => {
    const title = truncate(renderText(r.question?.title ?? r.step.questionId), 90);
    if (r.score === undefined) return `${i + 1}. · ${title}: not answered`;
    const time =
      r.usedMs === undefined
        ? ''
        : ` · ${minutesText(r.usedMs)} of ${minutesText(r.budgetMs)}${r.overtimeMs > 0 ? ` ⚠ ${minutesText(r.overtimeMs)} over` : ''}`;
    const grade = r.step.grade ? ` · ${GRADE_LABEL[r.step.grade]} (+${r.step.points ?? 0})` : ' · not graded';
    return `${i + 1}. ${scoreMark(r.score)} ${title}\n   ${r.step.covered ?? 0}/${r.step.keyPoints ?? 0} key points${time}${grade}`;
  });
  const share = card.keyPoints > 0 ? Math.round((100 * card.covered) / card.keyPoints) : 0;
  const fields = [
    {
      name: 'Totals',
      value: truncate(
        card.answered === 0
          ? 'No question answered.'
          : `${card.answered} of ${mock.steps.length} answered · ${card.covered}/${card.keyPoints} key points (${share} %) · ${minutesText(card.usedMs)} of ${minutesText(card.budgetMs)} · +${card.points} points`,
        LIMITS.fieldValue,
      ),
    },
  ];
  if (card.weakTopics.length > 0) {
    fields.push({
      name: 'Weakest topics',
      value: truncate(
        card.weakTopics.map((t) => `${topicName(t.topic)} (${Math.round(t.score * 100)} %)`).join(' · '),
        LIMITS.fieldValue,
      ),
    });
  }
  if (card.reviewFirst.length > 0) {
    fields.push({
      name: 'Review first',
      value: truncate(
        card.reviewFirst
          .map((id) => `\`/question id:${id}\` ${truncate(renderText(find(id)?.title ?? ''), 80)}`)
          .join('\n'),
        LIMITS.fieldValue,
      ),
    });
  }
  const kinds = [...new Set(card.rows.map((r) => r.question?.kind).filter((k) => k !== undefined))];
  return [
    {
      title: `Mock interview scorecard (${STATUS_TEXT[status]})`,
      description: truncate(lines.join('\n'), LIMITS.description),
      fields,
      footer: {
        text: truncate(
          `Started ${mock.createdAt.slice(0, 16).replace('T', ' ')} UTC · ${kinds.map((k) => KIND_NAMES[k]).join(', ')}`,
          LIMITS.footer,
        ),
      },
      color: MOCK_COLOUR,
    },
  ];
}

/** `/mock history`: the member's mocks, newest first, five a page, each openable. */
export function mockHistoryView(p: {
  entries: MockRecord[];
  page: number;
  pages: number;
  total: number;
  status: (mock: MockRecord) => MockStatus;
  find: (id: string) => Question | undefined;
}): InteractionReplyOptions & InteractionUpdateOptions {
  if (p.total === 0) {
    return {
      content: 'You have no mock interviews here yet. Start one with `/mock start`.',
      embeds: [],
      components: [],
    };
  }
  const first = p.page * 5;
  const embed: APIEmbed = {
    title: 'Your mock interviews',
    fields: p.entries.map((m, i) => {
      const card = scorecard(m, p.find);
      const share = card.keyPoints > 0 ? Math.round((100 * card.covered) / card.keyPoints) : 0;
      return {
        name: truncate(`${first + i + 1}. ${m.createdAt.slice(0, 10)} · ${STATUS_TEXT[p.status(m)]}`, 200),
        value: `${card.answered} of ${m.steps.length} answered · ${share} % of key points · +${card.points} points`,
      };
    }),
    footer: {
      text: `Page ${p.page + 1} of ${p.pages} · ${p.total} mock${p.total === 1 ? '' : 's'}, newest first`,
    },
    color: MOCK_COLOUR,
  };
  const components = [
    row(
      ...p.entries.map((m, i) =>
        button(customId(MOCK.card, m.id), `Open ${first + i + 1}`, ButtonStyle.Secondary),
      ),
    ),
  ];
  if (p.pages > 1) components.push(pagingRow((page) => customId(MOCK.page, page), p.page, p.pages));
  return { content: '', embeds: [embed], components };
}
