import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { ReloadOutcome } from '../../app/live-bank.ts';
import type { ReportRecord } from '../../core/model.ts';
import { LIMITS, truncate } from './limits.ts';
import { neutraliseMentions } from './markdown.ts';

const list = (ids: readonly string[]) =>
  ids.length === 0
    ? ''
    : `: ${ids
        .slice(0, 10)
        .map((id) => `\`${id}\``)
        .join(', ')}${ids.length > 10 ? ', …' : ''}`;

/** The outcome of /bank reload, for the owner who ran it. */
export function reloadReply(outcome: ReloadOutcome): InteractionReplyOptions {
  if (!outcome.ok) {
    const shown = outcome.problems.slice(0, 20).join('\n');
    const more = outcome.problems.length > 20 ? `\n… and ${outcome.problems.length - 20} more` : '';
    return {
      content: truncate(
        `The question folder has ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}; the bot keeps serving the bank it had. Fix them (\`npm run bank:check\` lists the same) and reload again:\n\`\`\`\n${shown}${more}\n\`\`\``,
        LIMITS.content,
      ),
      flags: MessageFlags.Ephemeral,
    };
  }
  return {
    content: truncate(
      [
        `Reloaded: ${outcome.questions} questions, ${outcome.topics} topics.`,
        `Added ${outcome.added.length}${list(outcome.added)}.`,
        `Removed ${outcome.removed.length}${list(outcome.removed)} (members keep their answers to them; they are no longer asked).`,
        `Changed ${outcome.changed}.`,
      ].join('\n'),
      LIMITS.content,
    ),
    flags: MessageFlags.Ephemeral,
  };
}

export const NOT_AN_OWNER =
  "Only the bot's owners can manage the shared question bank (the application's owner or team, and OWNER_IDS).";

/** The newest problem reports, for the bot's owners (the members' words, quoted and mention-safe). */
export function reportsReply(reports: readonly ReportRecord[], total: number): InteractionReplyOptions {
  if (reports.length === 0) return { content: 'No problem reports.', flags: MessageFlags.Ephemeral };
  const lines = reports.map((r) => {
    const where = r.source ? `${r.source.file}:${r.source.line}` : 'not in the bank';
    const text = truncate(neutraliseMentions(r.text).replace(/\s+/g, ' '), 300);
    return `**\`${r.questionId}\`** (${where}, ${r.at.slice(0, 10)}, version ${r.bankVersion})\n> ${text}`;
  });
  return {
    embeds: [
      {
        title: `Problem reports: the newest ${reports.length} of ${total}`,
        description: truncate(lines.join('\n'), LIMITS.description),
        footer: { text: 'All of them as file:line items: npm run bank:reports -- <DATABASE_URL>' },
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}
