import type { MessageCreateOptions } from 'discord.js';
import type { Question } from '../../core/types.ts';
import { questionMessage } from './question.ts';

/** The streak reminder DM: the streak at stake and a question to keep it, with its buttons. */
export function reminderMessage(p: { question: Question; streak: number }): MessageCreateOptions {
  return {
    content: `Your ${p.streak}-day streak ends at midnight unless you practise today. Here is a question to keep it going. (Turn these reminders off with \`/settings remind:off\`.)`,
    ...questionMessage(p.question, 'Streak reminder'),
    allowedMentions: { parse: [] },
  };
}
