import { describe, expect, it } from 'vitest';
import { parseInstantOrDate, parseZonedTimestamp } from '../../src/lib/time.ts';

describe('zoned timestamps and dates at the edges', () => {
  it.each([
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2026-11-01T09:30+0530', '2026-11-01T04:00:00.000Z'],
    ['2026-11-01 09:30:59.999-02:30', '2026-11-01T12:00:59.999Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
  ])('reads %s', (text, iso) => {
    expect((parseZonedTimestamp(text) as Date).toISOString()).toBe(iso);
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'is not a valid date'],
    ['2026-11-01T24:00:00Z', 'is not a valid date'],
    ['2026-11-01T10:60:00Z', 'is not a valid date'],
    ['0000-01-01T00:00:00Z', 'is before 1970'],
    ['1969-12-31T23:59:59Z', 'is before 1970'],
    ['2026-11-01T00:00:00', 'has no time zone'],
  ])('refuses %s, where Date.parse would roll it over or the store refuse it', (text, why) => {
    expect(parseZonedTimestamp(text)).toContain(why);
  });

  it('refuses calendar dates that do not exist, and takes those that do as midnight UTC', () => {
    expect(parseInstantOrDate('2026-11-31')).toContain('is not a valid date');
    expect(parseInstantOrDate('0001-01-01')).toContain('is before 1970');
    expect((parseInstantOrDate('2026-11-30') as Date).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
