import {
  ActionRowBuilder,
  type APIEmbed,
  ButtonBuilder,
  ButtonStyle,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { renderAnswer, renderText } from '../../bank/render.ts';
import { topicName } from '../../bank/topics.ts';
import type { Difficulty, Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { LIMITS, truncate } from './limits.ts';

export const BUTTON = { answer: 'answer', show: 'show' } as const;
export const MODAL = { answer: 'answer' } as const;
export const ANSWER_INPUT_ID = 'text';

const DIFFICULTY_COLOUR: Record<Difficulty, number> = { easy: 0x57f287, medium: 0xfee75c, hard: 0xed4245 };

export function questionMeta(question: Question): string {
  return `${question.topics.map(topicName).join(' · ')} · ${question.difficulty} · id: ${question.id}`;
}

export function questionEmbed(question: Question, heading?: string): APIEmbed {
  return {
    author: heading ? { name: truncate(heading, 256) } : undefined,
    title: truncate(renderText(question.title), LIMITS.title),
    description:
      'Think it through, then press **Answer** to write yours, or **Show answer** to read the model answer (no points then).',
    color: DIFFICULTY_COLOUR[question.difficulty],
    footer: { text: questionMeta(question) },
  };
}

export function questionButtons(question: Question): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(BUTTON.answer, question.id))
      .setLabel('Answer')
      .setStyle(ButtonStyle.Primary),
    new ButtonBuilder()
      .setCustomId(customId(BUTTON.show, question.id))
      .setLabel('Show answer')
      .setStyle(ButtonStyle.Secondary),
  );
}

export function questionMessage(question: Question, heading?: string) {
  return { embeds: [questionEmbed(question, heading)], components: [questionButtons(question)] };
}

/** The model answer (split across embeds when long) followed by the key points. */
export function modelAnswerEmbeds(question: Question, covered?: ReadonlySet<number>): APIEmbed[] {
  const chunks = renderAnswer(question);
  const answerEmbeds: APIEmbed[] = chunks.map((chunk, i) => ({
    title: i === 0 ? truncate(`Model answer: ${renderText(question.title)}`, LIMITS.title) : undefined,
    description: chunk,
    color: 0x5865f2,
  }));
  return [...answerEmbeds, keyPointsEmbed(question, covered)];
}

export function keyPointsEmbed(question: Question, covered?: ReadonlySet<number>): APIEmbed {
  const lines = question.keyPoints.map((point, i) => {
    const mark = covered === undefined ? '•' : covered.has(i) ? '✅' : '⬜';
    return `${mark} ${renderText(point.text)}`;
  });
  const title =
    covered === undefined
      ? 'Key points'
      : `Key points you covered: ${covered.size} of ${question.keyPoints.length}`;
  return { title, description: truncate(lines.join('\n'), LIMITS.description), color: 0x5865f2 };
}

export function answerModal(question: Question): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId(MODAL.answer, question.id))
    .setTitle(truncate(`Your answer (${question.id})`, 45))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId(ANSWER_INPUT_ID)
          .setLabel(truncate(renderText(question.title), 45))
          .setStyle(TextInputStyle.Paragraph)
          .setMinLength(1)
          .setMaxLength(4000)
          .setPlaceholder(
            'Answer as you would in the interview. Aim for the key ideas, a number or an example.',
          )
          .setRequired(true),
      ),
    );
}
