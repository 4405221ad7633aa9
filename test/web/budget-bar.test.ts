import { describe, expect, it } from 'vitest';
import { boundaryDay, dayBefore, formatDay } from '../../web/src/lib/days.ts';
import { parseThresholds, scopeBody, scopeFields, slugId } from '../../web/src/pages/budgets/fields.ts';
import {
  barGeometry,
  byPercent,
  paceSentence,
  resetWords,
  roundMoney,
} from '../../web/src/pages/budgets/progress.ts';
import type { Budget } from '../../web/src/pages/budgets/types.ts';

const budget = (over: Partial<Budget['status']> = {}, amount = '500'): Budget => ({
  id: 'ml-monthly',
  name: 'ML monthly',
  origin: 'api',
  scope: { dimension: 'team', value: 'ml' },
  period: 'month',
  amount,
  currency: 'USD',
  thresholds: [50, 80, 100],
  alertOnForecast: true,
  status: {
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    spent: '250.000000',
    percent: 50,
    projected: '400.000000',
    projectedLow: '350.000000',
    projectedHigh: '450.000000',
    projectedOverrunDate: null,
    state: 'ok',
    crossed: [50],
    ...over,
  },
});

describe('budget bar', () => {
  it('places spent, projection, band and ticks on the amount when nothing overruns', () => {
    const g = barGeometry(budget());
    expect(g).toMatchObject({ spent: 50, projected: 80, band: { from: 70, to: 90 }, amount: 100 });
    expect(g.ticks).toEqual([
      { threshold: 50, at: 50 },
      { threshold: 80, at: 80 },
    ]);
  });

  it('widens the scale to the projection so an overrun still fits', () => {
    const g = barGeometry(
      budget({
        spent: '400',
        projected: '750',
        projectedLow: '600',
        projectedHigh: '1000',
        state: 'projected_to_exceed',
      }),
    );
    expect(g.amount).toBe(50);
    expect(g.spent).toBe(40);
    expect(g.projected).toBe(75);
    expect(g.band).toEqual({ from: 60, to: 100 });
  });

  it('draws no band without one, and never a projection short of the spend', () => {
    const g = barGeometry(budget({ projectedLow: null, projectedHigh: null, projected: '100' }));
    expect(g.band).toBeNull();
    expect(g.projected).toBe(g.spent);
  });
});

describe('budget words', () => {
  it('says where the pace leads', () => {
    expect(paceSentence(budget({ projectedOverrunDate: '2026-11-26', state: 'projected_to_exceed' }))).toBe(
      'At this pace, crosses $500 on 26 Nov.',
    );
    expect(paceSentence(budget())).toBe('At this pace, ends the month near $400.00.');
    expect(paceSentence(budget({ spent: '512.300000', state: 'exceeded' }))).toBe(
      'Over by $12.30 this month.',
    );
  });

  it('keeps cents only where the amount has them', () => {
    expect(roundMoney('500', 'USD')).toBe('$500');
    expect(roundMoney('1500.000000', 'USD')).toBe('$1,500');
    expect(roundMoney('99.5', 'USD')).toBe('$99.50');
  });

  it('reads a period boundary as its calendar day in the server zone', () => {
    expect(resetWords(budget())).toBe('Resets 1 Dec');
    expect(boundaryDay('2026-11-30T15:00:00.000Z')).toBe('2026-12-01'); // Tokyo midnight
    expect(boundaryDay('2026-12-01T05:00:00.000Z')).toBe('2026-12-01'); // New York midnight
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(formatDay('2026-11-26')).toBe('26 Nov');
  });

  it('lists the fullest budgets first', () => {
    const a = { ...budget({ percent: 30 }), id: 'a', name: 'A' };
    const b = { ...budget({ percent: 95 }), id: 'b', name: 'B' };
    expect(byPercent([a, b]).map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('budget form fields', () => {
  it('turns the scope picker into the API scope and back', () => {
    expect(scopeBody({ kind: 'org', tagKey: '', value: 'x', each: false })).toEqual({ dimension: 'org' });
    expect(scopeBody({ kind: 'org', tagKey: '', value: '', each: true })).toEqual({ dimension: 'org' });
    expect(scopeBody({ kind: 'user', tagKey: '', value: 'ana', each: true })).toEqual({
      dimension: 'user',
      each: true,
    });
    expect(scopeFields({ dimension: 'user', each: true })).toMatchObject({ kind: 'user', each: true });
    expect(scopeBody({ kind: 'tag', tagKey: 'env', value: ' prod ', each: false })).toEqual({
      dimension: 'tag:env',
      value: 'prod',
    });
    expect(scopeFields({ dimension: 'tag:env', value: 'prod' })).toEqual({
      kind: 'tag',
      tagKey: 'env',
      value: 'prod',
      each: false,
    });
    expect(scopeFields(undefined).kind).toBe('org');
  });

  it('reads thresholds and derives an id from the name', () => {
    expect(parseThresholds('50, 80 100')).toEqual([50, 80, 100]);
    expect(parseThresholds('50, lots')).toEqual([50, 'lots']);
    expect(slugId('ML team — monthly!')).toBe('ml-team-monthly');
  });
});
