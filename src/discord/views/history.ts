import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
} from 'discord.js';
import type { GradeFilter, HistoryFilter, HistoryPage } from '../../core/history.ts';
import type { AnswerRecord } from '../../core/model.ts';
import type { Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, pagingRow, row } from './components.ts';
import { GRADE_LABEL } from './feedback.ts';
import { LIMITS, truncate } from './limits.ts';
import { neutraliseMentions } from './markdown.ts';
import { modelAnswerEmbeds } from './question.ts';

/** Custom_id handlers: a page of the history (with its filter), and one answer of it. */
export const HISTORY_PAGE = 'hist';
export const HISTORY_OPEN = 'hist-open';

const GRADE_CODES: Record<GradeFilter, string> = { nailed: 'n', partly: 'p', missed: 'm', ungraded: 'u' };

export function gradeFilterFromCode(code: string | undefined): GradeFilter | undefined {
  return (Object.keys(GRADE_CODES) as GradeFilter[]).find((g) => GRADE_CODES[g] === code);
}

export function historyPageId(page: number, filter: HistoryFilter): string {
  return customId(HISTORY_PAGE, page, filter.questionId ?? '', filter.grade ? GRADE_CODES[filter.grade] : '');
}

export type QuestionLookup = (id: string) => Question | undefined;

const gradeText = (a: AnswerRecord) =>
  a.grade
    ? `${GRADE_LABEL[a.grade]}${a.points !== undefined ? ` (${a.points > 0 ? `+${a.points}` : 'no'} point${a.points === 1 ? '' : 's'})` : ''}`
    : 'not graded';

const titleOf = (a: AnswerRecord, question: QuestionLookup) =>
  question(a.questionId)?.title ?? `${a.questionId} (no longer in the bank)`;

const quoted = (text: string) => `> ${neutraliseMentions(text).replace(/\n/g, '\n> ')}`;

function coverage(a: AnswerRecord): string {
  const total = a.covered.length + a.missed.length;
  return `${a.covered.length} of ${total} key points`;
}

function filterText(filter: HistoryFilter, question: QuestionLookup): string {
  const parts = [];
  if (filter.questionId) parts.push(`question: ${question(filter.questionId)?.title ?? filter.questionId}`);
  if (filter.grade)
    parts.push(`grade: ${filter.grade === 'ungraded' ? 'not graded' : GRADE_LABEL[filter.grade]}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** One page of the caller's answers: newest first, an Open button per answer, older / newer. */
export function historyPageView(
  p: HistoryPage & { filter: HistoryFilter; personal: boolean; question: QuestionLookup },
): InteractionReplyOptions & InteractionUpdateOptions {
  const where = p.personal ? 'your personal practice' : 'this server';
  if (p.total === 0) {
    return {
      content: truncate(
        p.filter.questionId || p.filter.grade
          ? `No answers in ${where} match${filterText(p.filter, p.question)}.`
          : `You have no answers in ${where} yet. Run \`/question\` and press **Answer**.`,
        LIMITS.content,
      ),
      embeds: [],
      components: [],
    };
  }
  const first = p.page * 5;
  const embed: APIEmbed = {
    title: truncate(`Your answers in ${where}${filterText(p.filter, p.question)}`, LIMITS.title),
    fields: p.entries.map((a, i) => ({
      name: truncate(`${first + i + 1}. ${a.day} · ${titleOf(a, p.question)}`, 200),
      value: truncate(`${gradeText(a)} · ${coverage(a)}\n${quoted(truncate(a.text, 280))}`, 600),
    })),
    footer: {
      text: `Page ${p.page + 1} of ${p.pages} · ${p.total} answer${p.total === 1 ? '' : 's'}, newest first`,
    },
    color: 0x5865f2,
  };
  const open = row(
    ...p.entries.map((a, i) =>
      button(customId(HISTORY_OPEN, a.id), `Open ${first + i + 1}`, ButtonStyle.Secondary),
    ),
  );
  const components: APIActionRowComponent<APIButtonComponent>[] = [open];
  if (p.pages > 1) components.push(pagingRow((page) => historyPageId(page, p.filter), p.page, p.pages));
  return { content: '', embeds: [embed], components };
}

/** One answer next to the model answer (the covered key points ticked). */
export function historyEntryEmbeds(answer: AnswerRecord, question: Question | undefined): APIEmbed[] {
  const yours: APIEmbed = {
    title: truncate(`Your answer of ${answer.day}: ${question?.title ?? answer.questionId}`, LIMITS.title),
    description: truncate(quoted(answer.text), LIMITS.description),
    fields: [
      { name: 'Grade', value: gradeText(answer), inline: true },
      { name: 'Key points', value: coverage(answer), inline: true },
    ],
    color: 0x57f287,
  };
  if (!question) {
    return [
      { ...yours, footer: { text: 'This question is no longer in the bank: no model answer to compare.' } },
    ];
  }
  return [yours, ...modelAnswerEmbeds(question, new Set(answer.covered))];
}

/**
 * The whole history as a markdown file, newest first, within `maxBytes` (Discord's attachment
 * limit for this interaction): when it would not fit, the oldest answers are left out and the file
 * says so at the top.
 */
export function historyMarkdown(p: {
  answers: readonly AnswerRecord[];
  question: QuestionLookup;
  personal: boolean;
  exportedAt: Date;
  maxBytes: number;
}): { markdown: string; included: number } {
  const sections = p.answers.map((a) => {
    const q = p.question(a.questionId);
    return [
      `## ${a.day} · ${q?.title ?? a.questionId} (\`${a.questionId}\`)`,
      '',
      `${gradeText(a)} · ${coverage(a)}${a.daily ? ' · question of the day' : ''} · answered ${a.at}`,
      '',
      a.text.replace(/\n/g, '  \n'),
      '',
      '',
    ].join('\n');
  });
  const header = (included: number) => {
    const lines = [
      '# Interview practice: my answers',
      '',
      `${p.personal ? 'Personal practice (DMs and servers without the bot)' : 'One server'}, exported ${p.exportedAt.toISOString()}: ${included} answer${included === 1 ? '' : 's'}, newest first.`,
    ];
    if (included < p.answers.length) {
      lines.push(
        '',
        `The newest ${included} of ${p.answers.length} answers: all of them would exceed Discord's ${Math.floor(p.maxBytes / 1024 / 1024)} MB attachment limit.`,
      );
    }
    return `${lines.join('\n')}\n\n`;
  };
  // The header's worst case, so the sections chosen always fit with it.
  let budget = p.maxBytes - Buffer.byteLength(header(0)) - 200;
  let included = 0;
  for (const s of sections) {
    const size = Buffer.byteLength(s);
    if (size > budget) break;
    budget -= size;
    included++;
  }
  return { markdown: header(included) + sections.slice(0, included).join(''), included };
}

export function historyExportReply(p: {
  file: Buffer;
  included: number;
  total: number;
}): InteractionReplyOptions {
  const note =
    p.included < p.total
      ? ` The newest ${p.included} of ${p.total} answers fit in one file (Discord's attachment limit).`
      : '';
  return {
    content: `Your ${p.total === 1 ? 'answer' : `${p.total} answers`}, as markdown.${note}`,
    files: [{ attachment: p.file, name: 'my-answers.md' }],
    flags: MessageFlags.Ephemeral,
  };
}
