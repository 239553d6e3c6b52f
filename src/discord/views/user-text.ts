import { escapeMarkdown } from 'discord.js';
import { truncate } from './limits.ts';
import { neutraliseMentions } from './markdown.ts';

const ZWSP = '\u200B';

/**
 * Text a member chose (a display name, a nickname) as it may appear in a message: markdown escaped
 * (masked links included, so `[Free Nitro](https://…)` is shown as typed), mentions broken, and the
 * scheme of a bare URL broken so Discord does not turn it into a link. Truncated after escaping, so
 * the cut never leaves half an escape.
 */
export function userText(text: string, max: number): string {
  const plain = escapeMarkdown(neutraliseMentions(text), { maskedLink: true }).replace(
    /([a-z][a-z0-9+.-]*):\/\//gi,
    `$1:${ZWSP}//`,
  );
  return truncate(plain, max);
}
