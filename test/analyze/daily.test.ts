import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/analyze/calendar.ts';
import { detectDaily } from '../../src/analyze/daily.ts';
import { MONDAY, rhythm, withSpike } from './series.ts';

describe('detectDaily', () => {
  it('finds nothing in a plain weekly rhythm', () => {
    const { episodes, learning } = detectDaily(rhythm(10), addDays(MONDAY, 14));
    expect(episodes).toEqual([]);
    expect(learning).toBe(false);
  });

  it('merges consecutive anomalous days into one episode and keeps separate spikes apart', () => {
    const series = withSpike(withSpike(withSpike(rhythm(10), 50, 400), 51, 380), 60, 500);
    const { episodes } = detectDaily(series, addDays(MONDAY, 14));
    expect(episodes.map((e) => [e.start, e.end, e.days.length])).toEqual([
      [addDays(MONDAY, 50), addDays(MONDAY, 52), 2],
      [addDays(MONDAY, 60), addDays(MONDAY, 61), 1],
    ]);
    expect(episodes[0]!.becameNormal).toBe(false);
    expect(episodes[0]!.days[0]!.baseline.expected).toBeGreaterThan(90);
  });

  it('alerts once for a level shift, then takes it as the new normal', () => {
    const series = { ...rhythm(10), values: rhythm(10).values.map((v, i) => (i >= 43 ? v * 2 : v)) };
    const { episodes } = detectDaily(series, addDays(MONDAY, 14));
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ start: addDays(MONDAY, 43), becameNormal: true });
    expect(episodes[0]!.days.length).toBeLessThanOrEqual(2);
  });

  it('says when a series is too new to judge', () => {
    const { episodes, learning } = detectDaily({ start: MONDAY, values: [0, 0, 80, 90, 400] }, MONDAY);
    expect(episodes).toEqual([]);
    expect(learning).toBe(true);
  });
});
