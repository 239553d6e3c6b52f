import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  TextInputStyle,
} from 'discord.js';
import {
  type Difficulty,
  type KeyPoint,
  KIND_NAMES,
  type Question,
  type QuestionKind,
  stageName,
} from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';
import { LIMITS, truncate } from './limits.ts';
import { neutraliseMentions, renderAnswer, renderText } from './markdown.ts';

export const BUTTON = { answer: 'answer', show: 'show', report: 'report' } as const;
export const MODAL = { answer: 'answer', report: 'report' } as const;
export const REPORT_INPUT_ID = 'what';
export const ANSWER_INPUT_ID = 'text';

const DIFFICULTY_COLOUR: Record<Difficulty, number> = { easy: 0x57f287, medium: 0xfee75c, hard: 0xed4245 };

export function questionMeta(question: Question): string {
  const kind = question.kind === 'concept' ? '' : `${KIND_NAMES[question.kind]} · `;
  return `${kind}${(question.topicNames ?? question.topics).join(' · ')} · ${question.difficulty} · id: ${question.id}`;
}

const HOW_TO_ANSWER: Record<QuestionKind, string> = {
  concept:
    'Think it through, then press **Answer** to write yours, or **Show answer** to read the model answer (no points then).',
  'case-study':
    'Walk through it as in an onsite interview, stage by stage: framing, data, labels, model, evaluation, deployment, monitoring. Then press **Answer** to write yours, or **Show answer** to read the model answer (no points then).',
  behavioural:
    'Answer with one real story in STAR form: situation, task, action, result (and what you learned). Then press **Answer** to write yours, or **Show answer** to read a model answer (no points then).',
  coding:
    'Write the function in Python and say how it handles the edge cases. Then press **Answer** to paste yours, or **Show answer** to read the reference solution (no points then).',
};

const ANSWER_PLACEHOLDER: Record<QuestionKind, string> = {
  concept: 'Answer as you would in the interview. Aim for the key ideas, a number or an example.',
  'case-study': 'Framing, data, labels, model, evaluation, deployment, monitoring: a few lines each.',
  behavioural: 'Situation, task, action, result: one real story, with what you learned.',
  coding: 'Your Python, then a line on edge cases and complexity.',
};

/** A case study's points show their stage first: "**Data** · sample by patient across sites". */
function renderPoint(point: KeyPoint): string {
  const text = renderText(point.text);
  return point.stage === undefined ? text : `**${stageName(point.stage)}** · ${text}`;
}

/**
 * Bank text rendered for Discord once per question object: a question never changes (a reload
 * makes new objects, so nothing stale is shown), and rendering (LaTeX, mention-neutralising,
 * splitting) is the bulk of a reply's CPU otherwise.
 */
const renderedCache = new WeakMap<Question, { title: string; chunks: string[]; points: string[] }>();
function rendered(question: Question) {
  let r = renderedCache.get(question);
  if (!r) {
    r = {
      title: truncate(renderText(question.title), LIMITS.title),
      chunks: renderAnswer(question),
      points: question.keyPoints.map(renderPoint),
    };
    renderedCache.set(question, r);
  }
  return r;
}

export function questionEmbed(question: Question, heading?: string): APIEmbed {
  const credit = question.suggestedBy ? `\n*Suggested by <@${question.suggestedBy}>.*` : '';
  return {
    ...(heading ? { author: { name: truncate(heading, 256) } } : {}),
    title: rendered(question).title,
    description: `${HOW_TO_ANSWER[question.kind]}${credit}`,
    color: DIFFICULTY_COLOUR[question.difficulty],
    footer: { text: questionMeta(question) },
  };
}

export function questionButtons(question: Question): APIActionRowComponent<APIButtonComponent> {
  return row(
    button(customId(BUTTON.answer, question.id), 'Answer', ButtonStyle.Primary),
    button(customId(BUTTON.show, question.id), 'Show answer', ButtonStyle.Secondary),
    reportButton(question),
  );
}

/** On every question and model answer: tells the bank's maintainers what is wrong with it. */
export function reportButton(question: Question): APIButtonComponent {
  return button(customId(BUTTON.report, question.id), 'Report a problem', ButtonStyle.Secondary);
}

/** The report form: one short field, what is wrong. */
export function reportModal(question: Question): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId(MODAL.report, question.id),
    title: truncate(`Report a problem (${question.id})`, 45),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REPORT_INPUT_ID,
            label: 'What is wrong with this question or answer?',
            style: TextInputStyle.Paragraph,
            min_length: 10,
            max_length: 1000,
            placeholder: 'E.g. "The answer says X, but since 2024 the guidance is Y (source)."',
            required: true,
          },
        ],
      },
    ],
  };
}

export function questionMessage(question: Question, heading?: string) {
  return { embeds: [questionEmbed(question, heading)], components: [questionButtons(question)] };
}

/** The model answer (split across embeds when long) followed by the key points. */
export function modelAnswerEmbeds(
  question: Question,
  covered?: ReadonlySet<number>,
  quotes?: ReadonlyMap<number, string>,
): APIEmbed[] {
  const { title, chunks } = rendered(question);
  const answerEmbeds: APIEmbed[] = chunks.map((chunk, i) => ({
    ...(i === 0 ? { title: truncate(`Model answer: ${title}`, LIMITS.title) } : {}),
    description: chunk,
    color: 0x5865f2,
  }));
  return [...answerEmbeds, keyPointsEmbed(question, covered, quotes)];
}

export function keyPointsEmbed(
  question: Question,
  covered?: ReadonlySet<number>,
  quotes?: ReadonlyMap<number, string>,
): APIEmbed {
  const lines = rendered(question).points.map((point, i) => {
    const mark = covered === undefined ? '•' : covered.has(i) ? '✅' : '⬜';
    const quote = quotes?.get(i);
    // The member's own words, shown back as plain text: no markdown, no mentions.
    const why = quote === undefined ? '' : `\n　↳ *“${escapeMarkdown(neutraliseMentions(quote))}”*`;
    return `${mark} ${point}${why}`;
  });
  const title =
    covered === undefined
      ? 'Key points'
      : `Key points you covered: ${covered.size} of ${question.keyPoints.length}`;
  return { title, description: truncate(lines.join('\n'), LIMITS.description), color: 0x5865f2 };
}

export function answerModal(question: Question): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId(MODAL.answer, question.id),
    title: truncate(`Your answer (${question.id})`, 45),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: ANSWER_INPUT_ID,
            label: truncate(rendered(question).title, 45),
            style: TextInputStyle.Paragraph,
            min_length: 1,
            max_length: 4000,
            placeholder: ANSWER_PLACEHOLDER[question.kind],
            required: true,
          },
        ],
      },
    ],
  };
}
