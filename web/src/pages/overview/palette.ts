/**
 * Series colours: Tableau 10, distinct for common colour-vision deficiencies and readable on white
 * in a screenshot; "Other" is a neutral grey so it never competes with a named series.
 */
export const SERIES_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];
export const OTHER_COLOR = '#bab0ac';

export function seriesColor(key: string, index: number): string {
  return key === 'other' ? OTHER_COLOR : (SERIES_COLORS[index % SERIES_COLORS.length] ?? OTHER_COLOR);
}
