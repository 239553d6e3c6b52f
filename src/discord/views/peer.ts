// Every payload of a peer mock interview: the invitation, the pairing, each question as both
// members see it, the interviewer's private rubric and checklist, the score, the candidate's feedback.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import { MINUTES_BY_KIND } from '../../core/interview.ts';
import type { PeerSessionRecord, PeerStep } from '../../core/model.ts';
import { FORGOTTEN_MEMBER, openStep, PEER_NOTE_MAX } from '../../core/peer.ts';
import type { Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';
import { keyPointLine, rubricText } from './interviewer.ts';
import { LIMITS, truncate } from './limits.ts';
import { renderText } from './markdown.ts';
import { questionMeta } from './question.ts';
import { userText } from './user-text.ts';

export const PEER = {
  accept: 'peer-accept',
  decline: 'peer-decline',
  rubric: 'peer-rubric',
  check: 'peer-check',
  score: 'peer-score',
  feedback: 'peer-feedback',
  swap: 'peer-swap',
  end: 'peer-end',
} as const;
export const NOTE_INPUT_ID = 'note';

const PEER_COLOUR = 0x9b59b6;

/** A member as a mention (shown as their name; the message's allowed_mentions decides who is pinged). */
export function who(userId: string): string {
  return userId === FORGOTTEN_MEMBER ? 'a member who left' : `<@${userId}>`;
}

const questionsText = (n: number) => `${n} question${n === 1 ? '' : 's'}`;

/** Pings the invitee only. */
export function inviteMessage(session: PeerSessionRecord, topicName: string | undefined) {
  const [inviter, partner] = session.memberIds;
  return {
    content: truncate(
      `${who(partner)}: ${who(inviter)} invites you to a mock interview (${questionsText(session.length)}${topicName ? ` on ${topicName}` : ''}). You ask first, with a private rubric; then you can swap roles. The invitation is open for an hour.`,
      LIMITS.content,
    ),
    allowedMentions: { parse: [], users: [partner] },
    components: [
      row(
        button(customId(PEER.accept, session.id), 'Accept', ButtonStyle.Success),
        button(customId(PEER.decline, session.id), 'Decline', ButtonStyle.Secondary),
      ),
    ],
  };
}

export function inviteAnsweredView(session: PeerSessionRecord, accepted: boolean) {
  const [inviter, partner] = session.memberIds;
  return {
    content: accepted
      ? `${who(partner)} accepted ${who(inviter)}'s mock interview${session.threadId ? `: it runs in <#${session.threadId}>` : ' (below)'}.`
      : `${who(partner)} declined the mock interview.`,
    allowedMentions: { parse: [] },
    components: [],
  };
}

/** /mock find paired two members: the one message that pings exactly those two. */
export function pairedMessage(session: PeerSessionRecord) {
  const [first, second] = session.memberIds;
  return {
    content: `${who(first)} and ${who(second)}: you are paired for a mock interview (${questionsText(session.length)}). ${who(second)} asks first, ${who(first)} answers; then you can swap.`,
    allowedMentions: { parse: [], users: [first, second] },
  };
}

function questionEmbed(step: PeerStep, index: number, question: Question): APIEmbed {
  const minutes = MINUTES_BY_KIND[question.kind];
  return {
    author: { name: `Mock interview · question ${index + 1} · round ${step.round + 1}` },
    title: truncate(renderText(question.title), LIMITS.title),
    description: `${who(step.interviewerId)} reads the question out; ${who(step.candidateId)} answers aloud (in a voice channel) or in text here, in about ${minutes} minutes. Interviewer: press **Rubric** for the key points to tick, follow-ups and red flags (only you see them), then **Score** in it.`,
    footer: { text: truncate(questionMeta(question), LIMITS.footer) },
    color: PEER_COLOUR,
  };
}

const askingRow = (session: PeerSessionRecord) =>
  row(
    button(customId(PEER.rubric, session.id), 'Rubric (interviewer)', ButtonStyle.Primary),
    button(customId(PEER.end, session.id), 'End the interview', ButtonStyle.Secondary),
  );

/** A question as both members see it; `ping` on the first one of a session (both are told). */
export function peerQuestionMessage(session: PeerSessionRecord, question: Question, ping: boolean) {
  const open = openStep(session);
  if (!open) throw new Error('no open question');
  return {
    content: ping
      ? `${who(session.memberIds[0])} ${who(session.memberIds[1])}: your mock interview starts.`
      : '',
    allowedMentions: ping ? { parse: [], users: [...session.memberIds] } : { parse: [] },
    embeds: [questionEmbed(open.step, open.index, question)],
    components: [askingRow(session)],
  };
}

/** The interviewer's private view: the rubric, the timer, the checklist and the Score button. */
export function rubricMessage(session: PeerSessionRecord, index: number, question: Question) {
  const step = session.steps[index] as PeerStep;
  const shown = Math.floor(Date.parse(step.shownAt) / 1000);
  const checked = new Set(step.checked);
  const embed: APIEmbed = {
    title: truncate(`Rubric: ${renderText(question.title)}`, LIMITS.title),
    description: truncate(
      `Asked <t:${shown}:R>; give about ${MINUTES_BY_KIND[question.kind]} minutes. Tick below what the candidate said in their own words; the candidate never sees this rubric before answering.\n\n${rubricText(question, checked)}`,
      LIMITS.description,
    ),
    footer: { text: `${checked.size} of ${question.keyPoints.length} key points ticked` },
    color: PEER_COLOUR,
  };
  const select: APIActionRowComponent<APIComponentInMessageActionRow> = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: customId(PEER.check, session.id, index),
        placeholder: 'Key points the candidate covered',
        min_values: 0,
        max_values: question.keyPoints.length,
        options: question.keyPoints.map((point, i) => ({
          label: truncate(renderText(keyPointLine(point)), 100),
          value: String(i),
          default: checked.has(i),
        })),
      },
    ],
  };
  return {
    embeds: [embed],
    components: [
      select,
      row(button(customId(PEER.score, session.id, index), 'Score this answer', ButtonStyle.Success)),
    ],
  };
}

