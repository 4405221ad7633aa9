import type { DailySeries } from '../../src/analyze/daily.ts';

/** A Monday. */
export const MONDAY = '2026-01-05';

/**
 * `weeks` whole weeks from MONDAY with a working-week rhythm: Monday–Friday at `weekday`, the weekend at
 * `weekend`, and a small fixed wobble (±3%) so the noise is not zero.
 */
export function rhythm(weeks: number, weekday = 100, weekend = 30): DailySeries {
  const wobble = [1.02, 0.97, 1.03, 0.98, 1.0, 1.01, 0.99];
  const values = Array.from({ length: weeks * 7 }, (_, i) => {
    const base = i % 7 < 5 ? weekday : weekend;
    return base * wobble[(i * 3) % 7]!;
  });
  return { start: MONDAY, values };
}

/** The series with `extra` added on day `index`. */
export function withSpike(series: DailySeries, index: number, extra: number): DailySeries {
  return { ...series, values: series.values.map((v, i) => (i === index ? v + extra : v)) };
}
