import { ButtonStyle, type InteractionReplyOptions, MessageFlags } from 'discord.js';
import { customId } from '../custom-id.ts';
import { button, row } from './components.ts';

/** Custom_id prefixes of the confirmation's buttons. */
export const CONFIRM = 'forget';
export const CANCEL = 'forget-cancel';

export function forgetConfirmReply(userId: string): InteractionReplyOptions {
  return {
    content:
      'This deletes all your answers, grades, review schedule, streak and points in this server, and removes you from its leaderboards. It cannot be undone.',
    components: [
      row(
        button(customId(CONFIRM, userId), 'Delete my data', ButtonStyle.Danger),
        button(customId(CANCEL), 'Cancel', ButtonStyle.Secondary),
      ),
    ],
    flags: MessageFlags.Ephemeral,
  };
}

export function forgottenView(answers: number) {
  return {
    content: `Done: deleted ${answers} answer${answers === 1 ? '' : 's'} and all your progress in this server.`,
    components: [],
  };
}

export const nothingDeletedView = { content: 'Nothing was deleted.', components: [] };
