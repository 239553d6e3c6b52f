// An incrementally maintained ranking: an array kept sorted by (value desc, userId asc) plus a map
// of each user's value. Updating one user is two binary searches and one splice (a memmove), so a
// grade costs microseconds even at 100,000 members, and a page or a rank is a slice or a search.
import { compareUserIds } from './user-ids.ts';

export interface BoardRow {
  userId: string;
  value: number;
}

function before(aValue: number, aId: string, bValue: number, bId: string): boolean {
  return aValue !== bValue ? aValue > bValue : compareUserIds(aId, bId) < 0;
}

export class SortedBoard {
  private rows: BoardRow[] = [];
  private readonly values = new Map<string, number>();

  /** Builds a board with one sort: inserting 100,000 rows one by one would be quadratic. */
  static from(rows: Iterable<BoardRow>): SortedBoard {
    const board = new SortedBoard();
    for (const row of rows) if (row.value > 0) board.values.set(row.userId, row.value);
    board.rows = [...board.values].map(([userId, value]) => ({ userId, value }));
    board.rows.sort((a, b) => (a.value !== b.value ? b.value - a.value : compareUserIds(a.userId, b.userId)));
    return board;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Index where (value, userId) sits or would be inserted. */
  private search(value: number, userId: string): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = this.rows[mid]!;
      if (before(row.value, row.userId, value, userId)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sets a user's value; a value of 0 or less removes them (boards list only people who scored). */
  set(userId: string, value: number): void {
    const old = this.values.get(userId);
    if (old === value) return;
    if (old !== undefined) {
      this.rows.splice(this.search(old, userId), 1);
      this.values.delete(userId);
    }
    if (value > 0) {
      this.rows.splice(this.search(value, userId), 0, { userId, value });
      this.values.set(userId, value);
    }
  }

  delete(userId: string): void {
    this.set(userId, 0);
  }

  valueOf(userId: string): number | undefined {
    return this.values.get(userId);
  }

  /** Competition rank (ties share the best rank: 1, 1, 3). */
  private rankAt(index: number): number {
    const value = this.rows[index]!.value;
    let lo = 0;
    let hi = index;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.value > value) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  page(offset: number, limit: number): (BoardRow & { rank: number })[] {
    return this.rows
      .slice(offset, offset + limit)
      .map((row, i) => ({ ...row, rank: this.rankAt(offset + i) }));
  }

  rankOf(userId: string): { rank: number; value: number; position: number } | undefined {
    const value = this.values.get(userId);
    if (value === undefined) return undefined;
    const position = this.search(value, userId);
    return { rank: this.rankAt(position), value, position };
  }
}
