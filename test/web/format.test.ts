import { describe, expect, it } from 'vitest';
import {
  formatAxisBucket,
  formatBucket,
  formatDateTime,
  formatMoney,
  plural,
} from '../../web/src/lib/format.ts';
import { whenLabel } from '../../web/src/pages/anomalies/when.ts';
import { formatRate, rateDigits } from '../../web/src/pages/explore/rate.ts';
import { rangeLine } from '../../web/src/pages/overview/range-line.ts';
import { resolveRange } from '../../web/src/state/range.ts';

describe('money on the dashboard', () => {
  it('has two decimals: $0.80, not $0.8', () => {
    expect(formatMoney('0.800000', 'USD')).toBe('$0.80');
    expect(formatMoney('0.1', 'USD')).toBe('$0.10');
    expect(formatMoney('3415.807428', 'USD')).toBe('$3,415.81');
    expect(formatMoney('0', 'USD')).toBe('$0.00');
    expect(formatMoney('-12.5', 'USD')).toBe('-$12.50');
    expect(formatMoney('0.010000', 'USD')).toBe('$0.01');
  });

  it('keeps an amount under a cent from reading as $0.00', () => {
    expect(formatMoney('0.001500', 'USD')).toBe('$0.0015');
    expect(formatMoney('0.009999', 'USD')).not.toBe('$0.00');
  });
});

describe('per-token rates: one precision for a whole column', () => {
  it('gives the smallest rate two significant digits, and every rate the same decimals', () => {
    const column = ['0.113100', '0.010700', '0.017600'];
    const digits = rateDigits(column);
    expect(digits).toBe(3);
    expect(column.map((r) => formatRate(r, 'USD', digits))).toEqual(['$0.113', '$0.011', '$0.018']);
  });

  it('keeps two decimals when every rate is a cent or more, and stops at micro-units', () => {
    expect(rateDigits(['1.500000', '0.110000'])).toBe(2);
    expect(rateDigits(['0.100000'])).toBe(2);
    expect(rateDigits(['0.010000'])).toBe(3);
    expect(rateDigits(['0.000400', '0.600000'])).toBe(5);
    expect(formatRate('0.600000', 'USD', 5)).toBe('$0.60000');
    expect(rateDigits(['0.000001'])).toBe(6);
    expect(rateDigits(['0.0000001'])).toBe(6);
  });

  it('ignores rows without a rate (no output tokens) and zero rates', () => {
    expect(rateDigits([null, '0.000000', '0.020000'])).toBe(3);
    expect(rateDigits([null, '0'])).toBe(2);
    expect(rateDigits([])).toBe(2);
  });
});

describe('counts and dates', () => {
  it('says "1 request", not "1 requests"', () => {
    expect(plural(1, 'request')).toBe('1 request');
    expect(plural(0, 'request')).toBe('0 requests');
    expect(plural(2, 'request')).toBe('2 requests');
    expect(plural('1204', 'request')).toBe('1,204 requests');
    expect(plural(1, 'anomaly', 'anomalies')).toBe('1 anomaly');
    expect(plural(3, 'anomaly', 'anomalies')).toBe('3 anomalies');
  });

  it('names a day one way across the dashboard: "3 Nov", with the hour for hourly buckets', () => {
    const at = new Date(2026, 10, 3, 14).toISOString();
    expect(formatBucket(at, 'day')).toBe('3 Nov');
    expect(formatBucket(at, 'week')).toBe('3 Nov');
    expect(formatBucket(at, 'hour')).toBe('3 Nov, 2 PM');
    // one day on the axis: the hours alone, the day heads the page
    expect(formatAxisBucket(at, 'hour', true)).toBe('2 PM');
    expect(formatAxisBucket(at, 'hour', false)).toBe('3 Nov, 2 PM');
    expect(formatAxisBucket(at, 'day', true)).toBe('3 Nov');
    expect(formatDateTime(at)).toMatch(/^3 Nov 2026, 2:00\sPM$/);
  });

  it('says when an anomaly or incident happened in the same style, in UTC days', () => {
    const day = {
      kind: 'daily' as const,
      periodStart: '2026-12-01T00:00:00.000Z',
      periodEnd: '2026-12-02T00:00:00.000Z',
    };
    expect(whenLabel(day)).toBe('1 Dec');
    expect(whenLabel({ ...day, periodEnd: '2026-12-03T00:00:00.000Z' })).toBe('1 Dec – 2 Dec');
    expect(
      whenLabel({
        kind: 'intraday',
        periodStart: '2026-12-01T14:00:00.000Z',
        periodEnd: '2026-12-01T14:20:00.000Z',
      }),
    ).toBe('1 Dec, to 14:20');
  });
});

describe("the overview's range line", () => {
  const now = new Date(2026, 11, 7, 10, 20);
  const custom = (from: string, to: string) => resolveRange({ kind: 'custom', from, to }, now);

  it("names days in the range picker's style, the picker's label first", () => {
    const week = custom('2026-11-09', '2026-11-15');
    expect(rangeLine(week)).toBe('9 Nov – 15 Nov 2026, compared with 2 Nov – 8 Nov 2026');
    expect(rangeLine(week).startsWith(week.label)).toBe(true);
    const one = custom('2026-12-06', '2026-12-06');
    expect(rangeLine(one)).toBe('6 Dec 2026, compared with 5 Dec 2026');
    expect(one.label).toBe('6 Dec 2026');
  });

  it('compares last month with the whole month before it, and names both years across a new year', () => {
    const last = resolveRange({ kind: 'preset', preset: 'lastmonth' }, now);
    expect(rangeLine(last)).toBe('1 Nov – 30 Nov 2026, compared with 1 Oct – 31 Oct 2026');
    expect(rangeLine(custom('2026-12-28', '2027-01-03'))).toBe(
      '28 Dec 2026 – 3 Jan 2027, compared with 21 Dec – 27 Dec 2026',
    );
  });
});
