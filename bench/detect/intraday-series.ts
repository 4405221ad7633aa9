import type { Random } from '../../src/sources/demo/random.ts';

export const SLOTS = 144;
export const INTRADAY_DAYS = 35;
export const HISTORY_DAYS = 28;

/** One labelled series at 10-minute resolution: 28 days of history, then 7 test days. */
export interface LabelledIntraday {
  /** Spend per 10-minute slot, day by day. */
  slots: number[][];
  firstWeekday: number;
  /** The day's expected spend without noise or spikes: the "daily budget" shares are measured against. */
  expectedDay: number[];
  spikes: { day: number; start: number; length: number; perSlot: number }[];
}

/**
 * Intraday spend: $200 to $50,000 a day; office hours or round the clock, sometimes a nightly job at
 * 02:00 (20–60 minutes, so its hour's money comes early);
 * per-slot noise that is burstier the smaller the spend; on the test days, runaway jobs that start
 * at any time, last 1–8 hours and add 10%–60% of a normal day's spend each hour. Two spikes also
 * hide in the history, which the rhythm must not learn.
 */
export function intradaySeries(r: Random): LabelledIntraday {
  const scale = r.logUniform(200, 50_000);
  const sigmaDay = 0.05 + r.next() * 0.2;
  const sigmaSlot = (0.6 - 0.15 * Math.log10(scale / 200)) * (0.8 + 0.4 * r.next());
  const weekend = r.logUniform(0.15, 1);
  const firstWeekday = r.int(0, 6);
  const shape = dayShape(r);
  const nightly = r.chance(0.3) ? scale * (0.1 + 0.3 * r.next()) : 0;
  // A scheduled job starts at 02:00 and runs 20 to 60 minutes: its hour's money comes early.
  const jobSlots = r.int(2, 6);
  const slots: number[][] = [];
  const expectedDay: number[] = [];
  for (let d = 0; d < INTRADAY_DAYS; d++) {
    const w = (firstWeekday + d) % 7;
    const level = scale * (w === 0 || w === 6 ? weekend : 1);
    const dayNoise = Math.exp(sigmaDay * r.normal() - (sigmaDay * sigmaDay) / 2);
    expectedDay.push(level + nightly);
    slots.push(
      shape.map((share, k) => {
        const job = k >= 12 && k < 12 + jobSlots ? nightly / jobSlots : 0;
        return (
          (level * share * dayNoise + job) * Math.exp(sigmaSlot * r.normal() - (sigmaSlot * sigmaSlot) / 2)
        );
      }),
    );
  }
  const spikes = [r.int(7, HISTORY_DAYS - 1), r.int(7, HISTORY_DAYS - 1)].map((day) =>
    spike(r, day, expectedDay),
  );
  for (let d = HISTORY_DAYS; d < INTRADAY_DAYS; d++) if (r.chance(0.6)) spikes.push(spike(r, d, expectedDay));
  for (const s of spikes) for (let k = s.start; k < s.start + s.length; k++) slots[s.day]![k]! += s.perSlot;
  return { slots, firstWeekday, expectedDay, spikes: spikes.filter((s) => s.day >= HISTORY_DAYS) };
}

/** Share of the day's spend per slot: an office-hours bump, or a day-and-night wave. */
function dayShape(r: Random): number[] {
  const office = r.chance(0.6);
  const peak = 10 + r.next() * 5;
  const raw = Array.from({ length: SLOTS }, (_, k) => {
    const h = k / 6;
    return office
      ? 0.08 + Math.exp(-((h - peak) ** 2) / 18)
      : 1 + 0.5 * Math.cos((2 * Math.PI * (h - peak)) / 24);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

function spike(r: Random, day: number, expectedDay: number[]) {
  const start = r.int(0, SLOTS - 13);
  const length = Math.min(SLOTS - start, Math.round(6 * r.logUniform(1, 8)));
  const perHour = r.logUniform(0.1, 0.6) * expectedDay[day]!;
  return { day, start, length, perSlot: perHour / 6 };
}

/** Minutes per 10-minute slot. */
export const SLOT_MINUTES = 10;

/**
 * Day `d` of a series as per-call data would show it: spend per minute. Each slot's ordinary spend is
 * spread over its minutes with per-call burstiness; a runaway job spends at a steady rate. The minutes
 * of a slot add up to the slot, so both views see the same money.
 */
export function minuteSpend(series: LabelledIntraday, d: number, r: Random): Float64Array {
  const minutes = new Float64Array(SLOTS * SLOT_MINUTES);
  const spike = series.spikes.find((s) => s.day === d);
  const weights = new Float64Array(SLOT_MINUTES);
  for (let k = 0; k < SLOTS; k++) {
    const job = spike && k >= spike.start && k < spike.start + spike.length ? spike.perSlot : 0;
    const base = series.slots[d]![k]! - job;
    let total = 0;
    for (let m = 0; m < SLOT_MINUTES; m++) {
      weights[m] = Math.exp(0.8 * r.normal());
      total += weights[m]!;
    }
    for (let m = 0; m < SLOT_MINUTES; m++) {
      minutes[k * SLOT_MINUTES + m] = (base * weights[m]!) / total + job / SLOT_MINUTES;
    }
  }
  return minutes;
}
