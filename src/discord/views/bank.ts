import { type InteractionReplyOptions, MessageFlags } from 'discord.js';
import type { ReloadOutcome } from '../../app/live-bank.ts';
import { LIMITS, truncate } from './limits.ts';

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
  "Only the bot's owners can reload the shared question bank (the application's owner or team, and OWNER_IDS).";
