import { addDays, daysBetween } from '../../src/analyze/calendar.ts';
import { baselineAt, detectDaily } from '../../src/analyze/daily.ts';
import { ANALYSIS_DEFAULTS, type AnalysisOptions } from '../../src/analyze/options.ts';
import { DAILY_DAYS, FIRST_SPIKE_DAY, type LabelledDaily } from './daily-series.ts';

export interface DailyScore {
  series: number;
  evaluatedDays: number;
  spikes: number;
  found: number;
  alerts: number;
  trueAlerts: number;
  falseAlerts: number;
  /** False alerts that began within six weeks after a level shift (its onset, then the weekly shape re-learning). */
  falseAtShifts: number;
  delays: number[];
  /** Ordinary days (no spike, no shift week, no holiday) and how many closed above the band. */
  ordinaryDays: number;
  ordinaryAbove: number;
}

/** A Monday, so day indexes map to weekdays the way the series says. */
const EPOCH = '2026-01-04';

/** Runs the daily detector over each series from day FIRST_SPIKE_DAY and scores it against the labels. */
export function scoreDaily(all: LabelledDaily[], options: AnalysisOptions = ANALYSIS_DEFAULTS): DailyScore {
  const s: DailyScore = {
    series: all.length,
    evaluatedDays: 0,
    spikes: 0,
    found: 0,
    alerts: 0,
    trueAlerts: 0,
    falseAlerts: 0,
    falseAtShifts: 0,
    delays: [],
    ordinaryDays: 0,
    ordinaryAbove: 0,
  };
  for (const series of all) {
    const start = addDays(EPOCH, series.firstWeekday);
    const { episodes } = detectDaily(
      { start, values: series.values },
      addDays(start, FIRST_SPIKE_DAY),
      options,
    );
    s.evaluatedDays += DAILY_DAYS - FIRST_SPIKE_DAY;
    const flagged = episodes.map((e) => e.days.map((d) => daysBetween(start, d.day)));
    for (const spike of series.spikes) {
      s.spikes++;
      const hits = flagged.flat().filter((t) => t >= spike.start && t < spike.start + spike.length);
      if (hits.length) {
        s.found++;
        s.delays.push(Math.min(...hits) - spike.start);
      }
    }
    for (const days of flagged) {
      s.alerts++;
      const onSpike = series.spikes.some((p) => days.some((t) => t >= p.start && t < p.start + p.length));
      if (onSpike) s.trueAlerts++;
      else {
        s.falseAlerts++;
        if (series.shift && days[0]! >= series.shift.day && days[0]! < series.shift.day + 42)
          s.falseAtShifts++;
      }
    }
    countOrdinary(series, start, options, s);
  }
  return s;
}

/** Calibration: the share of ordinary days above the band should be near (1 − interval) / 2. */
function countOrdinary(series: LabelledDaily, start: string, options: AnalysisOptions, s: DailyScore) {
  for (let t = FIRST_SPIKE_DAY; t < DAILY_DAYS; t++) {
    const nearSpike = series.spikes.some((p) => t >= p.start && t < p.start + p.length + 7);
    const nearShift = series.shift && t >= series.shift.day && t < series.shift.day + 14;
    if (nearSpike || nearShift || series.holidays.includes(t)) continue;
    const b = baselineAt({ start, values: series.values }, t, options);
    if (b.state !== 'ready') continue;
    s.ordinaryDays++;
    if (series.values[t]! > b.upper) s.ordinaryAbove++;
  }
}
