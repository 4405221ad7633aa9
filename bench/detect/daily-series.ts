import type { Random } from '../../src/sources/demo/random.ts';

/** One labelled daily series: the values, and where spikes (to find) and level shifts (to absorb) are. */
export interface LabelledDaily {
  values: number[];
  /** Weekday of day 0 (0 = Sunday). */
  firstWeekday: number;
  spikes: { start: number; length: number; extra: number }[];
  /** A persistent change from `day` on: spend times `factor`, plus `job` a day (a new scheduled job, weekends too). */
  shift: { day: number; factor: number; job: number } | null;
  holidays: number[];
  sigma: number;
  scale: number;
  /** Trend: the factor spend grows by over 180 days. */
  growth: number;
}

export const DAILY_DAYS = 180;
/** Spikes start after the first four weeks, so every method has history to judge them by. */
export const FIRST_SPIKE_DAY = 28;

/**
 * A daily spend series: a scale from $20 to $20,000 a day, a weekly rhythm (weekend lull and weekday
 * wobble), a trend, lognormal noise, holidays (single days and sometimes a week at weekend level), often
 * one persistent level shift (a step in the level, or a new job that adds a fixed amount every day,
 * weekends too, which also changes the weekly shape), and 2–5 injected spikes of 1–3 days. A spike adds at least $10 and at
 * least max(+50%, e^(4σ) − 1) of the day's expected spend, up to six times that.
 */
export function dailySeries(
  r: Random,
  days = DAILY_DAYS,
  spikesPer180: [number, number] = [2, 5],
): LabelledDaily {
  const scale = r.logUniform(20, 20_000);
  const sigma = 0.05 + r.next() * 0.25;
  const growth = r.logUniform(0.6, 2.5);
  const weekend = r.logUniform(0.1, 1);
  const wobble = Array.from({ length: 7 }, (_, w) => (w === 0 || w === 6 ? weekend : 1 + 0.1 * r.normal()));
  const firstWeekday = r.int(0, 6);
  const shift = r.chance(0.6) ? levelShift(r, days, scale) : null;
  const holidays = holidayDays(r, firstWeekday, days);
  const expected = Array.from({ length: days }, (_, t) => {
    const w = (firstWeekday + t) % 7;
    const after = shift && t >= shift.day;
    const level = scale * growth ** (t / DAILY_DAYS) * (after ? shift.factor : 1);
    return level * wobble[w]! * (holidays.includes(t) ? Math.min(weekend, 0.4) : 1) + (after ? shift.job : 0);
  });
  const values = expected.map((e) => e * Math.exp(sigma * r.normal() - (sigma * sigma) / 2));
  const spikes = placeSpikes(r, shift?.day ?? -100, holidays, days, spikesPer180);
  for (const spike of spikes) {
    const minimum = Math.max(0.5, Math.exp(4 * sigma) - 1);
    const multiple = minimum * r.logUniform(1, 6);
    for (let t = spike.start; t < spike.start + spike.length; t++) {
      const extra = Math.max(10, multiple * expected[t]!);
      values[t] = values[t]! + extra;
      spike.extra += extra;
    }
  }
  return { values, firstWeekday, spikes, shift, holidays, sigma, scale, growth };
}

function levelShift(r: Random, days: number, scale: number): NonNullable<LabelledDaily['shift']> {
  const day = r.int(40, days - 15);
  if (r.chance(0.3)) return { day, factor: 1, job: scale * r.logUniform(0.3, 1.5) };
  const size = r.logUniform(1.4, 3);
  return { day, factor: r.chance(0.65) ? size : 1 / size, job: 0 };
}

function holidayDays(r: Random, firstWeekday: number, length: number): number[] {
  const days: number[] = [];
  for (let k = 0; k < Math.round((3 * length) / DAILY_DAYS); k++) {
    const t = r.int(20, length - 1);
    const w = (firstWeekday + t) % 7;
    if (w !== 0 && w !== 6) days.push(t);
  }
  if (r.chance(0.3)) {
    const start = r.int(30, length - 8);
    for (let t = start; t < start + 7; t++) days.push(t);
  }
  return days;
}

function placeSpikes(
  r: Random,
  shiftDay: number,
  holidays: number[],
  days: number,
  [min, max]: [number, number],
): LabelledDaily['spikes'] {
  const spikes: LabelledDaily['spikes'] = [];
  const count = Math.round((r.int(min, max) * days) / DAILY_DAYS);
  for (let tries = 0; spikes.length < count && tries < 200; tries++) {
    const length = r.weighted([
      [1, 0.6],
      [2, 0.25],
      [3, 0.15],
    ] as const);
    const start = r.int(FIRST_SPIKE_DAY, days - length);
    const clash =
      Math.abs(start - shiftDay) < 8 ||
      holidays.some((h) => h >= start - 1 && h <= start + length) ||
      spikes.some((s) => start < s.start + s.length + 7 && s.start < start + length + 7);
    if (!clash) spikes.push({ start, length, extra: 0 });
  }
  return spikes.sort((a, b) => a.start - b.start);
}
