import type { PullWindow, StreamSpec, Width } from '../../sources/http/adapter.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Window sizes: a week of daily buckets, two days of hourly ones (within every API's bucket limit). */
const CHUNK_MS: Record<Width, number> = { '1d': 7 * DAY, '1h': 48 * HOUR };
const WIDTH_MS: Record<Width, number> = { '1d': DAY, '1h': HOUR };

/** Where a stream stands: everything before `cursor` was fetched; from `hourlyFrom` on, buckets are hourly. */
export interface StreamCursor {
  cursor: string | null;
  hourlyFrom: string | null;
  start: string | null;
}

const floorTo = (t: number, ms: number) => Math.floor(t / ms) * ms;

/**
 * The windows one sync fetches, oldest first. The first sync starts `backfillDays` back (daily buckets,
 * then hourly for the last day and today when the stream has both widths). Later syncs resume at the
 * cursor, less the stream's overlap once the backfill is done. A period is always fetched at one width,
 * so a bucket's id never changes and re-fetching it replaces it.
 */
export function planWindows(input: {
  stream: StreamSpec;
  cursor: StreamCursor;
  now: Date;
  backfillDays: number;
  overlapMs?: number;
}): { windows: PullWindow[]; cursor: StreamCursor } {
  const { stream, now } = input;
  const nowMs = now.getTime();
  const start = input.cursor.start ?? new Date(floorTo(nowMs - input.backfillDays * DAY, DAY)).toISOString();
  const split = stream.recent !== stream.backfill;
  const hourlyFrom =
    input.cursor.hourlyFrom ?? (split ? new Date(floorTo(nowMs, DAY) - DAY).toISOString() : null);
  const cursor: StreamCursor = { cursor: input.cursor.cursor, hourlyFrom, start };
  const startMs = Date.parse(start);
  const boundary = hourlyFrom ? Math.max(Date.parse(hourlyFrom), startMs) : nowMs;
  const overlap = input.overlapMs ?? stream.overlapMs;
  let from = cursor.cursor ? Date.parse(cursor.cursor) : startMs;
  // why: the overlap re-fetches recent buckets once the backfill is through, never across the width boundary.
  if (cursor.cursor && (!split || from >= boundary))
    from = Math.max(split ? boundary : startMs, from - overlap);
  const windows: PullWindow[] = [];
  if (from < boundary)
    windows.push(...chunks(floorTo(from, DAY), Math.min(boundary, nowMs), stream.backfill));
  const recentFrom = Math.max(from, boundary);
  if (recentFrom < nowMs) windows.push(...chunks(recentFrom, nowMs, split ? stream.recent : stream.backfill));
  return { windows, cursor };
}

function chunks(fromMs: number, toMs: number, width: Width): PullWindow[] {
  const out: PullWindow[] = [];
  for (let t = floorTo(fromMs, WIDTH_MS[width]); t < toMs; t += CHUNK_MS[width]) {
    out.push({ from: new Date(t), to: new Date(Math.min(toMs, t + CHUNK_MS[width])), width });
  }
  return out;
}
