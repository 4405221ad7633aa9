import { describe, expect, it } from 'vitest';
import { checkIntraday } from '../../src/analyze/intraday.ts';
import { hourlyProfile, shareBetween } from '../../src/analyze/profile.ts';

/** A working day: nothing at night, about $10 an hour from 09:00 to 18:00. */
const office = (wobble: number) =>
  Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 10 + ((h + wobble) % 3) - 1 : 0));
const history = Array.from({ length: 28 }, (_, d) => ({ weekday: (d + 1) % 7, hours: office(d) }));

describe('checkIntraday', () => {
  const profile = hourlyProfile(history, 3);

  it('learns the intraday rhythm', () => {
    expect(shareBetween(profile.shares, 0, 9)).toBeCloseTo(0);
    expect(shareBetween(profile.shares, 9, 18)).toBeCloseTo(1);
    expect(shareBetween(profile.shares, 12, 12.5)).toBeCloseTo(1 / 18, 2);
  });

  it('lets an ordinary day run its course', () => {
    for (let tick = 1; tick <= 144; tick++) {
      const elapsed = tick / 6;
      const today = office(5).map((v, h) =>
        h < Math.floor(elapsed) ? v : h === Math.floor(elapsed) ? v * (elapsed % 1) : 0,
      );
      const check = checkIntraday({ profile, expectedDay: 90, sigmaDay: 0.1, today, elapsed });
      expect(check.flagged, `at ${elapsed.toFixed(2)} h`).toBe(false);
    }
  });

  const day = (elapsed: number, extra: (h: number) => number = () => 0) =>
    office(5).map(
      (v, h) => (h < Math.floor(elapsed) ? v : h === Math.floor(elapsed) ? v * (elapsed % 1) : 0) + extra(h),
    );
  const check = (elapsed: number, today: number[]) =>
    checkIntraday({ profile, expectedDay: 90, sigmaDay: 0.1, today, elapsed });

  it('flags a runaway job within half an hour of it starting', () => {
    // $27 an hour on top of the usual $10 from 14:00
    const at = (elapsed: number) =>
      check(
        elapsed,
        day(elapsed, (h) => (h === 14 ? 27 * Math.max(0, elapsed - 14) : 0)),
      );
    expect(at(14).flagged).toBe(false);
    expect(at(14.5).flagged).toBe(true);
    expect(at(14.5).window).toMatchObject({ from: 14 });
    expect(at(14.5).actual).toBeGreaterThan(at(14.5).expected);
  });

  it('lets a job spend its usual hour early in the hour', () => {
    // a scheduled job that spends the hour's usual $10 in its first 20 minutes
    expect(
      check(
        12 + 1 / 3,
        day(12 + 1 / 3, (h) => (h === 12 ? 10 - 10 / 3 : 0)),
      ).flagged,
    ).toBe(false);
  });

  it('flags spend at an hour that is usually idle', () => {
    const today = Array(24).fill(0);
    today[3] = 12;
    expect(checkIntraday({ profile, expectedDay: 90, sigmaDay: 0.1, today, elapsed: 3.5 }).flagged).toBe(
      true,
    );
    today[3] = 2;
    expect(checkIntraday({ profile, expectedDay: 90, sigmaDay: 0.1, today, elapsed: 3.5 }).flagged).toBe(
      false,
    );
  });
});
