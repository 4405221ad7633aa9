import { addDays, type Day, dayStart, daysBetween, localDay, localHours } from '../../analyze/calendar.ts';
import type { Dimension } from '../../domain/record.ts';
import type { AppContext } from '../context.ts';
import { createConverter } from '../currency.ts';

/** One org (one series per value of `dimension`, or the whole org), read in the reporting zone. */
export interface FineQuery {
  org: string;
  tz: string;
  dimension?: Dimension;
  values: (string | null)[];
}

/** A value's fine-grained spend: per slot in units, and its exact total in micro-units. */
export interface FineSpend<T> {
  spend: T;
  micros: number;
}

const MINUTE = 60;
/** Slot of the rhythm learnt from past days (see analyze/intraday-fine.ts). */
const SLOT = 600;
const SLOTS_PER_DAY = 144;

/**
 * Today's spend of per-call records per minute from local midnight through the minute under way at
 * `until`, per value: what the per-minute check sees.
 */
export async function readMinutes(
  ctx: AppContext,
  q: FineQuery,
  today: Day,
  until: Date,
): Promise<Map<string | null, FineSpend<Float64Array>>> {
  const length = Math.max(1, Math.ceil(localHours(until, q.tz) * 60 - 1e-9));
  const rows = await fineRows(ctx, q, dayStart(today, q.tz), until, MINUTE);
  const out = new Map<string | null, FineSpend<Float64Array>>();
  for (const r of rows) {
    const v = out.get(r.value) ?? { spend: new Float64Array(length), micros: 0 };
    const i = Math.min(length - 1, Math.floor(localHours(r.slot, q.tz) * 60 + 1e-9));
    v.spend[i]! += r.micros / 1e6;
    v.micros += r.micros;
    out.set(r.value, v);
  }
  return out;
}

/** Per value, the local days from `from` (inclusive) to `to` (exclusive) in 10-minute slots, zero-filled. */
export async function readSlotDays(
  ctx: AppContext,
  q: FineQuery,
  from: Day,
  to: Day,
): Promise<Map<string | null, FineSpend<{ day: Day; slots: number[] }[]>>> {
  const rows = await fineRows(ctx, q, dayStart(from, q.tz), dayStart(to, q.tz), SLOT);
  const count = daysBetween(from, to);
  const out = new Map<string | null, FineSpend<{ day: Day; slots: number[] }[]>>();
  const empty = () =>
    Array.from({ length: count }, (_, i) => ({
      day: addDays(from, i),
      slots: Array<number>(SLOTS_PER_DAY).fill(0),
    }));
  for (const r of rows) {
    const v = out.get(r.value) ?? { spend: empty(), micros: 0 };
    const day = v.spend[daysBetween(from, localDay(r.slot, q.tz))];
    const k = Math.min(SLOTS_PER_DAY - 1, Math.floor((localHours(r.slot, q.tz) * 60 + 1e-9) / 10));
    if (day) day.slots[k]! += r.micros / 1e6;
    v.micros += r.micros;
    out.set(r.value, v);
  }
  return out;
}

/** Fine-spend rows converted to the reporting currency (rows without a rate are left out, as in spend). */
async function fineRows(ctx: AppContext, q: FineQuery, from: Date, to: Date, slotSeconds: number) {
  const converter = createConverter(ctx.config);
  const rows = await ctx.usage.fineSpend({
    org: q.org,
    from,
    to,
    slotSeconds,
    ...(q.dimension ? { dimension: q.dimension, values: q.values } : {}),
  });
  return rows.flatMap((r) => {
    const micros = converter.convert(r.costMicros, r.currency);
    return micros === null
      ? []
      : [{ slot: r.slot, value: q.dimension ? r.value : null, micros: Number(micros) }];
  });
}
