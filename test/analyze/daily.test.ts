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

  it('takes a rise as the new normal after exactly two days on the new level', () => {
    const shifted = rhythm(10).values.map((v, i) => (i >= 43 ? v * 2 : v));
    const upTo = (days: number) =>
      detectDaily({ start: MONDAY, values: shifted.slice(0, days) }, addDays(MONDAY, 14));
    // the episode is days 43 and 44; days 45 and 46 are judged against the re-anchored level
    expect(upTo(46).episodes.map((e) => [e.start, e.end, e.becameNormal])).toEqual([
      [addDays(MONDAY, 43), addDays(MONDAY, 45), false],
    ]);
    expect(upTo(47).episodes[0]!.becameNormal).toBe(true);
  });

  it('ends an episode on an idle day, so spikes either side of it are two episodes', () => {
    const spikes = withSpike(withSpike(rhythm(10), 50, 400), 52, 400);
    const series = { ...spikes, values: spikes.values.map((v, i) => (i === 51 ? 0 : v)) };
    expect(detectDaily(series, addDays(MONDAY, 14)).episodes.map((e) => [e.start, e.days.length])).toEqual([
      [addDays(MONDAY, 50), 1],
      [addDays(MONDAY, 52), 1],
    ]);
  });

  it('reports nothing before the day it is asked to start from', () => {
    const series = withSpike(rhythm(10), 20, 400);
    expect(detectDaily(series, addDays(MONDAY, 30)).episodes).toEqual([]);
    expect(detectDaily(series, addDays(MONDAY, -5)).episodes.map((e) => e.start)).toEqual([
      addDays(MONDAY, 20),
    ]);
  });

  it('is learning until the last day has a week of history, whatever that day spent', () => {
    const week = [10, 10, 10, 10, 10, 10, 10];
    expect(detectDaily({ start: MONDAY, values: week }, MONDAY).learning).toBe(true);
    expect(detectDaily({ start: MONDAY, values: [...week, 0] }, MONDAY).learning).toBe(false);
    expect(detectDaily({ start: MONDAY, values: [...week.slice(1), 0] }, MONDAY).learning).toBe(true);
    // nothing judged yet: still learning
    expect(detectDaily(rhythm(2), addDays(MONDAY, 30)).learning).toBe(true);
  });
});
