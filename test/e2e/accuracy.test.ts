// Replayed provider days (bench/accuracy) through the real sync: spendlens's estimate of each day
// equals the bill at list prices within 1%, and the reconciliation shows credits apart and names the
// line items. The same days feed `npm run bench:accuracy`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayedDays } from '../../bench/accuracy/days.ts';
import { type ReplayRun, replayThroughSpendlens } from '../../bench/accuracy/replay.ts';
import { formatMicros } from '../../src/domain/money.ts';
import { testEngines } from '../helpers/app.ts';

const days = replayedDays();
const MUST_AGREE = [
  'long context',
  'cached',
  'batch',
  'web search',
  'audio',
  'credits',
  'fast mode',
  'flex and priority',
];

describe.each(await testEngines('the accuracy replay'))('replayed provider days on %s', (engine) => {
  let run: ReplayRun;
  beforeAll(async () => {
    run = await replayThroughSpendlens(days, engine);
  }, 120_000);
  afterAll(async () => {
    await run?.close();
  });

  const measured = (provider: string, day: string) => {
    const m = run.measured.find((x) => x.provider === provider && x.day === day);
    if (!m) throw new Error(`no reconciliation for ${provider} ${day}`);
    return m;
  };

  const cases = days
    .filter((d) => MUST_AGREE.includes(d.scenario))
    .map((d) => [d.provider, d.scenario] as const);
  it.each(cases)(
    '%s %s: the estimate equals the bill within 1 percent, and the bill is read exactly',
    (provider, scenario) => {
      const day = days.find((d) => d.provider === provider && d.scenario === scenario);
      if (!day) throw new Error(`no replayed day ${provider} ${scenario}`);
      const m = measured(day.provider, day.day);
      expect(formatMicros(m.chargesMicros)).toBe(formatMicros(day.chargesMicros));
      expect(formatMicros(m.creditsMicros)).toBe(formatMicros(day.creditsMicros));
      const off = m.estimatedMicros - day.chargesMicros;
      expect(Number(off < 0n ? -off : off) / Number(day.chargesMicros)).toBeLessThanOrEqual(0.01);
    },
  );

  it('shows a credit as a credit: apart from charges, with the net bill beside and its cause named', () => {
    for (const day of days.filter((d) => d.scenario === 'credits')) {
      const rows = run.reconciliation.rows.filter((r) => r.provider === day.provider && r.day === day.day);
      const credited = rows.find((r) => r.credits !== null && r.credits !== '0.000000');
      expect(credited?.credits).toBe(formatMicros(day.creditsMicros));
      expect(credited?.causes.map((c) => c.code)).toContain('credits');
      expect(credited?.lineItems.some((it) => it.billed.startsWith('-'))).toBe(false);
      const m = measured(day.provider, day.day);
      expect(m.billedMicros).toBe(m.chargesMicros + m.creditsMicros);
    }
  });

  it('names the web search line items, billed against the fees in the estimate', () => {
    for (const day of days.filter((d) => d.scenario === 'web search')) {
      const items = run.reconciliation.rows
        .filter((r) => r.provider === day.provider && r.day === day.day)
        .flatMap((r) => r.lineItems.filter((it) => it.kind === 'web_search'));
      expect(items.length).toBeGreaterThan(0);
      for (const it of items) {
        expect(it.item).toBe('Web search');
        expect(it.estimated).toBe(it.billed);
      }
    }
  });
});
