import { clippedSigma } from './noise.ts';
import { mean, sum } from './stats.ts';

/** One past day's spend by local hour (24 values). */
export interface HourlyDay {
  weekday: number;
  hours: readonly number[];
}

export interface HourlyProfile {
  /** Share of a day's spend in each hour, summing to 1. */
  shares: number[];
  /** Log-scale noise of one hour's spend given its day's total. */
  sigmaHour: number;
}

const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

/**
 * The intraday rhythm of days like `weekday` (weekend or working day, when there are three such days;
 * else all days): each hour's mean share with its highest day dropped, so one past spike does not move
 * it; and how much an hour's spend strays from that share.
 */
export function hourlyProfile(history: readonly HourlyDay[], weekday: number): HourlyProfile {
  const spent = history.filter((d) => sum(d.hours) > 0);
  const alike = spent.filter((d) => isWeekend(d.weekday) === isWeekend(weekday));
  const days = alike.length >= 3 ? alike : spent;
  if (days.length === 0) return { shares: Array(24).fill(1 / 24), sigmaHour: 1 };
  const shares = days.map((d) => d.hours.map((h) => h / sum(d.hours)));
  const raw = Array.from({ length: 24 }, (_, h) => trimmedMean(shares.map((s) => s[h] ?? 0)));
  const total = sum(raw);
  const profile = raw.map((r) => (total > 0 ? r / total : 1 / 24));
  return { shares: profile, sigmaHour: hourNoise(days, profile) };
}

function trimmedMean(values: number[]): number {
  if (values.length < 4) return mean(values);
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(0, -1));
}

/** Residuals of the busier hours (a share above a quarter of the average) against day total × share. */
function hourNoise(days: readonly HourlyDay[], profile: readonly number[]): number {
  const residuals: number[] = [];
  for (const d of days) {
    const total = sum(d.hours);
    const offset = (0.02 * total) / 24;
    profile.forEach((p, h) => {
      if (p > 0.25 / 24) residuals.push(Math.log(((d.hours[h] ?? 0) + offset) / (total * p + offset)));
    });
  }
  return residuals.length >= 10 ? Math.max(clippedSigma(residuals), 0.05) : 1;
}

/** The expected share of the day's spend between two clock times (hours, fractional). */
export function shareBetween(shares: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let h = Math.floor(from); h < Math.min(24, Math.ceil(to)); h++) {
    const overlap = Math.min(to, h + 1) - Math.max(from, h);
    if (overlap > 0) total += (shares[h] ?? 0) * overlap;
  }
  return total;
}
