import { describe, expect, it } from 'vitest';
import { ANALYSIS_DEFAULTS } from '../../src/analyze/options.ts';
import type { Candidate } from '../../src/app/analysis/candidates.ts';
import { isHistorical, SURE_HISTORY_DAYS, toStored } from '../../src/app/analysis/finish.ts';
import type { RefreshPlan } from '../../src/app/analysis/plan.ts';

const now = new Date('2026-12-07T06:00:00Z');
const plan: RefreshPlan = {
  org: 'acme',
  tz: 'UTC',
  now,
  today: '2026-12-07',
  evaluateFrom: '2026-08-01',
  fetchFrom: '2026-06-06',
  options: ANALYSIS_DEFAULTS,
};
const candidate = (over: Partial<Candidate> = {}): Candidate => ({
  kind: 'daily',
  scope: { dimension: 'org', value: null },
  periodStart: new Date('2026-12-06T00:00:00Z'),
  periodEnd: new Date('2026-12-07T00:00:00Z'),
  actualMicros: 400_000_000,
  expected: 40,
  lower: 30,
  upper: 55,
  sigma: 0.1,
  becameNormal: false,
  ...over,
});
const stored = (c: Candidate, historical = false) =>
  toStored(c, [], { plan, currency: 'USD', orgDaily: 40, mutedUntil: null, historical });

describe('finishing an anomaly found over history', () => {
  it('is historical when its period ended more than two days before it was first found', () => {
    expect(isHistorical(new Date('2026-12-07T00:00:00Z'), now)).toBe(false);
    expect(isHistorical(new Date('2026-12-05T06:00:00Z'), now)).toBe(false);
    expect(isHistorical(new Date('2026-12-05T05:59:59Z'), now)).toBe(true);
    expect(stored(candidate(), true).historical).toBe(true);
    expect(stored(candidate()).historical).toBe(false);
  });

  it('is one severity step less severe when its baseline had under four weeks of history', () => {
    const sure = stored(candidate({ historyDays: SURE_HISTORY_DAYS }));
    const unsure = stored(candidate({ historyDays: SURE_HISTORY_DAYS - 1 }));
    expect(sure.severity).toBe('critical');
    expect(unsure.severity).toBe('high');
    const low = candidate({ actualMicros: 41_000_000, sigma: 1, historyDays: 3 });
    expect(stored(low).severity).toBe('low');
    expect(stored(candidate({ kind: 'intraday' })).severity).toBe('critical');
  });
});
