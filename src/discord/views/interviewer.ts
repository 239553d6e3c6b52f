// The interviewer's side of a question: its rubric (what a strong answer covers, follow-ups, red
// flags) as embeds within Discord's limits, and a kit of questions as a markdown file to print.
import { type APIEmbed, type InteractionReplyOptions, MessageFlags } from 'discord.js';
import { LEVEL_NAMES, type Level, MINUTES_BY_KIND } from '../../core/interview.ts';
import { type KeyPoint, KIND_NAMES, type Question, stageName } from '../../core/types.ts';
import { embedTextLength, LIMITS, truncate } from './limits.ts';
import { renderText } from './markdown.ts';
import { questionMeta } from './question.ts';

const RUBRIC_COLOUR = 0xeb459e;

/** A key point as a rubric line (bank markdown): a case study's stage first. */
export function keyPointLine(point: KeyPoint): string {
  return point.stage === undefined ? point.text : `${stageName(point.stage)}: ${point.text}`;
}

/** The rubric of one question as markdown for Discord: checklist (`checked` ticked), follow-ups, red flags. */
export function rubricText(q: Question, checked: ReadonlySet<number> = new Set()): string {
  const lines = [
    '**A strong answer covers**',
    ...q.keyPoints.map((point, i) => `${checked.has(i) ? '☑' : '☐'} ${renderText(keyPointLine(point))}`),
  ];
  if (q.followUps?.length) lines.push('', '**Follow-ups**', ...q.followUps.map((f) => `• ${renderText(f)}`));
  if (q.redFlags?.length) lines.push('', '**Red flags**', ...q.redFlags.map((f) => `• ${renderText(f)}`));
  return lines.join('\n');
}

/** One embed per question of the kit, trimmed so they all fit one message (the file has all of it). */
export function kitEmbeds(questions: readonly Question[], heading: string): APIEmbed[] {
  const total = questions.reduce((n, q) => n + MINUTES_BY_KIND[q.kind], 0);
  const overview: APIEmbed = {
    title: truncate(heading, LIMITS.title),
    description: truncate(
      [
        `${questions.length} question${questions.length === 1 ? '' : 's'}, about ${total} minutes. Read each question out, let the candidate answer, tick what they covered, then ask the follow-ups. The attached file has everything, with the model answers.`,
        '',
        ...questions.map(
          (q, i) =>
            `${i + 1}. ${renderText(q.title)} (${KIND_NAMES[q.kind].toLowerCase()}, ${q.difficulty}, ${MINUTES_BY_KIND[q.kind]} min)`,
        ),
      ].join('\n'),
      LIMITS.description,
    ),
    color: RUBRIC_COLOUR,
  };
  const shown = questions.slice(0, LIMITS.embedsPerMessage - 1);
  const frames = shown.map(
    (q, i): APIEmbed => ({
      title: truncate(`${i + 1}. ${renderText(q.title)}`, LIMITS.title),
      footer: { text: truncate(questionMeta(q), LIMITS.footer) },
      color: RUBRIC_COLOUR,
    }),
  );
  const used = [overview, ...frames].reduce((n, e) => n + embedTextLength(e), 0);
  // Whatever is left of the message's 6,000 characters, shared evenly by the rubrics.
  const each = Math.min(
    LIMITS.description,
    Math.floor((LIMITS.embedTotal - used) / Math.max(1, shown.length)),
  );
  // (Long titles could leave no room: then the rubrics are in the file only.)
  const rubrics =
    each < 40
      ? frames
      : frames.map((frame, i) => ({
          ...frame,
          description: truncateRubric(rubricText(shown[i] as Question), each),
        }));
  return [overview, ...rubrics];
}

function truncateRubric(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = '\n… (the rest is in the file)';
  const cut = text.slice(0, max - note.length);
  const lastLine = cut.lastIndexOf('\n');
  return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}${note}`;
}

/** The kit as markdown: every question with its rubric and the model answer. */
export function kitMarkdown(p: {
  questions: readonly Question[];
  heading: string;
  level?: Level | undefined;
  createdAt: Date;
}): string {
  const out = [
    `# ${p.heading}`,
    '',
    `Made ${p.createdAt.toISOString().slice(0, 10)}${p.level ? ` · level: ${LEVEL_NAMES[p.level]}` : ''} · ${p.questions.length} questions, about ${p.questions.reduce((n, q) => n + MINUTES_BY_KIND[q.kind], 0)} minutes.`,
    '',
    'How to use it: read each question out, give the candidate the time shown, tick the points they cover (in their own words, not the same words), ask one or two follow-ups, note any red flag. The model answer is for you, after the answer.',
    '',
  ];
  p.questions.forEach((q, i) => {
    out.push(
      `## ${i + 1}. ${q.title}`,
      '',
      `${questionMeta(q)} · about ${MINUTES_BY_KIND[q.kind]} minutes`,
      '',
      '### A strong answer covers',
      ...q.keyPoints.map((point) => `- [ ] ${keyPointLine(point)}`),
      '',
    );
    if (q.followUps?.length) out.push('### Follow-ups', ...q.followUps.map((f) => `- ${f}`), '');
    if (q.redFlags?.length) out.push('### Red flags', ...q.redFlags.map((f) => `- ${f}`), '');
    out.push('### Model answer', '', q.answer.trim(), '');
  });
  return `${out.join('\n').trimEnd()}\n`;
}

export function kitReply(p: {
  questions: readonly Question[];
  heading: string;
  fileName: string;
  level?: Level | undefined;
  createdAt: Date;
  maxBytes: number;
}): InteractionReplyOptions {
  const file = Buffer.from(kitMarkdown(p));
  const fits = file.byteLength <= p.maxBytes;
  return {
    embeds: kitEmbeds(p.questions, p.heading),
    ...(fits
      ? { files: [{ attachment: file, name: p.fileName }] }
      : { content: 'The full kit is larger than this channel accepts as a file; ask for fewer questions.' }),
    flags: MessageFlags.Ephemeral,
  };
}
