import type { StoredSchedule } from '../core/model.ts';
import type { Question } from '../core/types.ts';

/** One question-of-the-day post, as the daily service asks for it. */
export interface DailyPost {
  schedule: Pick<StoredSchedule, 'channelId' | 'roleId'>;
  question: Question;
  localDate: string;
  /** Discord returns the existing message for a repeated nonce (enforce_nonce). */
  nonce: string;
}

/**
 * How a send ended, in the daily service's terms: `gone` (the channel no longer exists),
 * `forbidden` (an admin must fix permissions), `transient` (server error, timeout, rate limit).
 */
export type PostResult =
  | { status: 'posted'; messageId: string }
  | { status: 'gone' | 'forbidden' | 'transient'; code?: number | undefined; message: string };

/** The daily service's port to Discord (src/discord/daily-poster.ts implements it). */
export interface DailyPoster {
  post(post: DailyPost): Promise<PostResult>;
  /** That day's post if the bot's recent messages in the channel hold it (undefined: not there). */
  findRecent(channelId: string, localDate: string): Promise<PostResult | undefined>;
  /** Opens the discussion thread; rejects if Discord refused (the post itself stands). */
  startThread(channelId: string, messageId: string, name: string): Promise<void>;
}
