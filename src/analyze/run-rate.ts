import { linearFit, sum } from './stats.ts';

/** The plain linear run-rate: spend so far divided by days gone, times the days in the month. */
export function linearRunRate(actualToDate: number, elapsedDays: number, monthDays: number): number {
  return elapsedDays > 0 ? (actualToDate / elapsedDays) * monthDays : actualToDate;
}

/**
 * The 7-day-velocity regression: a least-squares line through the trailing 7-day sums of the last
 * `points` days, extrapolated over the days left (never below zero), added to the spend so far.
 * `trailing` ends the day before the first day left.
 */
export function velocityForecast(
  trailing: readonly number[],
  actualToDate: number,
  daysLeft: number,
  points = 28,
): number {
  const velocities: number[] = [];
  for (let end = trailing.length; end >= 7 && velocities.length < points; end--) {
    velocities.unshift(sum(trailing.slice(end - 7, end)));
  }
  if (velocities.length === 0) return actualToDate;
  const { intercept, slope } = linearFit(velocities);
  let rest = 0;
  for (let j = 1; j <= daysLeft; j++)
    rest += Math.max(0, intercept + slope * (velocities.length - 1 + j)) / 7;
  return actualToDate + rest;
}
