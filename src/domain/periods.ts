import { HOUR_MS } from '../lib/time.ts';
import { addDays, addMonths, dayStart, localDay, weekday } from './periods-calendar.ts';

/**
 * The named periods, one definition for the API, the CLI and the dashboard. Days are calendar days in
 * the reporting zone; weeks start on Monday (as SQL's `date_trunc('week')`); a period that runs to now
 * ends at the end of the current hour, so it reads the hourly rollup and says the same all hour long.
 *
 * - `today`: from midnight today.
 * - `7d`, `30d`: today and the 6 (29) whole days before it.
 * - `this-week`, `this-month`: from Monday (the 1st) midnight.
 * - `last-week`, `last-month`: the whole previous Monday–Sunday (calendar month).
 */
export const PERIOD_IDS = [
  'today',
  '7d',
  '30d',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];

export const PERIOD_LABELS: Record<PeriodId, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  'this-week': 'This week',
  'last-week': 'Last week',
  'this-month': 'This month',
  'last-month': 'Last month',
};

/** The period a query asks for when it names none. */
export const DEFAULT_PERIOD: PeriodId = '30d';

/** Instants `from` (inclusive) to `to` (exclusive). */
export interface Span {
  from: Date;
  to: Date;
}

export interface Period extends Span {
  id: PeriodId | 'custom';
  label: string;
  tz: string;
  /** The first and last calendar day it touches, `YYYY-MM-DD` in `tz`. */
  firstDay: string;
  lastDay: string;
  /** What it is compared with (see `previousSpan`). */
  previous: Span;
}

// why: people type "last month", "last_month", "lastmonth" or the dashboard's URL names "mtd"/"lastmonth".
const ALIASES: Record<string, PeriodId> = {
  today: 'today',
  '7d': '7d',
  '7days': '7d',
  week: '7d',
  '30d': '30d',
  '30days': '30d',
  thisweek: 'this-week',
  wtd: 'this-week',
  lastweek: 'last-week',
  thismonth: 'this-month',
  mtd: 'this-month',
  month: 'this-month',
  lastmonth: 'last-month',
};

/** Reads a period name as a person or a URL writes it; null when it names none. */
export function parsePeriodId(text: string): PeriodId | null {
  return ALIASES[text.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

/** A named period at `now` in `tz`. */
export function resolvePeriod(id: PeriodId, now: Date, tz: string): Period {
  const today = localDay(now, tz);
  const tomorrow = dayStart(addDays(today, 1), tz);
  // why: in a zone half an hour off UTC, the end of the hour can fall past midnight.
  const end = new Date(Math.min(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS, tomorrow.getTime()));
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const month = `${today.slice(0, 7)}-01`;
  const [first, to]: [string, Date] = (() => {
    switch (id) {
      case 'today':
        return [today, end];
      case '7d':
        return [addDays(today, -6), end];
      case '30d':
        return [addDays(today, -29), end];
      case 'this-week':
        return [monday, end];
      case 'last-week':
        return [addDays(monday, -7), dayStart(monday, tz)];
      case 'this-month':
        return [month, end];
      case 'last-month':
        return [addMonths(month, -1), dayStart(month, tz)];
      default:
        return id satisfies never;
    }
  })();
  return build(id, PERIOD_LABELS[id], dayStart(first, tz), to, tz);
}

/** Whole calendar days `firstDay` to `lastDay`, both included, in `tz`. */
export function dayPeriod(firstDay: string, lastDay: string, tz: string): Period {
  const [a, b] = firstDay <= lastDay ? [firstDay, lastDay] : [lastDay, firstDay];
  return build('custom', a === b ? a : `${a} to ${b}`, dayStart(a, tz), dayStart(addDays(b, 1), tz), tz);
}

/** Any span read as a period (an API caller's `from`/`to`): compared as `previousSpan` says. */
export function spanPeriod(span: Span, tz: string): Period {
  return build('custom', '', span.from, span.to, tz);
}

/**
 * What a span is compared with: whole calendar months with the same number of whole months before
 * (last month with the month before it, not with the 30 days before); anything else with the span of
 * equal length just before it.
 */
export function previousSpan(span: Span, tz: string): Span {
  const first = localDay(span.from, tz);
  const last = localDay(span.to, tz);
  const midnights = dayStart(first, tz).getTime() === span.from.getTime() && isMidnight(span.to, tz);
  if (midnights && first.endsWith('-01') && last.endsWith('-01')) {
    const months = monthsBetween(first, last);
    return { from: dayStart(addMonths(first, -months), tz), to: span.from };
  }
  const length = span.to.getTime() - span.from.getTime();
  // why: a period of centuries would look back before any timestamp the store takes.
  return { from: new Date(Math.max(0, span.from.getTime() - length)), to: span.from };
}

function build(id: Period['id'], label: string, from: Date, to: Date, tz: string): Period {
  return {
    id,
    label,
    tz,
    from,
    to,
    firstDay: localDay(from, tz),
    lastDay: localDay(new Date(Math.max(from.getTime(), to.getTime() - 1)), tz),
    previous: previousSpan({ from, to }, tz),
  };
}

function isMidnight(at: Date, tz: string): boolean {
  return dayStart(localDay(at, tz), tz).getTime() === at.getTime();
}

function monthsBetween(a: string, b: string): number {
  const index = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  return index(b) - index(a);
}
