import { ButtonStyle, type InteractionReplyOptions, MessageFlags } from 'discord.js';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';

/** Custom_id prefixes of the confirmation's buttons. */
export const CONFIRM = 'forget';
export const CANCEL = 'forget-cancel';

export function forgetConfirmReply(userId: string, personal = false): InteractionReplyOptions {
  return {
    content: personal
      ? 'This deletes your personal practice (DMs and servers without the bot): all its answers, grades, review schedule, streak, points and settings. Your progress in servers that have the bot is not touched. It cannot be undone.'
      : 'This deletes all your answers, grades, review schedule, streak and points in this server, and removes you from its leaderboards. It cannot be undone.',
    components: [
      row(
        button(customId(CONFIRM, userId), 'Delete my data', ButtonStyle.Danger),
        button(customId(CANCEL), 'Cancel', ButtonStyle.Secondary),
      ),
    ],
    flags: MessageFlags.Ephemeral,
  };
}

export function forgottenView(answers: number, personal = false) {
  return {
    content: `Done: deleted ${answers} answer${answers === 1 ? '' : 's'} and all your progress ${personal ? 'in your personal practice, and its settings' : 'in this server'}.`,
    components: [],
  };
}

export const nothingDeletedView = { content: 'Nothing was deleted.', components: [] };
