/** One page of a list: `page` (0-based, from anything a client sent) clamped to the pages there are. */
export function paginate<T>(
  items: readonly T[],
  page: number,
  size: number,
): { entries: T[]; page: number; pages: number; total: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const clamped = Math.min(Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)), pages - 1);
  return {
    entries: items.slice(clamped * size, clamped * size + size),
    page: clamped,
    pages,
    total: items.length,
  };
}
