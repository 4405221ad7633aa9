import { describe, expect, it } from 'vitest';
import { checkIntradayFine, slotProfile } from '../../src/analyze/intraday-fine.ts';

/**
 * A working day in 10-minute slots: about $10 an hour from 09:00 to 18:00, and a nightly job that
 * spends $20 in the first 20 minutes after 02:00.
 */
const slots = (wobble: number) =>
  Array.from({ length: 144 }, (_, k) => {
    const h = k / 6;
    const office = h >= 9 && h < 18 ? (10 + ((k + wobble) % 3) - 1) / 6 : 0;
    return office + (k === 12 || k === 13 ? 10 : 0);
  });
const history = Array.from({ length: 28 }, (_, d) => ({ weekday: (d + 1) % 7, slots: slots(d) }));
const profile = slotProfile(history, 3);

/** Today's spend per minute up to `minute`, each slot spread evenly, plus `extra(minute)`. */
const usual = slots(5);
const today = (minute: number, extra: (m: number) => number = () => 0) =>
  Array.from({ length: minute }, (_, m) => usual[Math.floor(m / 10)]! / 10 + extra(m));
const check = (minute: number, extra?: (m: number) => number) =>
  checkIntradayFine({ profile, expectedDay: 110, sigmaDay: 0.1, minutes: today(minute, extra) });

describe('checkIntradayFine', () => {
  it('learns where in the hour the money goes', () => {
    expect(profile.shares[12]! + profile.shares[13]!).toBeCloseTo(20 / 110, 2);
    expect(profile.shares[14]).toBeCloseTo(0);
  });

  it('lets an ordinary day run its course, the nightly job included', () => {
    for (let minute = 1; minute <= 1440; minute++) {
      expect(check(minute).flagged, `at minute ${minute}`).toBe(false);
    }
  });

  it('flags a runaway job within minutes of it starting, before it adds 10% of the day', () => {
    // $30 an hour on top of the usual $10 from 14:00: 10% of the day is 22 minutes of it.
    const job = (m: number) => (m >= 840 ? 0.5 : 0);
    expect(check(840, job).flagged).toBe(false);
    const first = Array.from({ length: 60 }, (_, i) => 841 + i).find((m) => check(m, job).flagged);
    expect(first).toBeDefined();
    expect(((first! - 840) * 0.5) / 110).toBeLessThan(0.1);
    expect(check(first!, job).window).toMatchObject({ to: first });
  });

  it('flags spend at a usually idle time, and not a few cents of it', () => {
    expect(check(300, (m) => (m >= 270 ? 0.25 : 0)).flagged).toBe(true);
    expect(check(300, (m) => (m >= 270 ? 0.02 : 0)).flagged).toBe(false);
  });

  it('without history expects an even day, and is unsure of it', () => {
    const empty = slotProfile([], 2);
    expect(empty.shares).toHaveLength(144);
    expect(empty.shares[0]).toBeCloseTo(1 / 144);
    expect(empty.sigmaSlot).toBe(1);
    expect(empty.before.shares[144]).toBeCloseTo(1);
  });

  it('says which window ran hot and by how much', () => {
    const c = check(880, (m) => (m >= 840 ? 0.5 : 0));
    expect(c.flagged).toBe(true);
    const w = c.window!;
    expect(w.to).toBe(880);
    expect(w.from).toBeGreaterThanOrEqual(700);
    expect(w.actual).toBeGreaterThan(w.expected + 3.3);
    expect(w.sigma).toBeGreaterThan(0);
    expect(w.sigma).toBeLessThanOrEqual(1);
  });
});
