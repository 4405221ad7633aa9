import { addDays, type Day, dayStart, daysBetween, localDay, localHours } from '../../analyze/calendar.ts';
import type { Dimension } from '../../domain/record.ts';
import { SEAT_SERVICE } from '../../domain/subscriptions.ts';
import { HOUR_MS } from '../../lib/time.ts';
import type { UsageFilter } from '../../store/types.ts';
import type { AppContext } from '../context.ts';
import { querySpend } from '../spend.ts';

/** Where and how far to read: an org (plus optional filters), a zone, and a span of local days. */
export interface SeriesQuery {
  org: string;
  tz: string;
  filter?: Pick<UsageFilter, 'dimensions' | 'tags' | 'visibility'>;
  /** One series per value of this dimension; one series for everything when absent. */
  dimension?: Dimension;
  /** Usage only: fixed seat fees (src/domain/subscriptions.ts) left out, as anomaly detection reads it. */
  usageOnly?: boolean;
}

/** Exact daily spend (micro-units of the reporting currency) per value, dense from `from`. */
export interface DailyByValue {
  currency: string;
  from: Day;
  series: Map<string | null, number[]>;
}

/** Daily spend from local day `from` up to the instant `until` (the last day may be partial). */
export async function readDaily(
  ctx: AppContext,
  q: SeriesQuery,
  from: Day,
  until: Date,
): Promise<DailyByValue> {
  // why: a range that starts after `until` (a period asked for in the future) has no days, not a negative count.
  const length = Math.max(0, daysBetween(from, localDay(until, q.tz)) + 1);
  const result = await spendUntil(ctx, q, dayStart(from, q.tz), until, 'day');
  const series = new Map<string | null, number[]>();
  if (!q.dimension) series.set(null, Array(length).fill(0));
  for (const row of result.rows) {
    const value = q.dimension ? (row.dims[q.dimension] ?? null) : null;
    const days = series.get(value) ?? Array(length).fill(0);
    const i = daysBetween(from, localDay(row.at, q.tz));
    if (i >= 0 && i < length) days[i] += row.micros;
    series.set(value, days);
  }
  return { currency: result.currency, from, series };
}

/** Spend by local hour (24 values) per value and day, from local day `from` up to `until`. */
export async function readHourly(
  ctx: AppContext,
  q: SeriesQuery,
  from: Day,
  until: Date,
): Promise<Map<string | null, Map<Day, number[]>>> {
  const result = await spendUntil(ctx, q, dayStart(from, q.tz), until, 'hour');
  const out = new Map<string | null, Map<Day, number[]>>();
  for (const row of result.rows) {
    const value = q.dimension ? (row.dims[q.dimension] ?? null) : null;
    const days = out.get(value) ?? new Map<Day, number[]>();
    const day = localDay(row.at, q.tz);
    const hours = days.get(day) ?? Array(24).fill(0);
    hours[Math.min(23, Math.floor(localHours(row.at, q.tz)))] += row.micros;
    days.set(day, hours);
    out.set(value, days);
  }
  return out;
}

/**
 * Bucketed spend from `from` to exactly `until`: whole hours from the hourly rollup, and the hour under
 * way (cut at `until`, so nothing stamped later counts) from the records. Rows carry their bucket start.
 */
async function spendUntil(ctx: AppContext, q: SeriesQuery, from: Date, until: Date, bucket: 'day' | 'hour') {
  const hour = hourFloor(until);
  const query = {
    org: q.org,
    ...q.filter,
    ...(q.usageOnly ? { excludeServices: [SEAT_SERVICE] } : {}),
    groupBy: q.dimension ? [q.dimension] : [],
    tz: q.tz,
  };
  const [whole, partial] = await Promise.all([
    hour > from ? querySpend(ctx, { ...query, from, to: hour, bucket }) : null,
    until > hour ? querySpend(ctx, { ...query, from: hour < from ? from : hour, to: until }) : null,
  ]);
  const rows = [
    ...(whole?.rows ?? []).map((r) => ({ at: r.bucket ?? from, dims: r.dims, micros: Number(r.costMicros) })),
    ...(partial?.rows ?? []).map((r) => ({
      at: hour < from ? from : hour,
      dims: r.dims,
      micros: Number(r.costMicros),
    })),
  ];
  return { currency: whole?.currency ?? partial?.currency ?? ctx.config.currency, rows };
}

/**
 * The first instant of the first month from `from` (never before 1970) to `until` with spend, or null:
 * one coarse read, so examining a range that starts long before the ledger does not walk empty years.
 */
export async function firstSpend(
  ctx: AppContext,
  org: string,
  from: Date,
  until: Date,
): Promise<Date | null> {
  const start = from.getTime() < 0 ? new Date(0) : from;
  if (start >= until) return null;
  const months = await querySpend(ctx, {
    org,
    from: start,
    to: until,
    groupBy: [],
    bucket: 'month',
    tz: 'UTC',
  });
  const first = months.rows.reduce<Date | null>(
    (a, r) => (r.bucket && (!a || r.bucket < a) ? r.bucket : a),
    null,
  );
  return first && first < start ? start : first;
}

const hourFloor = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** The days from `from` (inclusive) to `to` (exclusive) of an hourly map, zero-filled. */
export function hourlyDays(
  days: Map<Day, number[]> | undefined,
  from: Day,
  to: Day,
): { day: Day; hours: number[] }[] {
  const out: { day: Day; hours: number[] }[] = [];
  for (let d = from; d < to; d = addDays(d, 1))
    out.push({ day: d, hours: days?.get(d) ?? Array(24).fill(0) });
  return out;
}
