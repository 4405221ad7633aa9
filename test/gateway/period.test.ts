import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../src/act/budgets/period.ts';
import { currentPeriod } from '../../src/gateway/budgets.ts';

// The gateway keeps each period's bounds until the clock leaves it; they must be the bounds of the moment.

describe('the period a call falls in, kept between calls', () => {
  it('is always the period under way, forward, backward and across a DST change', () => {
    const start = Date.parse('2026-10-20T00:00:00Z');
    const steps = [37, 3_600_000 * 5 + 17, -86_400_000 * 3, 86_400_000 * 9 + 1, 1, -1, 3_600_000 * 23];
    for (const tz of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata']) {
      for (const period of ['day', 'week', 'month'] as const) {
        let t = start;
        for (let i = 0; i < 400; i++) {
          t += steps[i % steps.length] ?? 0;
          const now = new Date(t);
          expect(currentPeriod(period, now, tz), `${period} ${tz} ${now.toISOString()}`).toEqual(
            periodBounds(period, now, tz),
          );
        }
      }
    }
  });

  it('moves on at the exact end of a period', () => {
    const end = periodBounds('day', new Date('2026-12-07T10:00:00Z'), 'Europe/Paris').end;
    expect(currentPeriod('day', new Date(end.getTime() - 1), 'Europe/Paris').end).toEqual(end);
    expect(currentPeriod('day', end, 'Europe/Paris').start).toEqual(end);
  });
});
