import { type InteractionReplyOptions, type MessageCreateOptions, MessageFlags } from 'discord.js';
import type { StoredPostRecord, StoredSchedule } from '../../core/model.ts';
import type { Question } from '../../core/types.ts';
import type { DailyPost } from '../../daily/poster.ts';
import { truncate } from './limits.ts';
import { questionMessage } from './question.ts';

/** The author line of a day's post: how a resumed post finds the message it may already have sent. */
export const dailyMarker = (localDate: string) => `Question of the day · ${localDate}`;

export function dailyPayload(p: Omit<DailyPost, 'nonce'>): MessageCreateOptions {
  const message = questionMessage(p.question, dailyMarker(p.localDate));
  const roleId = p.schedule.roleId;
  return {
    ...message,
    content: roleId ? `<@&${roleId}>` : undefined,
    // Only the configured role may be pinged; nothing in the question text can.
    allowedMentions: { parse: [], roles: roleId ? [roleId] : [] },
  };
}

const ts = (d: Date | undefined) => (d ? `<t:${Math.floor(d.getTime() / 1000)}:f>` : '—');
const ephemeral = (content: string): InteractionReplyOptions => ({ content, flags: MessageFlags.Ephemeral });

export const notATimeText = (time: string) =>
  `\`${truncate(time, 20)}\` is not a time. Use 24-hour HH:MM, e.g. \`09:00\` or \`18:30\`.`;

export const notATimeZoneText = (zone: string) =>
  `\`${truncate(zone, 60)}\` is not an IANA timezone. Use a name like \`Europe/Berlin\`, \`America/New_York\` or \`UTC\` (the option autocompletes).`;

export function scheduleSetReply(p: {
  schedule: StoredSchedule;
  missing: readonly string[];
  postNow: boolean;
  nextPost: Date | undefined;
}): InteractionReplyOptions {
  const { channelId, time, timeZone, roleId, thread } = p.schedule;
  const warning = p.missing.length
    ? `\n⚠️ I cannot post in <#${channelId}> yet: I am missing ${p.missing.join(', ')} there. The schedule is saved; grant these and it starts working.`
    : '';
  const next = p.postNow
    ? "today's time has passed, so today's question is posted now"
    : `next post ${ts(p.nextPost)}`;
  return ephemeral(
    `Daily question set for <#${channelId}> at ${time} ${timeZone}${roleId ? ` pinging <@&${roleId}>` : ''}${thread ? ', with a discussion thread' : ''}: ${next}. Streaks in this server now count days in ${timeZone}.${warning}`,
  );
}

export function schedulesStoppedReply(channelIds: readonly string[]): InteractionReplyOptions {
  return ephemeral(
    channelIds.length === 0
      ? 'There was no daily question to stop.'
      : `Stopped the daily question in ${channelIds.map((id) => `<#${id}>`).join(', ')}.`,
  );
}

export function statusReply(
  entries: readonly {
    schedule: StoredSchedule;
    last: StoredPostRecord | undefined;
    next: Date | undefined;
  }[],
): InteractionReplyOptions {
  if (entries.length === 0)
    return ephemeral('No daily question is scheduled. Use `/daily set` to start one.');
  const lines = entries.map(({ schedule: s, last, next }) => {
    const state = s.enabled ? 'on' : `off (${s.disabledReason ?? 'disabled'})`;
    const lastText = last
      ? `${last.localDate} ${last.state}${last.questionId ? ` (\`${last.questionId}\`)` : ''}`
      : 'never';
    const error = s.lastError
      ? `\n  last error: ${truncate(s.lastError.message, 200)}${s.lastError.code ? ` (code ${s.lastError.code})` : ''} at ${ts(new Date(s.lastError.at))}`
      : '';
    return `<#${s.channelId}>: ${s.time} ${s.timeZone}, ${state}${s.roleId ? `, pings <@&${s.roleId}>` : ''}\n  next post: ${ts(next)} · last post: ${lastText}${error}`;
  });
  return ephemeral(truncate(lines.join('\n'), 2000));
}

export function previewReply(p: {
  localDate: string;
  question: Question;
  schedule?: StoredSchedule | undefined;
}): InteractionReplyOptions {
  const payload = dailyPayload({
    schedule: p.schedule ?? { channelId: '' },
    question: p.question,
    localDate: p.localDate,
  });
  return {
    content: `Preview of the post for ${p.localDate} (only you see this):`,
    embeds: payload.embeds as InteractionReplyOptions['embeds'],
    flags: MessageFlags.Ephemeral,
  };
}
