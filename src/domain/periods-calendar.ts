import { DAY_MS, zoneOffsetMinutes } from '../lib/time.ts';

/**
 * Calendar days (`YYYY-MM-DD`) in a time zone, for the periods. why: the dashboard imports these too, so
 * they use nothing but `Intl` (src/analyze/calendar.ts is server-side analysis and may not be bundled).
 */
const midnightUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The calendar day an instant falls on in `tz`. */
export function localDay(at: Date, tz: string): string {
  return new Date(at.getTime() + zoneOffsetMinutes(tz, at) * 60_000).toISOString().slice(0, 10);
}

/** The instant a local day starts in `tz` (DST-aware: the offset is read at that moment). */
export function dayStart(day: string, tz: string): Date {
  const utc = midnightUtc(day);
  const guess = utc - zoneOffsetMinutes(tz, new Date(utc)) * 60_000;
  return new Date(utc - zoneOffsetMinutes(tz, new Date(guess)) * 60_000);
}

/** The day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(midnightUtc(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The first of the month `n` months after the month of `day`. */
export function addMonths(day: string, n: number): string {
  const d = new Date(midnightUtc(day));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
}

/** 0 for Sunday … 6 for Saturday. */
export function weekday(day: string): number {
  return new Date(midnightUtc(day)).getUTCDay();
}
