import { addDays, type Day, dayStart, localDay } from '../../analyze/calendar.ts';

/** The span a report covers: local days in the reporting zone, as instants. */
export interface ReportPeriod {
  id: string;
  /** The first local day covered. */
  first: Day;
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface WeeklyPeriod extends ReportPeriod {
  /** ISO week label, e.g. `2026-W47`. */
  week: string;
  /** The week before, for the week-on-week comparison. */
  previousStart: Date;
}

/** 1 for Monday … 7 for Sunday, as ISO 8601 counts. */
function isoWeekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The ISO week-year and week of a day: the week belongs to the year its Thursday falls in. */
function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const ordinal = (Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000;
  return { year, week: Math.floor(ordinal / 7) + 1 };
}

/** `2026-W47`. */
export function isoWeekLabel(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the ISO week a day falls in. */
function mondayOf(day: Day): Day {
  return addDays(day, 1 - isoWeekday(day));
}

/** The daily summary of one local day: `daily-2026-11-22`. */
export function dailyPeriod(day: Day, tz: string): ReportPeriod {
  return { id: `daily-${day}`, first: day, start: dayStart(day, tz), end: dayStart(addDays(day, 1), tz) };
}

/** The weekly report of the ISO week (Monday to Sunday) a day falls in: `report-2026-W47`. */
export function weeklyPeriod(day: Day, tz: string): WeeklyPeriod {
  const monday = mondayOf(day);
  const week = isoWeekLabel(monday);
  return {
    id: `report-${week}`,
    week,
    first: monday,
    start: dayStart(monday, tz),
    end: dayStart(addDays(monday, 7), tz),
    previousStart: dayStart(addDays(monday, -7), tz),
  };
}

/** The day a scheduled daily summary at `now` covers: yesterday in the reporting zone. */
export function yesterday(now: Date, tz: string): Day {
  return addDays(localDay(now, tz), -1);
}

/** A day in the week a scheduled weekly report at `now` covers: the previous ISO week. */
export function dayOfPreviousWeek(now: Date, tz: string): Day {
  return addDays(mondayOf(localDay(now, tz)), -7);
}
