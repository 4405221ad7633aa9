import { addDays, addHours, addWeeks, startOfDay, startOfHour, startOfWeek } from 'date-fns';

export const TREND_BUCKETS = ['hour', 'day', 'week'] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;

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

/** Where a bucket that starts at `start` ends (exclusive). */
export function bucketEnd(start: Date, bucket: TrendBucket): Date {
  return bucket === 'hour' ? addHours(start, 1) : bucket === 'day' ? addDays(start, 1) : addWeeks(start, 1);
}

/**
 * Whether a bucket holds less than its whole length: it starts before the range (a range that cuts a
 * week), ends after it, or is still under way at `now` (this week, today, this hour).
 */
export function isPartialBucket(
  start: Date,
  bucket: TrendBucket,
  range: { from: Date; to: Date },
  now: Date,
) {
  const end = bucketEnd(start, bucket);
  return start < range.from || end > range.to || end > now;
}

/** More bars than this no longer read as bars at 1280px. */
export const MAX_BARS = 200;

/**
 * The buckets a trend of this range may use: at least two of them fit in it (no weekly bucket for
 * today or a week, no daily one for a day) and no more than `MAX_BARS`; hours always, as the finest.
 */
export function usableBuckets(from: Date, to: Date): TrendBucket[] {
  return TREND_BUCKETS.filter((b) => {
    const n = bucketCount(from, to, b);
    return n <= MAX_BARS && (b === 'hour' || to.getTime() - from.getTime() >= 2 * BUCKET_MS[b]);
  });
}

/** How many buckets a range would draw, to keep hourly trends to ranges a chart can show. */
export function bucketCount(from: Date, to: Date, bucket: TrendBucket): number {
  return Math.ceil((to.getTime() - from.getTime()) / BUCKET_MS[bucket]);
}
