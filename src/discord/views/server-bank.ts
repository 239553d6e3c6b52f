// Every payload of a server's own questions: the question form, its problems, the import and export
// replies, the suggestion queue.
import {
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  type InteractionReplyOptions,
  MessageFlags,
  TextInputStyle,
} from 'discord.js';
import type { ReportRecord, SuggestionRecord } from '../../core/model.ts';
import {
  FORM_FIELDS,
  type FormField,
  type FormProblem,
  formProblemText,
  type LineProblem,
  type QuestionForm,
} from '../../core/question-form.ts';
import type { Question, Topic } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';
import { LIMITS, truncate } from './limits.ts';
import { renderText } from './markdown.ts';
import { userText } from './user-text.ts';

export const SERVER_BANK = {
  add: 'bank-add',
  edit: 'bank-edit',
  suggest: 'bank-suggest',
  retry: 'bank-retry',
  approve: 'bank-approve',
  reject: 'bank-reject',
} as const;

export const NOT_AN_EDITOR =
  "Only this server's editors can change its questions: members with Manage Server, or the editor role (`/bank editors`).";

const INPUTS: Record<FormField, { label: string; style: TextInputStyle; max: number; placeholder: string }> =
  {
    title: {
      label: 'Question',
      style: TextInputStyle.Short,
      max: 256,
      placeholder: 'What is … and why does it matter?',
    },
    topic: {
      label: 'Topic',
      style: TextInputStyle.Short,
      max: 100,
      placeholder: 'A topic slug, e.g. evaluation',
    },
    difficulty: {
      label: 'Difficulty',
      style: TextInputStyle.Short,
      max: 10,
      placeholder: 'easy, medium or hard',
    },
    keyPoints: {
      label: 'Key points (3-8, one per line)',
      style: TextInputStyle.Paragraph,
      max: 2000,
      placeholder: 'One claim a strong answer makes, per line (not a bare term)',
    },
    answer: {
      label: 'Model answer',
      style: TextInputStyle.Paragraph,
      max: 4000,
      placeholder: 'The complete answer, markdown allowed (120-400 words)',
    },
  };

/** The five-field question form; `values` prefill it (an edit, or a retry after problems). */
export function questionFormModal(
  custom: string,
  title: string,
  values: Partial<QuestionForm> = {},
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: custom,
    title: truncate(title, 45),
    components: FORM_FIELDS.map((field) => {
      const input = INPUTS[field];
      const value = values[field];
      return {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: field,
            label: input.label,
            style: input.style,
            max_length: input.max,
            required: true,
            placeholder: input.placeholder,
            ...(value ? { value: value.slice(0, input.max) } : {}),
          },
        ],
      };
    }),
  };
}

export const addModal = (values?: Partial<QuestionForm>) =>
  questionFormModal(customId(SERVER_BANK.add), 'Add a question to this server', values);
export const suggestModal = (values?: Partial<QuestionForm>) =>
  questionFormModal(customId(SERVER_BANK.suggest), 'Suggest a question', values);
export const editModal = (slug: string, values: Partial<QuestionForm>) =>
  questionFormModal(customId(SERVER_BANK.edit, slug), 'Edit the question', values);

/** A form that was refused: each problem by field, and a button to reopen it with what was typed. */
export function formProblemsReply(problems: readonly FormProblem[], topics: readonly Topic[], retry: string) {
  const lines = problems.slice(0, 15).map((p) => `• ${formProblemText(p)}`);
  const topicHint = problems.some((p) => p.field === 'topic')
    ? `\nTopics: ${topics.map((t) => `\`${t.slug}\``).join(', ')}.`
    : '';
  return {
    content: truncate(`Nothing was saved. Please fix:\n${lines.join('\n')}${topicHint}`, LIMITS.content),
    components: [row(button(retry, 'Fix and send again', ButtonStyle.Primary))],
    flags: MessageFlags.Ephemeral as const,
  };
}

export function savedReply(verb: string, question: Question): InteractionReplyOptions {
  return {
    content: truncate(
      `${verb} \`${question.id}\`: ${renderText(question.title)}. It is asked here by \`/question\` (and can be the question of the day with \`/daily set source:\`).`,
      LIMITS.content,
    ),
    flags: MessageFlags.Ephemeral,
  };
}

/** An import's problems, `line: message`, at most 20 of them. */
export function importProblemsReply(problems: readonly LineProblem[]): { content: string } {
  const shown = problems
    .slice(0, 20)
    .map((p) => `${p.line}: ${p.message}`)
    .join('\n');
  const more = problems.length > 20 ? `\n… and ${problems.length - 20} more` : '';
  return {
    content: truncate(
      `The file has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported. The format is the shared bank's (questions/README.md):\n\`\`\`\n${shown}${more}\n\`\`\``,
      LIMITS.content,
    ),
  };
}

export function importedReply(p: { added: number; updated: number }): { content: string } {
  return {
    content: `Imported ${p.added + p.updated} question${p.added + p.updated === 1 ? '' : 's'}: ${p.added} new, ${p.updated} updated. They are asked here by \`/question\`.`,
  };
}

export function exportReply(markdown: string, count: number, maxBytes: number): InteractionReplyOptions {
  if (count === 0)
    return { content: 'This server has no questions of its own yet. Add one with `/bank add`.' };
  const file = Buffer.from(markdown);
  if (file.byteLength > maxBytes) {
    return { content: `The ${count} questions are larger than this channel accepts as a file.` };
  }
  return {
    content: `This server's ${count} question${count === 1 ? '' : 's'}, in the bank's format (\`npm run bank:check\` reads it; \`/bank import\` takes it back).`,
    files: [{ attachment: file, name: 'server-questions.md' }],
  };
}

/** The oldest pending suggestion, with Approve and Reject. */
export function queueView(pending: readonly SuggestionRecord[]) {
  const first = pending[0];
  if (!first) return { content: 'No suggestions are waiting.', embeds: [], components: [] };
  const q = first.question;
  const embed: APIEmbed = {
    title: truncate(renderText(q.title), LIMITS.title),
    description: truncate(
      [
        `Suggested by <@${first.authorId}> · ${q.topics.join(', ')} · ${q.difficulty}`,
        '',
        '**Key points**',
        ...q.keyPoints.map((k) => `• ${renderText(k.text)}`),
        '',
        '**Model answer**',
        renderText(q.answer),
      ].join('\n'),
      LIMITS.description,
    ),
    footer: { text: `1 of ${pending.length} waiting, oldest first` },
    color: 0xfee75c,
  };
  return {
    content: '',
    embeds: [embed],
    components: [
      row(
        button(customId(SERVER_BANK.approve, first.id), 'Approve', ButtonStyle.Success),
        button(customId(SERVER_BANK.reject, first.id), 'Reject', ButtonStyle.Danger),
      ),
    ],
  };
}

/** Reports on this server's own questions, for its editors. */
export function serverReportsText(reports: readonly ReportRecord[]): string {
  if (reports.length === 0) return "No problem reports on this server's questions.";
  return truncate(
    [
      `Problem reports on this server's questions (newest ${Math.min(10, reports.length)} of ${reports.length}):`,
      ...reports
        .slice(0, 10)
        .map(
          (r) =>
            `**\`${r.questionId}\`** (${r.at.slice(0, 10)}): ${userText(r.text.replace(/\s+/g, ' '), 200)}`,
        ),
    ].join('\n'),
    LIMITS.content,
  );
}
