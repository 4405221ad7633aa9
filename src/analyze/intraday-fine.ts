import { clippedSigma } from './noise.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';
import { mean, sum } from './stats.ts';

/** One past day's spend in equal slots from local midnight (144 slots: 10 minutes each). */
export interface SlotDay {
  weekday: number;
  slots: readonly number[];
}

/** The intraday rhythm at slot resolution: where in the hour the money goes, not only in which hour. */
export interface SlotProfile {
  /** Share of a day's spend in each slot, summing to 1. */
  shares: number[];
  /** Log-scale noise of one slot's spend given its day's total. */
  sigmaSlot: number;
  /** Sums of the shares, and of their squares, of the slots before each slot (length + 1 entries). */
  before: { shares: number[]; squares: number[] };
}

export interface FineIntradayInput {
  profile: SlotProfile;
  expectedDay: number;
  sigmaDay: number;
  /** Today's spend per minute since local midnight, up to the minute under way. */
  minutes: ArrayLike<number>;
}

export interface FineIntradayCheck {
  flagged: boolean;
  /** The recent window that ran hot, in minutes since midnight. */
  window: { from: number; to: number; actual: number; expected: number; sigma: number } | null;
}

const DAY_MINUTES = 1440;
/**
 * z for the per-minute test. Why above the hourly check's 3: it runs ten times as often, on nine
 * windows; calibrated on bench/detect for about 0.3 false alerts per series a month.
 */
export const FINE_INTRADAY_Z = 3.6;
/** Windows back from now, in minutes: short ones catch a fast runaway, long ones a slow one. */
const WINDOWS = [5, 10, 20, 30, 45, 60, 90, 120, 180];
/** Cap on a window's log-scale sigma, as for hourly data (see intraday.ts). */
const MAX_SIGMA = 1;
/** Slots of independent noise a window may average over; past it, slots move together. */
const MAX_SLOTS = 18;

const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

/**
 * The rhythm of days like `weekday` at slot resolution, learnt as `hourlyProfile` learns hours: each
 * slot's mean share with its highest day dropped; and how much a busy slot strays from its share.
 */
export function slotProfile(history: readonly SlotDay[], weekday: number): SlotProfile {
  const n = history[0]?.slots.length ?? 144;
  const spent = history.filter((d) => sum(d.slots) > 0);
  const alike = spent.filter((d) => isWeekend(d.weekday) === isWeekend(weekday));
  const days = alike.length >= 3 ? alike : spent;
  if (days.length === 0) return withSums(Array(n).fill(1 / n), 1);
  const shares = days.map((d) => d.slots.map((x) => x / sum(d.slots)));
  const raw = Array.from({ length: n }, (_, k) => trimmedMean(shares.map((s) => s[k] ?? 0)));
  const total = sum(raw);
  const profile = raw.map((r) => (total > 0 ? r / total : 1 / n));
  const residuals: number[] = [];
  for (const d of days) {
    const dayTotal = sum(d.slots);
    const offset = (0.02 * dayTotal) / n;
    profile.forEach((p, k) => {
      if (p > 0.25 / n) residuals.push(Math.log(((d.slots[k] ?? 0) + offset) / (dayTotal * p + offset)));
    });
  }
  const sigmaSlot = residuals.length >= 10 ? Math.max(clippedSigma(residuals), 0.05) : 1;
  return withSums(profile, sigmaSlot);
}

function withSums(shares: number[], sigmaSlot: number): SlotProfile {
  const before = { shares: [0], squares: [0] };
  shares.forEach((s, k) => {
    before.shares.push(before.shares[k]! + s);
    before.squares.push(before.squares[k]! + s * s);
  });
  return { shares, sigmaSlot, before };
}

/**
 * Today's spend against the slot rhythm, for sources with per-call records or minute buckets, checked
 * each minute: a recent window (5 minutes to 3 hours) far above what the rhythm, scaled by today's pace
 * before the window, leads one to expect, and by more than the money floor. Where the hourly check
 * must wait for an hour to outrun its whole expectation, this one knows when in the hour money goes.
 */
export function checkIntradayFine(
  input: FineIntradayInput,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
): FineIntradayCheck {
  const { shares, sigmaSlot } = input.profile;
  const E = input.expectedDay;
  const slotMinutes = DAY_MINUTES / shares.length;
  const now = Math.min(DAY_MINUTES, input.minutes.length);
  const { before: sums } = input.profile;
  const share = (a: number, b: number) => between(shares, sums.shares, slotMinutes, a, b, 1);
  const squares = (a: number, b: number) => between(shares, sums.squares, slotMinutes, a, b, 2);
  let spent = 0;
  for (let m = 0; m < now; m++) spent += input.minutes[m]!;
  let got = 0;
  let back = now;
  for (const length of WINDOWS) {
    const from = now - length;
    if (from < 0) break;
    while (back > from) got += input.minutes[--back]!;
    const before = spent - got;
    const past = share(0, from);
    const pace = clamp((before + 0.1 * E) / (E * past + 0.1 * E), 0.5, 2);
    // why: early in the day the pace has seen little, so more of the day's own uncertainty remains.
    const sigmaLevel = input.sigmaDay * (1 - 0.5 * (past / (past + 0.1)));
    const expectedShare = share(from, now);
    const want = E * pace * expectedShare;
    const floor = (0.02 * E * length) / DAY_MINUTES;
    // why: a window's noise is that of the few slots that hold its money (a nightly job's, say), not of
    // all its slots alike; a part of a slot is as noisy as the whole slot's money in a shorter time.
    const spread =
      expectedShare > 0
        ? Math.max(Math.sqrt(squares(from, now)) / expectedShare, 1 / Math.sqrt(MAX_SLOTS))
        : Number.POSITIVE_INFINITY;
    const sigma = Math.min(MAX_SIGMA, Math.hypot(sigmaSlot * spread, sigmaLevel));
    const bound = (want + floor) * Math.exp(FINE_INTRADAY_Z * sigma) - floor;
    if (got > bound && got - want >= Math.max(options.minDelta, 0.03 * E)) {
      return { flagged: true, window: { from, to: now, actual: got, expected: want, sigma } };
    }
  }
  return { flagged: false, window: null };
}

/**
 * The sum of the slot shares (power 1) or of their squares (power 2) between two clock minutes, from
 * their sums before each slot; a part of a slot counts in proportion to its minutes.
 */
function between(
  shares: readonly number[],
  before: readonly number[],
  slotMinutes: number,
  from: number,
  to: number,
  power: 1 | 2,
): number {
  const at = (minute: number) => {
    const k = Math.min(shares.length, Math.floor(minute / slotMinutes));
    const within = k < shares.length ? (shares[k]! ** power * (minute - k * slotMinutes)) / slotMinutes : 0;
    return before[k]! + within;
  };
  return Math.max(0, at(to) - at(from));
}

function trimmedMean(values: number[]): number {
  if (values.length < 4) return mean(values);
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(0, -1));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
