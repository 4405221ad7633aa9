import { type Baseline, dailyBaseline } from './baseline.ts';
import { addDays, type Day, daysBetween, weekdayOf } from './calendar.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from './options.ts';

/** A dense daily series: `values[i]` is the spend of day `start + i`. */
export interface DailySeries {
  start: Day;
  values: readonly number[];
}

export type ReadyBaseline = Extract<Baseline, { state: 'ready' }>;

/** One day above its band by more than the money floor. */
export interface FlaggedDay {
  day: Day;
  actual: number;
  baseline: ReadyBaseline;
}

/** Consecutive flagged days of one series: one alert, not one per day. */
export interface Episode {
  start: Day;
  /** The day after the last flagged day. */
  end: Day;
  days: FlaggedDay[];
  /** True when the rise lasted and the baseline took it as the new normal. */
  becameNormal: boolean;
}

/** Two days on the re-anchored level after an episode: the rise has lasted and is the new normal. */
function followUp(closed: { episode: Episode; days: number }): { episode: Episode; days: number } | null {
  const days = closed.days + 1;
  if (days < 2) return { ...closed, days };
  closed.episode.becameNormal = true;
  return null;
}

/** The baseline of day `index` of the series, from the days before it. */
export function baselineAt(series: DailySeries, index: number, options: AnalysisOptions): Baseline {
  return dailyBaseline(
    { values: series.values.slice(0, index), firstWeekday: weekdayOf(series.start) },
    options,
  );
}

/** Whether an actual value is an anomaly against its baseline: above the band and above the money floor. */
export function isAnomalous(actual: number, b: ReadyBaseline, options: AnalysisOptions): boolean {
  if (actual <= b.upper) return false;
  return actual - b.expected >= Math.max(options.minDelta, options.minRelative * b.expected);
}

/**
 * Daily anomalies of one series from day `from` on: each day against the baseline of the days before
 * it; consecutive flagged days form one episode. `learning` says the last day had too little history.
 */
export function detectDaily(
  series: DailySeries,
  from: Day,
  options: AnalysisOptions = ANALYSIS_DEFAULTS,
): { episodes: Episode[]; learning: boolean } {
  const episodes: Episode[] = [];
  let open: Episode | null = null;
  // The episode just closed, and how many days since have been judged against its level.
  let closed: { episode: Episode; days: number } | null = null;
  let learning = true;
  for (let i = Math.max(0, daysBetween(series.start, from)); i < series.values.length; i++) {
    const day = addDays(series.start, i);
    const actual = series.values[i]!;
    // why: a day below the money floor cannot be an anomaly; its baseline matters only after an episode.
    if (actual < options.minDelta && !open && !closed && i < series.values.length - 1) continue;
    const b = baselineAt(series, i, options);
    learning = b.state === 'learning';
    if (b.state === 'ready' && isAnomalous(actual, b, options)) {
      if (!open) {
        open = { start: day, end: day, days: [], becameNormal: false };
        episodes.push(open);
      }
      open.days.push({ day, actual, baseline: b });
      open.end = addDays(day, 1);
      closed = null;
      continue;
    }
    if (open) closed = { episode: open, days: 0 };
    open = null;
    closed = closed && b.state === 'ready' && b.shifted ? followUp(closed) : null;
  }
  return { episodes, learning };
}
