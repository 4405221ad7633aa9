import { addDays, addHours, addWeeks, startOfDay, startOfHour, startOfWeek } from 'date-fns';

export const TREND_BUCKETS = ['hour', 'day', 'week'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

export function readBucket(value: string | null): TrendBucket | null {
  return (TREND_BUCKETS as readonly string[]).includes(value ?? '') ? (value as TrendBucket) : null;
}

/**
 * The start of every bucket that overlaps `[from, to)`, in local time as the API buckets with the
 * browser's `tz`: weeks start on Monday, as SQL's `date_trunc('week')` does.
 */
export function bucketStarts(from: Date, to: Date, bucket: TrendBucket): Date[] {
  const first =
    bucket === 'hour'
      ? startOfHour(from)
      : bucket === 'day'
        ? startOfDay(from)
        : startOfWeek(from, { weekStartsOn: 1 });
  const step = bucket === 'hour' ? addHours : bucket === 'day' ? addDays : addWeeks;
  const starts: Date[] = [];
  for (let t = first; t < to && starts.length < 5000; t = step(t, 1)) starts.push(t);
  return starts;
}

/** How many buckets a range would draw, to keep hourly trends to ranges a chart can show. */
export function bucketCount(from: Date, to: Date, bucket: TrendBucket): number {
  const ms = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 }[bucket];
  return Math.ceil((to.getTime() - from.getTime()) / ms);
}
