import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import { paginate } from '../../core/paging.ts';
import type { Question } from '../../core/types.ts';
import { customId } from '../custom-id.ts';
import { button, pagingRow, row } from './components.ts';
import { LIMITS, truncate } from './limits.ts';

/** Custom_id handlers: a page of the archive, and practising one of its questions. */
export const ARCHIVE_PAGE = 'arch';
export const ARCHIVE_PRACTISE = 'arch-q';
export const ARCHIVE_PAGE_SIZE = 5;

export interface ArchiveEntry {
  localDate: string;
  questionId: string;
  question?: Question | undefined;
}

/** One page of the server's past questions of the day, newest first, each with a Practise button. */
export function archivePageView(
  entries: readonly ArchiveEntry[],
  requestedPage: number,
): InteractionReplyOptions & InteractionUpdateOptions {
  if (entries.length === 0) {
    return {
      content:
        'This server has no questions of the day yet. A member with Manage Server starts them with `/daily set`.',
      embeds: [],
      components: [],
    };
  }
  const { entries: shown, page, pages } = paginate(entries, requestedPage, ARCHIVE_PAGE_SIZE);
  const first = page * ARCHIVE_PAGE_SIZE;
  const lines = shown.map((e, i) => {
    const what = e.question
      ? `${e.question.title} (${e.question.difficulty})`
      : `\`${e.questionId}\` (no longer in the bank)`;
    return truncate(`**${first + i + 1}.** \`${e.localDate}\` · ${what}`, 400);
  });
  const practise = row(
    ...shown.map((e, i) =>
      button(
        customId(ARCHIVE_PRACTISE, e.questionId, first + i),
        `Practise ${first + i + 1}`,
        ButtonStyle.Primary,
        e.question === undefined,
      ),
    ),
  );
  const components: APIActionRowComponent<APIButtonComponent>[] = [practise];
  if (pages > 1) {
    components.push(pagingRow((n) => customId(ARCHIVE_PAGE, n), page, pages));
  }
  return {
    content: '',
    embeds: [
      {
        title: 'Questions of the day',
        description: truncate(lines.join('\n'), LIMITS.description),
        footer: { text: `Page ${page + 1} of ${pages} · the last ${entries.length} days, newest first` },
        color: 0x5865f2,
      },
    ],
    components,
  };
}
