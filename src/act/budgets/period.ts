import {
  addDays,
  type Day,
  dayStart,
  localDay,
  monthStart,
  nextMonthStart,
  offsetMinutes,
  weekdayOf,
} from '../../analyze/calendar.ts';
import type { BudgetPeriod } from '../../config/alerting.ts';

/** A budget period: local days in the configured zone and the UTC instants they start at. */
export interface PeriodBounds {
  /** First local day of the period. */
  startDay: Day;
  /** First local day of the next period (exclusive). */
  endDay: Day;
  start: Date;
  /** When the budget resets. */
  end: Date;
}

/**
 * The period under way at `now` in `tz`: the local day, the ISO week (Monday to Monday) or the calendar
 * month. Bounds are local midnights, so a period around a DST change is 23 or 25 hours longer or shorter.
 */
export function periodBounds(period: BudgetPeriod, now: Date, tz: string): PeriodBounds {
  const today = localDay(now, tz);
  const [startDay, endDay] = localSpan(period, today);
  return { startDay, endDay, start: dayStart(startDay, tz), end: dayStart(endDay, tz) };
}

function localSpan(period: BudgetPeriod, today: Day): [Day, Day] {
  switch (period) {
    case 'day':
      return [today, addDays(today, 1)];
    case 'week': {
      const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
      return [monday, addDays(monday, 7)];
    }
    case 'month':
      return [monthStart(today), nextMonthStart(today)];
    default:
      return period satisfies never;
  }
}

/** An instant as ISO 8601 in local time with its offset ("2026-11-01T00:00:00+01:00"): exact, and its first ten characters are the local day. */
export function zonedIso(at: Date, tz: string): string {
  const offset = offsetMinutes(tz, at);
  const local = new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${offset < 0 ? '-' : '+'}${hhmm}`;
}
