import { DAY_MS, HOUR_MS } from '../lib/time.ts';

/**
 * Calendar days as `YYYY-MM-DD` strings in the reporting time zone. Analysis counts days, weekdays and
 * months on these, so a day is the same day whatever the server's clock zone is.
 */
export type Day = string;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function utcMidnight(day: Day): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The day `n` days after `day` (before, for negative `n`). */
export function addDays(day: Day, n: number): Day {
  return new Date(utcMidnight(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}

/** 0 for Sunday … 6 for Saturday. */
export function weekdayOf(day: Day): number {
  return new Date(utcMidnight(day)).getUTCDay();
}

export function weekdayName(weekday: number): string {
  return WEEKDAYS[((weekday % 7) + 7) % 7]!;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `tz` from UTC at `at`, in minutes; one cached formatter per zone (analysis asks thousands of times). */
export function offsetMinutes(tz: string, at: Date): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  let format = formatters.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The end of the hour an instant falls in: bounds on whole hours let the store read its hourly rollup. */
export function hourCeiling(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The calendar day an instant falls on in `tz`. */
export function localDay(at: Date, tz: string): Day {
  return new Date(at.getTime() + offsetMinutes(tz, at) * 60_000).toISOString().slice(0, 10);
}

/** Local clock hours since the start of the instant's day in `tz` (e.g. 14.5 at 14:30). */
export function localHours(at: Date, tz: string): number {
  const local = at.getTime() + offsetMinutes(tz, at) * 60_000;
  return (local - utcMidnight(new Date(local).toISOString().slice(0, 10))) / 3_600_000;
}

/** The instant a local day starts in `tz` (DST-aware: the offset is read at that moment). */
export function dayStart(day: Day, tz: string): Date {
  const guess = utcMidnight(day) - offsetMinutes(tz, new Date(utcMidnight(day))) * 60_000;
  return new Date(utcMidnight(day) - offsetMinutes(tz, new Date(guess)) * 60_000);
}

/** The first day of the day's month. */
export function monthStart(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the next month. */
export function nextMonthStart(day: Day): Day {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** Every day from `from` (inclusive) to `to` (exclusive). */
export function dayRange(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  return days;
}
