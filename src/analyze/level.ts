import { median } from './stats.ts';

/**
 * The current level of a deseasonalized window: the window's median blended with the last week's when
 * that is higher (growth shows sooner); a lower last week (a holiday week) does not lower the bar.
 */
export function blendLevel(window: readonly number[]): number {
  const days = window.filter((v) => !Number.isNaN(v));
  if (days.length === 0) return 0;
  const whole = median(days);
  return Math.max(whole, (whole + median(days.slice(-7))) / 2);
}

export interface ShiftTest {
  windowDays: number;
  shiftDays: number;
  sigma: number;
  /** The interval's z, e.g. 1.96. */
  z: number;
  offset: number;
}

/**
 * A rise that persists becomes the new normal: when the last days all sit clearly above the level
 * before them (first and last day above, three in four above, the lower quartile of the rise significant
 * for the run's length), returns the level of those days; otherwise null. Only rises: spend that falls is no alert,
 * and a holiday week must not lower the bar for the week after.
 */
export function risenLevel(d: readonly number[], t: ShiftTest): number | null {
  const n = d.length;
  for (let s = Math.min(t.windowDays, n - 7); s >= t.shiftDays; s--) {
    const before = blendLevel(d.slice(Math.max(0, n - s - t.windowDays), n - s));
    const run = d.slice(n - s).filter((v) => !Number.isNaN(v));
    if (run.length < t.shiftDays || before <= 0) continue;
    const rise = run.map((v) => Math.log((v + t.offset) / (before + t.offset)) / t.sigma);
    const above = rise.filter((r) => r > 1).length;
    const persistent = rise[0]! > 1 && rise[rise.length - 1]! > 1 && above >= Math.ceil(0.75 * rise.length);
    // why: the lower quartile, not the median, so one huge spike beside a mildly high day is no new level.
    const lowerQuartile = [...rise].sort((a, b) => a - b)[Math.floor(rise.length / 4)]!;
    if (persistent && lowerQuartile > Math.max(1, t.z / Math.sqrt(rise.length))) {
      // why: a short run's median can be one spike; its lowest day is the level it has surely reached.
      return run.length < 4 ? Math.min(...run) : median(run);
    }
  }
  return null;
}
