// A member's practice (answers, reviews, streak, points, freezes) lives in a scope: a server that
// has added the bot, or the member's own personal scope for everywhere else (a DM with the bot, a
// group DM, a server without the bot where they use their own install of the app). Scopes never
// mix: a personal answer is on no server's leaderboard, and a server's progress stays in it.
// A personal scope's id cannot clash with a server's: server ids are Discord snowflakes (digits).

const PERSONAL = '@';

export function personalScope(userId: string): string {
  return `${PERSONAL}${userId}`;
}

export function isPersonalScope(scopeId: string): boolean {
  return scopeId.startsWith(PERSONAL);
}
