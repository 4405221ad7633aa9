/** Calendar days the API sends (YYYY-MM-DD, or a period boundary as an instant), as people read them. */

const DAY_MS = 86_400_000;
const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const asDate = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** "2026-11-26" → "26 Nov". */
export function formatDay(day: string): string {
  return short.format(asDate(day));
}

/** "2026-11-22" → "Sun 22 Nov 2026". */
export function formatLongDay(day: string): string {
  return long.format(asDate(day));
}

/**
 * The calendar day a period boundary falls on. why: the server sends the instant of midnight in its
 * configured zone, which the browser does not know; rounding to the nearest UTC midnight gives that day
 * for every zone within ±12 hours.
 */
export function boundaryDay(iso: string): string {
  return new Date(Date.parse(iso) + DAY_MS / 2).toISOString().slice(0, 10);
}

/** The day before a calendar day: the last day of a period whose exclusive end is `day`. */
export function dayBefore(day: string): string {
  return new Date(asDate(day).getTime() - DAY_MS).toISOString().slice(0, 10);
}
