/** Tuning of the baselines and detectors; every field has a default in `ANALYSIS_DEFAULTS`. */
export interface AnalysisOptions {
  /** Trailing days the current level is read from. */
  windowDays: number;
  /** Trailing days the weekly rhythm (weekday factors) and the noise are read from. */
  profileDays: number;
  /** Coverage of the prediction interval, e.g. 0.95. */
  interval: number;
  /** Below this many days since a series first spent, it is still learning: no alerts. */
  minHistoryDays: number;
  /** Consecutive days above the old level after which a rise is taken as the new normal. */
  shiftDays: number;
  /** An anomaly must exceed the expected value by at least this much money (reporting currency units)… */
  minDelta: number;
  /** …and by at least this fraction of the expected value, so a statistically odd but tiny blip is no alert. */
  minRelative: number;
}

export const ANALYSIS_DEFAULTS: Readonly<AnalysisOptions> = Object.freeze({
  windowDays: 14,
  profileDays: 56,
  interval: 0.95,
  minHistoryDays: 7,
  shiftDays: 2,
  minDelta: 5,
  minRelative: 0.2,
});
