const DIGITS = /^\d+$/;

/**
 * The one user-id order (leaderboard ties): ascending, all-digit ids (Discord snowflakes) compared
 * numerically (shorter is smaller, leading zeros ignored), anything else, and equal numbers, as text.
 */
export function compareUserIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1; // same length: digit by digit is by number
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
