import { DEFAULT_USER_PERMISSIONS, type EmuUser, Perm } from '../emulator/types.ts';

/**
 * The id is derived from the name so that `alice` is the same member on every run: the sandbox
 * store keeps her streak and points between sessions.
 */
export function userId(name: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(name.toLowerCase())) {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `2${(h % 10n ** 17n).toString().padStart(17, '0')}`;
}

/** admin = Manage Server, the permission the bot checks (not Administrator, which implies everything). */
export function sandboxUser(name: string, admin: boolean): EmuUser {
  const lower = name.toLowerCase();
  return {
    id: userId(lower),
    username: lower,
    globalName: lower,
    permissions: admin ? DEFAULT_USER_PERMISSIONS | Perm.ManageGuild : DEFAULT_USER_PERMISSIONS,
  };
}

export const isAdmin = (u: EmuUser): boolean => ((u.permissions ?? 0n) & Perm.ManageGuild) !== 0n;
