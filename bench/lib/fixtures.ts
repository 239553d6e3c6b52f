// Realistic fabricated data: user records built with the bot's own reducers, emulator guilds, users.
import { newId } from '../../src/app/ids.ts';
import type { UserRecord } from '../../src/core/model.ts';
import { applyAnswer, applyGrade, emptyUser } from '../../src/core/progress.ts';
import { periodKey } from '../../src/core/ranking.ts';
import { addDays, localDay } from '../../src/core/time.ts';
import { type Bank, GRADES } from '../../src/core/types.ts';
import { keys } from '../../src/store/keys.ts';
import type { KvStore } from '../../src/store/open.ts';
import type { EmuGuildSpec, EmuUser } from '../../tools/emulator/index.ts';
import { seeded } from '../../tools/fixtures/random.ts';

export { seeded };

/** A snowflake-looking id: 18 digits from a base and an index. */
export function snowflake(base: bigint, i: number): string {
  return String(base + BigInt(i));
}

/**
 * A user who answered and self-graded `answers` questions on days spread over the last 60 days up to
 * `now` (chronological, as the bot would have stored them), via applyAnswer/applyGrade.
 */
export function fabricateUser(p: {
  bank: Bank;
  guildId: string;
  userId: string;
  name: string;
  now: Date;
  answers: number;
  rng: () => number;
}): UserRecord {
  const tz = 'UTC';
  const today = localDay(p.now, tz);
  const offsets = Array.from({ length: p.answers }, () => Math.floor(p.rng() * 60)).sort((a, b) => b - a);
  const periodsOf = (at: Date) => ({ week: periodKey(at, tz, 'week'), month: periodKey(at, tz, 'month') });
  let user = emptyUser(p.guildId, p.userId, p.name, periodsOf(p.now));
  for (const back of offsets) {
    const day = addDays(today, -back);
    const at = new Date(`${day}T${String(8 + Math.floor(p.rng() * 12)).padStart(2, '0')}:15:00Z`);
    const question = p.bank.questions[Math.floor(p.rng() * p.bank.questions.length)]!;
    const answerId = newId(at);
    const periods = periodsOf(at);
    user = applyAnswer(user, { answerId, questionId: question.id, day, displayName: p.name, periods });
    user = applyGrade(user, {
      answerId,
      question,
      grade: GRADES[Math.floor(p.rng() * GRADES.length)]!,
      answer: { day, at: at.toISOString(), daily: false },
      now: at,
      today: day,
      timeZone: 'UTC',
      periods,
    }).user;
  }
  return user;
}

/** Writes records through Keyv (the bot's own serialisation), `concurrency` writes in flight. */
export async function writeUsers(
  store: KvStore,
  users: readonly UserRecord[],
  concurrency = 256,
): Promise<void> {
  for (let i = 0; i < users.length; i += concurrency) {
    await Promise.all(
      users.slice(i, i + concurrency).map(async (u) => {
        const ok = await store.keyv.set(keys.user(u.guildId, u.userId), u);
        if (ok !== true) throw new Error(`could not write user ${u.userId}`);
      }),
    );
  }
}

export function emuUsers(n: number, base = 210000000000000000n): EmuUser[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `member${i}`;
    return { id: snowflake(base, i), username: name, globalName: `Member ${i}` };
  });
}

/** `count` guilds of `channels` text channels each, with ids that never collide with the defaults. */
export function manyGuilds(count: number, channels: number): EmuGuildSpec[] {
  return Array.from({ length: count }, (_, g) => ({
    id: snowflake(500000000000000000n, g * 100),
    name: `Server ${g}`,
    channels: Array.from({ length: channels }, (_, c) => ({
      id: snowflake(600000000000000000n, g * 100 + c),
      name: c === 0 ? 'general' : `channel-${c}`,
    })),
    roles: [{ id: snowflake(700000000000000000n, g), name: 'Study group' }],
  }));
}
