/** The half-open key range [prefix, prefix with its last character incremented): a prefix scan. */
export function prefixRange(prefix: string): [from: string, to: string] {
  if (prefix === '') return ['', '\u{10FFFF}'];
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)];
}
