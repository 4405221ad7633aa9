import { describe, expect, it } from 'vitest';
import { dayShare, spreadMonthly } from '../../src/domain/subscriptions.ts';

const total = (days: { micros: bigint }[]) => days.reduce((s, d) => s + d.micros, 0n);
const month = (startDate: string, endDate: string, monthlyMicros: bigint) =>
  spreadMonthly({ monthlyMicros, startDate, endDate, through: '2099-12-31' });

describe('spreading a monthly fee per day', () => {
  it('a 31-day month: 31 days summing to the fee exactly, none more than a micro apart', () => {
    const days = month('2026-01-01', '2026-01-31', 20_000_000n);
    expect(days).toHaveLength(31);
    expect(total(days)).toBe(20_000_000n);
    const amounts = days.map((d) => d.micros);
    expect(amounts.every((m) => m === 645_161n || m === 645_162n)).toBe(true);
    expect(days[0]?.day).toBe('2026-01-01');
    expect(days[30]?.day).toBe('2026-01-31');
  });

  it('February: 28 days in 2026, 29 in the leap year 2028, each summing to the fee', () => {
    const feb = month('2026-02-01', '2026-02-28', 39_000_000n);
    expect(feb).toHaveLength(28);
    expect(total(feb)).toBe(39_000_000n);
    const leap = month('2028-02-01', '2028-02-29', 39_000_000n);
    expect(leap).toHaveLength(29);
    expect(leap[28]?.day).toBe('2028-02-29');
    expect(total(leap)).toBe(39_000_000n);
    // The same fee costs more per day in the shorter month.
    expect(feb[0]!.micros).toBeGreaterThan(leap[0]!.micros);
  });

  it('a 30-day month whose fee does not divide: the remainder is spread, the sum stays exact', () => {
    const days = month('2026-04-01', '2026-04-30', 1_000_001n);
    expect(total(days)).toBe(1_000_001n);
    expect(new Set(days.map((d) => d.micros))).toEqual(new Set([33_333n, 33_334n]));
  });

  it('a partial first and last month pay their days: both halves of a month sum to the whole fee', () => {
    const first = month('2026-03-16', '2026-03-31', 31_000_000n);
    expect(first).toHaveLength(16);
    expect(total(first)).toBe(16_000_000n);
    const fee = 10_000_000n;
    const a = month('2026-03-01', '2026-03-15', fee);
    const b = month('2026-03-16', '2026-03-31', fee);
    expect(total(a) + total(b)).toBe(fee);
    // Prorated: within a micro of fee × 15/31.
    const exact = (fee * 15n) / 31n;
    expect(total(a) - exact).toBeGreaterThanOrEqual(0n);
    expect(total(a) - exact).toBeLessThanOrEqual(1n);
  });

  it('across months each month sums to its own fee (31 + 28 + 31 days)', () => {
    const days = month('2026-01-01', '2026-03-31', 30_000_000n);
    expect(days).toHaveLength(90);
    for (const m of ['2026-01', '2026-02', '2026-03']) {
      expect(total(days.filter((d) => d.day.startsWith(m)))).toBe(30_000_000n);
    }
  });

  it('stops at `through` while the subscription runs, and at its end date when that comes first', () => {
    const running = spreadMonthly({
      monthlyMicros: 31_000_000n,
      startDate: '2026-05-30',
      endDate: null,
      through: '2026-06-02',
    });
    expect(running.map((d) => d.day)).toEqual(['2026-05-30', '2026-05-31', '2026-06-01', '2026-06-02']);
    const ended = spreadMonthly({
      monthlyMicros: 31_000_000n,
      startDate: '2026-05-30',
      endDate: '2026-05-30',
      through: '2026-06-02',
    });
    expect(ended.map((d) => d.day)).toEqual(['2026-05-30']);
    expect(ended[0]?.micros).toBe(1_000_000n);
  });

  it('nothing before it starts; a zero fee spreads zeros; a negative fee is refused', () => {
    expect(
      spreadMonthly({ monthlyMicros: 1n, startDate: '2026-07-02', endDate: null, through: '2026-07-01' }),
    ).toEqual([]);
    const free = month('2026-02-01', '2026-02-28', 0n);
    expect(free).toHaveLength(28);
    expect(free.every((d) => d.micros === 0n)).toBe(true);
    expect(() => month('2026-02-01', '2026-02-28', -1n)).toThrow(/negative/);
  });

  it('a fee smaller than the days gives whole micros to some days and sums exactly', () => {
    const shares = Array.from({ length: 31 }, (_, i) => dayShare(5n, 31, i));
    expect(shares.reduce((a, b) => a + b, 0n)).toBe(5n);
    expect(shares.filter((s) => s === 1n)).toHaveLength(5);
  });
});
