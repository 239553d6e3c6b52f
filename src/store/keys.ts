// Every key but the app-level meta keys starts with the guild id, so a server's data lives in one
// shard's process and can be listed, moved or deleted by prefix.

export const keys = {
  user: (guildId: string, userId: string) => `g:${guildId}:user:${userId}`,
  answer: (guildId: string, userId: string, answerId: string) => `g:${guildId}:answer:${userId}:${answerId}`,
  answerPrefix: (guildId: string, userId: string) => `g:${guildId}:answer:${userId}:`,
  guild: (guildId: string) => `g:${guildId}:guild`,
  post: (guildId: string, channelId: string) => `g:${guildId}:post:${channelId}`,
  boardBucket: (guildId: string, bucket: number) => `g:${guildId}:board:${bucket}`,
  boardPrefix: (guildId: string) => `g:${guildId}:board:`,
  boardMeta: (guildId: string) => `g:${guildId}:board:meta`,
  userPrefix: (guildId: string) => `g:${guildId}:user:`,
  mock: (guildId: string, userId: string, mockId: string) => `g:${guildId}:mock:${userId}:${mockId}`,
  mockPrefix: (guildId: string, userId: string) => `g:${guildId}:mock:${userId}:`,
  peer: (guildId: string, sessionId: string) => `g:${guildId}:peer:${sessionId}`,
  peerPrefix: (guildId: string) => `g:${guildId}:peer:`,
  peerQueue: (guildId: string) => `g:${guildId}:peerqueue`,
  peerPair: (guildId: string, a: string, b: string) => `g:${guildId}:peerpair:${a}:${b}`,
  serverQuestion: (guildId: string, slug: string) => `g:${guildId}:sq:${slug}`,
  serverQuestionPrefix: (guildId: string) => `g:${guildId}:sq:`,
  suggestion: (guildId: string, id: string) => `g:${guildId}:sugg:${id}`,
  suggestionPrefix: (guildId: string) => `g:${guildId}:sugg:`,
  /** A member's streak reminder: app-level (one per user, across scopes), listed by its prefix. */
  reminder: (userId: string) => `rem:${userId}`,
  reminderPrefix: 'rem:',
  /** A member's problem report on a shared-bank question: app-level, listed per member or all. */
  report: (userId: string, reportId: string) => `rep:${userId}:${reportId}`,
  reportsOf: (userId: string) => `rep:${userId}:`,
  reportPrefix: 'rep:',
  /** App-level values, e.g. `commands-hash:{app}:{scope}`. */
  setting: (name: string) => `app:${name}`,
};
