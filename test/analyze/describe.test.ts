import { describe, expect, it } from 'vitest';
import {
  dayStart,
  localDay,
  localHours,
  monthStart,
  nextMonthStart,
  offsetMinutes,
  weekdayOf,
} from '../../src/analyze/calendar.ts';
import { describeDaily, describeIntraday } from '../../src/analyze/describe.ts';

describe('describeDaily', () => {
  it('says the scope, actual against expected and its band, the weekday and the main driver', () => {
    const text = describeDaily({
      scope: { dimension: 'project', value: 'churn-model' },
      start: '2026-02-21',
      end: '2026-02-22',
      actual: 102.67,
      expected: 42.1,
      lower: 30,
      upper: 55,
      currency: 'USD',
      drivers: [
        { dimension: 'model', value: 'claude-opus-4-1', actual: 60, expected: 1.8, delta: 58.2 },
        { dimension: 'user', value: 'sofia.rossi', actual: 62, expected: 3, delta: 59 },
      ],
      becameNormal: false,
    });
    expect(text).toBe(
      'project churn-model spent $102.67 on Saturday 2026-02-21, against $42.10 expected for a Saturday ' +
        '(usual range $30.00–$55.00): +$60.57, 2.4×. Main driver: model claude-opus-4-1 (+$58.20); also user sofia.rossi (+$59.00).',
    );
  });

  it('spans several days and says when a rise became the new normal', () => {
    const text = describeDaily({
      scope: { dimension: 'org', value: null },
      start: '2026-02-14',
      end: '2026-02-16',
      actual: 1234.5,
      expected: 600,
      lower: 400,
      upper: 800,
      currency: 'EUR',
      drivers: [],
      becameNormal: true,
    });
    expect(text).toMatch(/^The org spent €1,234.50 from 2026-02-14 to 2026-02-15 \(2 days\)/);
    expect(text).toMatch(/now taken as the new normal\.$/);
  });

  it('describes an intraday spike by the clock', () => {
    const text = describeIntraday({
      scope: { dimension: 'user', value: 'omar' },
      clock: '14:20',
      actual: 180,
      expected: 110,
      lower: 80,
      upper: 150,
      currency: 'USD',
      window: { hours: 1.33, actual: 60, expected: 8 },
      drivers: [{ dimension: 'model', value: 'gemini-2.5-pro', actual: 58, expected: 2, delta: 56 }],
    });
    expect(text).toContain(
      'By 14:20, user omar has spent $180.00 today against $110.00 expected by this hour',
    );
    expect(text).toContain('the last 1.3 hours alone $60.00 against $8.00');
  });
});

describe('calendar days in a time zone', () => {
  it('finds local days, hours and day starts across a DST change', () => {
    const tz = 'Europe/Berlin';
    expect(localDay(new Date('2026-03-28T23:30:00Z'), tz)).toBe('2026-03-29');
    expect(dayStart('2026-03-29', tz).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-03-30', tz).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(localHours(new Date('2026-03-30T12:30:00Z'), tz)).toBe(14.5);
    expect(offsetMinutes('Asia/Kolkata', new Date('2026-01-01T00:00:00Z'))).toBe(330);
    expect(weekdayOf('2026-03-29')).toBe(0);
    expect([monthStart('2026-02-17'), nextMonthStart('2026-12-05')]).toEqual(['2026-02-01', '2027-01-01']);
  });
});
