import { describe, expect, it } from 'vitest';
import { findDrivers } from '../../src/analyze/drivers.ts';
import { severityOf } from '../../src/analyze/severity.ts';

describe('findDrivers', () => {
  it('names the values that spent beyond their usual share of the expected total', () => {
    const drivers = findDrivers(
      [
        {
          dimension: 'model',
          // usually 60% gpt-5, 40% claude; expected 100 → 60 and 40; the day: 60 and 240
          reference: new Map([
            ['gpt-5', 600],
            ['claude', 400],
          ]),
          actual: new Map([
            ['gpt-5', 60],
            ['claude', 240],
          ]),
        },
        {
          dimension: 'user',
          reference: new Map<string | null, number>([
            ['ana', 500],
            [null, 500],
          ]),
          actual: new Map<string | null, number>([
            ['ana', 50],
            [null, 250],
          ]),
        },
      ],
      100,
    );
    expect(drivers).toEqual([
      { dimension: 'model', value: 'claude', actual: 240, expected: 40, delta: 200 },
      { dimension: 'user', value: null, actual: 250, expected: 50, delta: 200 },
    ]);
  });

  it('treats a value never seen before as wholly unexpected', () => {
    const [top] = findDrivers(
      [{ dimension: 'context', reference: new Map([['a', 10]]), actual: new Map([['jobs/backfill', 90]]) }],
      10,
    );
    expect(top).toMatchObject({ value: 'jobs/backfill', expected: 0, delta: 90 });
  });
});

describe('severityOf', () => {
  const org = 1_000;
  it('grades by how unusual and how much money together', () => {
    // 20 sigmas above, half the org's day: critical
    expect(severityOf({ actual: 600, expected: 100, sigma: 0.09, orgDaily: org })).toBe('critical');
    // thirteen times its usual, but $6 against a $1,000 day: low
    expect(severityOf({ actual: 6.5, expected: 0.5, sigma: 0.1, orgDaily: org })).toBe('low');
    // a user from $1 to $60 a day: unusual and noticeable
    expect(severityOf({ actual: 60, expected: 1, sigma: 0.3, orgDaily: org })).toBe('medium');
    // a large but noisy swing: 1.6 sigmas, 40% of the org's day
    expect(severityOf({ actual: 900, expected: 500, sigma: 0.36, orgDaily: org })).toBe('medium');
    expect(severityOf({ actual: 130, expected: 100, sigma: 0.1, orgDaily: org })).toBe('low');
  });
});
