/** Every archived report, daily and weekly, newest period first. */
export const REPORTS_PATH = '/api/v1/reports';

export function reportPath(id: string, format?: 'html' | 'csv'): string {
  return `${REPORTS_PATH}/${encodeURIComponent(id)}${format ? `/${format}` : ''}`;
}