export function scoreModal(sessionId: string, index: number): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId(PEER.score, sessionId, index),
    title: 'Score the answer',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: NOTE_INPUT_ID,
            label: 'A note for the candidate (optional)',
            style: TextInputStyle.Paragraph,
            max_length: PEER_NOTE_MAX,
            required: false,
            placeholder: 'What was strong, what to work on, one follow-up to prepare.',
          },
        ],
      },
    ],
  };
}

/** After a score: the candidate may read it; then the next question, or the end of the round. */
export function scoredMessage(p: {
  session: PeerSessionRecord;
  scored: number;
  scoredQuestion: Question;
  next: Question | undefined;
}) {
  const step = p.session.steps[p.scored] as PeerStep;
  const feedback = button(
    customId(PEER.feedback, p.session.id, p.scored),
    'My feedback (candidate)',
    ButtonStyle.Primary,
  );
  let text = `Question ${p.scored + 1} scored: ${step.checked.length} of ${p.scoredQuestion.keyPoints.length} key points. ${who(step.candidateId)}, press **My feedback** to read it with the interviewer's note and the model answer (only you see it).`;
  const components: APIActionRowComponent<APIButtonComponent>[] = [];
  const embeds: APIEmbed[] = [];
  const open = openStep(p.session);
  if (open && p.next) {
    components.push(row(feedback));
    embeds.push(questionEmbed(open.step, open.index, p.next));
    components.push(askingRow(p.session));
  } else {
    const award = p.session.awards.at(-1);
    text += `\n**Round ${step.round + 1} is over.** ${
      award && award.points > 0
        ? `${who(step.interviewerId)} earned +${award.points} points for interviewing.`
        : `No interview points this time: ${who(step.interviewerId)} already earned them for interviewing ${who(step.candidateId)} today.`
    } Swap roles for a round the other way, or end here.`;
    components.push(
      row(
        feedback,
        button(customId(PEER.swap, p.session.id), 'Swap roles', ButtonStyle.Success),
        button(customId(PEER.end, p.session.id), 'End the interview', ButtonStyle.Secondary),
      ),
    );
  }
  return { content: truncate(text, LIMITS.content), allowedMentions: { parse: [] }, embeds, components };
}

/** The candidate's private feedback on one question: ticks, the interviewer's note. */
export function peerFeedbackEmbed(step: PeerStep, question: Question): APIEmbed {
  const checked = new Set(step.checked);
  const lines = question.keyPoints.map(
    (point, i) => `${checked.has(i) ? '✅' : '⬜'} ${renderText(keyPointLine(point))}`,
  );
  const fields = step.note
    ? [
        {
          name: 'The interviewer\u2019s note',
          value: truncate(
            `> ${userText(step.note, 900).replace(/\n/g, '\n> ')}\n— ${who(step.interviewerId)}`,
            LIMITS.fieldValue,
          ),
        },
      ]
    : [];
  return {
    title: truncate(`Your answer: ${checked.size} of ${question.keyPoints.length} key points`, LIMITS.title),
    description: truncate(`**${renderText(question.title)}**\n\n${lines.join('\n')}`, LIMITS.description),
    fields,
    footer: { text: 'The model answer follows.' },
    color: PEER_COLOUR,
  };
}

export function endedView(userId: string) {
  return {
    content: `${who(userId)} ended the mock interview. Start another with \`/mock pair\` or \`/mock find\`.`,
    allowedMentions: { parse: [] },
  };
}
