// A GitHub-style practice calendar: columns are weeks (Monday first), rows are weekdays.
import { addDays } from '../../core/time.ts';

export const HEATMAP_WEEKS = 12;
const CELL = 14;
const GAP = 3;
const LEFT = 28;
const TOP = 18;
const COLOURS = ['#2b2d31', '#0e4429', '#006d32', '#26a641', '#39d353'];
const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

export interface HeatmapCell {
  day: string;
  count: number;
  column: number;
  row: number;
}

/** Monday-based weekday index of a yyyy-MM-dd day (0 = Monday). */
function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The cells of the last HEATMAP_WEEKS weeks up to and including today. */
export function heatmapCells(days: Readonly<Record<string, number>>, today: string): HeatmapCell[] {
  const lastMonday = addDays(today, -weekdayIndex(today));
  const firstMonday = addDays(lastMonday, -7 * (HEATMAP_WEEKS - 1));
  const cells: HeatmapCell[] = [];
  for (let column = 0; column < HEATMAP_WEEKS; column++) {
    for (let row = 0; row < 7; row++) {
      const day = addDays(firstMonday, column * 7 + row);
      if (day > today) break;
      cells.push({ day, count: days[day] ?? 0, column, row });
    }
  }
  return cells;
}

function level(count: number): number {
  return count === 0 ? 0 : count === 1 ? 1 : count <= 3 ? 2 : count <= 5 ? 3 : 4;
}

export function heatmapSvg(days: Readonly<Record<string, number>>, today: string): string {
  const cells = heatmapCells(days, today);
  const width = LEFT + HEATMAP_WEEKS * (CELL + GAP) + 8;
  const height = TOP + 7 * (CELL + GAP) + 8;
  const rects = cells
    .map(
      (c) =>
        `<rect x="${LEFT + c.column * (CELL + GAP)}" y="${TOP + c.row * (CELL + GAP)}" width="${CELL}" height="${CELL}" rx="3" fill="${COLOURS[level(c.count)]}"/>`,
    )
    .join('');
  const labels = WEEKDAY_LABELS.map((label, row) =>
    label
      ? `<text x="2" y="${TOP + row * (CELL + GAP) + CELL - 3}" font-size="10" font-family="sans-serif" fill="#b5bac1">${label}</text>`
      : '',
  ).join('');
  const title = `<text x="${LEFT}" y="12" font-size="11" font-family="sans-serif" fill="#dbdee1">Last ${HEATMAP_WEEKS} weeks of practice</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#1e1f22"/>${title}${labels}${rects}</svg>`;
}

/** The same calendar as text, for when the image cannot be rendered. */
export function heatmapText(days: Readonly<Record<string, number>>, today: string): string {
  const grid: string[][] = Array.from({ length: 7 }, () => []);
  for (const c of heatmapCells(days, today))
    grid[c.row]![c.column] = ['·', '░', '▒', '▓', '█'][level(c.count)]!;
  return grid.map((row) => row.join('')).join('\n');
}
