import { type Backtest, backtest } from '../../analyze/backtest.ts';
import {
  addDays,
  type Day,
  dayRange,
  dayStart,
  daysBetween,
  localDay,
  localHours,
  monthStart,
} from '../../analyze/calendar.ts';
import { forecastMonth, type MonthForecast } from '../../analyze/forecast.ts';
import { overrunDate } from '../../analyze/overrun.ts';
import { linearRunRate, velocityForecast } from '../../analyze/run-rate.ts';
import type { UsageFilter } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { readDaily } from './series.ts';

/** Days of history read: a year of past months to backtest on, and the weeks before the first. */
const HISTORY_DAYS = 430;

export interface ForecastRequest {
  org: string;
  /** Dimensions and tags of a scope, and the caller's visibility (from `scopeFilter`). */
  filter?: Pick<UsageFilter, 'dimensions' | 'tags' | 'visibility'>;
  /** A monthly budget in the reporting currency, for the overrun date. */
  budget?: number;
}

export interface SpendForecast {
  currency: string;
  /** The last record of today the forecast saw (the start of today when none): it moves when data comes. */
  asOf: Date;
  today: Day;
  forecast: MonthForecast;
  overrunDate: Day | null;
  backtest: Backtest;
  /** The plain projections spendlens is measured against, for comparison. */
  runRate: number;
  velocity: number;
  /** Each day of the month: what was spent (through today) and what is expected (today on). */
  days: { day: Day; actual: number | null; expected: number | null }[];
}

/** Month-end spend of the org or a scope with P10/P50/P90, overrun date and a backtest on its own past months. */
export async function forecastSpend(ctx: AppContext, req: ForecastRequest): Promise<SpendForecast> {
  const now = ctx.now();
  const tz = ctx.config.timezone;
  const today = localDay(now, tz);
  const asOf = await lastRecordAt(ctx, req, dayStart(today, tz), now);
  const elapsed = localHours(asOf, tz) / 24;
  const read = await readDaily(
    ctx,
    { org: req.org, tz, filter: req.filter },
    addDays(today, -HISTORY_DAYS),
    now,
  );
  const all = (read.series.get(null) ?? []).map((m) => m / 1e6);
  const first = Math.max(
    0,
    Math.min(
      all.findIndex((v) => v > 0),
      all.length - 1,
    ),
  );
  const start = addDays(read.from, first);
  const values = all.slice(first, -1);
  const todaySoFar = all[all.length - 1] ?? 0;
  const history = { start, values };
  const forecast = forecastMonth({ history, today, todaySoFar, elapsed });
  const month = monthStart(today);
  const known = daysBetween(month, today);
  const monthDays = daysBetween(month, forecast.monthEnd);
  const byDay = new Map(forecast.path.map((p) => [p.day, p.expected]));
  const spent = (day: Day) => (day === today ? todaySoFar : (values[daysBetween(start, day)] ?? 0));
  return {
    currency: read.currency,
    asOf,
    today,
    forecast,
    overrunDate:
      req.budget === undefined
        ? null
        : overrunDate({ history, today, todaySoFar, forecast, budget: req.budget }),
    backtest: backtest(history, today, Math.max(1, known)),
    runRate: linearRunRate(forecast.actualToDate, known + elapsed, monthDays),
    velocity: velocityForecast(values, forecast.actualToDate - todaySoFar, monthDays - known),
    days: dayRange(month, forecast.monthEnd).map((day) => ({
      day,
      actual: day <= today ? spent(day) : null,
      expected: byDay.get(day) ?? null,
    })),
  };
}

/**
 * The instant of today's last record (the start of today without one). why: the day's elapsed share is
 * read at the last record, not at the clock, so the projection changes when the data does and not
 * from minute to minute.
 */
async function lastRecordAt(
  ctx: AppContext,
  req: ForecastRequest,
  startOfToday: Date,
  now: Date,
): Promise<Date> {
  const page = await ctx.usage.listUsage({
    org: req.org,
    ...req.filter,
    from: startOfToday,
    to: now,
    limit: 1,
  });
  const last = page.records[0];
  if (!last) return startOfToday;
  const end = last.endTimestamp && last.endTimestamp < now ? last.endTimestamp : last.timestamp;
  return end > startOfToday ? end : startOfToday;
}
