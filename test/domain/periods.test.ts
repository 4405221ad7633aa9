import { describe, expect, it } from 'vitest';
import {
  dayPeriod,
  type PERIOD_IDS,
  parsePeriodId,
  previousSpan,
  resolvePeriod,
} from '../../src/domain/periods.ts';

// Monday 7 December 2026, 14:20 UTC.
const now = new Date('2026-12-07T14:20:00Z');
const at = (iso: string) => new Date(iso);
const span = (id: (typeof PERIOD_IDS)[number], tz = 'UTC') => {
  const p = resolvePeriod(id, now, tz);
  return [p.from.toISOString(), p.to.toISOString()];
};

describe('periods', () => {
  it('defines each named period in whole calendar days, ending at the end of the current hour', () => {
    expect(span('today')).toEqual(['2026-12-07T00:00:00.000Z', '2026-12-07T15:00:00.000Z']);
    expect(span('7d')).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-07T15:00:00.000Z']);
    expect(span('30d')).toEqual(['2026-11-08T00:00:00.000Z', '2026-12-07T15:00:00.000Z']);
    expect(span('this-week')).toEqual(['2026-12-07T00:00:00.000Z', '2026-12-07T15:00:00.000Z']);
    expect(span('last-week')).toEqual(['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
    expect(span('this-month')).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-07T15:00:00.000Z']);
    expect(span('last-month')).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });

  it('counts days in the given zone, across a change of clocks', () => {
    // 14:20 UTC is 09:20 in New York; 30 days back crosses the end of summer time (1 Nov).
    expect(span('today', 'America/New_York')).toEqual([
      '2026-12-07T05:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
    ]);
    expect(span('last-month', 'Europe/Berlin')).toEqual([
      '2026-10-31T23:00:00.000Z',
      '2026-11-30T23:00:00.000Z',
    ]);
    const late = resolvePeriod('today', at('2026-12-07T18:45:00Z'), 'Asia/Kolkata');
    // 00:15 on 8 December in Kolkata: the day has just begun, and ends no later than its midnight.
    expect(late.firstDay).toBe('2026-12-08');
    expect(late.to.toISOString()).toBe('2026-12-07T19:00:00.000Z');
    const sunday = resolvePeriod('this-week', at('2026-12-06T23:30:00Z'), 'UTC');
    expect(sunday.firstDay).toBe('2026-11-30');
  });

  it('compares last month with the whole month before it, other spans with the equal span before', () => {
    const last = resolvePeriod('last-month', now, 'UTC');
    expect(last.previous).toEqual({ from: at('2026-10-01T00:00:00Z'), to: at('2026-11-01T00:00:00Z') });
    const march = resolvePeriod('last-month', at('2026-03-15T10:00:00Z'), 'UTC');
    expect(march.previous.from).toEqual(at('2026-01-01T00:00:00Z'));
    expect(resolvePeriod('7d', now, 'UTC').previous).toEqual({
      from: at('2026-11-24T09:00:00Z'),
      to: at('2026-12-01T00:00:00Z'),
    });
    const quarter = previousSpan({ from: at('2026-07-01T00:00:00Z'), to: at('2026-10-01T00:00:00Z') }, 'UTC');
    expect(quarter.from).toEqual(at('2026-04-01T00:00:00Z'));
    expect(
      previousSpan({ from: at('1970-01-01T00:00:01Z'), to: at('2026-01-02T00:00:00Z') }, 'UTC').from,
    ).toEqual(new Date(0));
  });

  it('reads custom days inclusively and period names as people write them', () => {
    const p = dayPeriod('2026-11-07', '2026-11-01', 'UTC');
    expect([p.from, p.to]).toEqual([at('2026-11-01T00:00:00Z'), at('2026-11-08T00:00:00Z')]);
    expect(p.previous.from).toEqual(at('2026-10-25T00:00:00Z'));
    expect(parsePeriodId('Last month')).toBe('last-month');
    expect(parsePeriodId('mtd')).toBe('this-month');
    expect(parsePeriodId('last_week')).toBe('last-week');
    expect(parsePeriodId('90d')).toBeNull();
  });
});
