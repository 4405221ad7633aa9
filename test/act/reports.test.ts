import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ReportBudget, ReportDimension } from '../../src/act/reports/content.ts';
import { renderReportCsv } from '../../src/act/reports/csv.ts';
import { buildDailyReport } from '../../src/act/reports/daily.ts';
import { moneyDisplay } from '../../src/act/reports/display.ts';
import { renderReportHtml } from '../../src/act/reports/html.ts';
import type { Aggregate } from '../../src/act/reports/lines.ts';
import { reportMessage } from '../../src/act/reports/message.ts';
import {
  dailyPeriod,
  dayOfPreviousWeek,
  isoWeekLabel,
  weeklyPeriod,
  yesterday,
} from '../../src/act/reports/period.ts';
import { buildWeeklyReport, type WeekSpend } from '../../src/act/reports/weekly.ts';
import type { SpendAmounts } from '../../src/store/types.ts';

const amounts = (costMicros: bigint, outputTokens = 0): SpendAmounts => ({
  costMicros,
  unpricedRequests: 0n,
  inputTokens: 0n,
  outputTokens: BigInt(outputTokens),
  cacheReadTokens: 0n,
  cacheWriteTokens: 0n,
  reasoningTokens: 0n,
  requests: 1n,
});

const agg = (value: string | null, micros: bigint, outputTokens = 0): Aggregate => ({
  value,
  amounts: amounts(micros, outputTokens),
});

function week(breakdowns: Partial<Record<ReportDimension, Aggregate[]>>): WeekSpend {
  const full = { team: [], project: [], user: [], model: [], ...breakdowns };
  const total = full.team.reduce((s, a) => s + a.amounts.costMicros, 0n);
  return { totals: amounts(total, 1000), breakdowns: full };
}

const budget: ReportBudget = {
  id: 'ml-monthly',
  name: 'ML monthly',
  scope: { dimension: 'team', value: 'ml' },
  period: 'month',
  amount: '500',
  currency: 'USD',
  spent: '412.500000',
  percent: 82.5,
  projected: '610.000000',
  state: 'projected_to_exceed',
  projectedOverrunDate: '2026-11-26',
  periodEnd: '2026-12-01T00:00:00.000Z',
};

describe('report periods', () => {
  it('labels ISO weeks by their Thursday, across year boundaries', () => {
    expect(isoWeekLabel('2026-11-16')).toBe('2026-W47');
    expect(isoWeekLabel('2026-11-22')).toBe('2026-W47');
    expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
    expect(isoWeekLabel('2027-01-04')).toBe('2027-W01');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
    expect(isoWeekLabel('2021-01-03')).toBe('2020-W53');
    expect(isoWeekLabel('2026-01-01')).toBe('2026-W01');
  });

  it('reports the previous ISO week, Monday to Monday in the reporting zone', () => {
    const monday = new Date('2027-01-04T07:00:00Z');
    const p = weeklyPeriod(dayOfPreviousWeek(monday, 'UTC'), 'UTC');
    expect(p).toMatchObject({ id: 'report-2026-W53', week: '2026-W53', first: '2026-12-28' });
    expect(p.start.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(p.end.toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(p.previousStart.toISOString()).toBe('2026-12-21T00:00:00.000Z');
    const berlin = weeklyPeriod('2026-11-18', 'Europe/Berlin');
    expect(berlin.id).toBe('report-2026-W47');
    expect(berlin.start.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    // Sunday evening is still in the week in Berlin, past its end in UTC terms.
    expect(
      weeklyPeriod(dayOfPreviousWeek(new Date('2027-01-10T23:30:00Z'), 'Europe/Berlin'), 'Europe/Berlin').id,
    ).toBe('report-2027-W01');
  });

  it('summarises yesterday in the reporting zone', () => {
    const now = new Date('2026-11-23T06:00:00Z');
    expect(dailyPeriod(yesterday(now, 'UTC'), 'UTC')).toMatchObject({ id: 'daily-2026-11-22' });
    // 04:00 UTC is still the evening of the 22nd in New York.
    const ny = dailyPeriod(
      yesterday(new Date('2026-11-23T04:00:00Z'), 'America/New_York'),
      'America/New_York',
    );
    expect(ny.id).toBe('daily-2026-11-21');
    expect(ny.start.toISOString()).toBe('2026-11-21T05:00:00.000Z');
    expect(ny.end.toISOString()).toBe('2026-11-22T05:00:00.000Z');
  });
});

describe('buildWeeklyReport', () => {
  const period = weeklyPeriod('2026-11-16', 'UTC');
  const report = buildWeeklyReport({
    org: 'acme',
    currency: 'USD',
    timezone: 'UTC',
    period,
    generatedAt: new Date('2026-11-23T07:00:00Z'),
    current: week({
      team: [agg('ml', 600_000_000n), agg('web', 200_000_001n), agg(null, 100_000_000n)],
      project: [agg('search', 900_000_001n, 1_000_000)],
    }),
    previous: week({
      team: [agg('ml', 300_000_000n), agg('web', 250_000_000n), agg('ops', 50_000_000n)],
      project: [agg('search', 600_000_000n, 1_000_000)],
    }),
    days: [100n, 200n, 0n, 0n, 0n, 0n, 900_000_001n - 300n],
    anomalies: [],
    budgets: [budget],
    warnings: [],
  });

  it('compares the week with the week before, exactly', () => {
    expect(report).toMatchObject({
      id: 'report-2026-W47',
      kind: 'weekly',
      total: '900.000001',
      previousTotal: '600.000000',
      change: '300.000001',
      changePercent: 50,
    });
    expect(report.days.map((d) => d.day)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(report.days[6]!.total).toBe('899.999701');
    expect(report.top.team).toEqual([
      {
        dimension: 'team',
        value: 'ml',
        cost: '600.000000',
        previous: '300.000000',
        change: '300.000000',
        changePercent: 100,
        share: 66.7,
      },
      {
        dimension: 'team',
        value: 'web',
        cost: '200.000001',
        previous: '250.000000',
        change: '-49.999999',
        changePercent: -20,
        share: 22.2,
      },
      {
        dimension: 'team',
        value: null,
        cost: '100.000000',
        previous: '0.000000',
        change: '100.000000',
        changePercent: null,
        share: 11.1,
      },
      {
        dimension: 'team',
        value: 'ops',
        cost: '0.000000',
        previous: '50.000000',
        change: '-50.000000',
        changePercent: -100,
        share: 0,
      },
    ]);
  });

  it('ranks the biggest movers by money, up or down', () => {
    expect(report.movers.map((m) => [m.dimension, m.value, m.change])).toEqual([
      ['project', 'search', '300.000001'],
      ['team', 'ml', '300.000000'],
      ['team', null, '100.000000'],
      ['team', 'ops', '-50.000000'],
      ['team', 'web', '-49.999999'],
    ]);
  });

  it('renders an email-safe page, a CSV and a channel message with the same numbers', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('Weekly report 2026-W47');
    expect(html).toContain('$900.00');
    expect(html).toContain('$600.00');
    expect(html).toContain('+50%');
    expect(html).toContain('ML monthly');
    expect(html).not.toMatch(/<script|<link|<style/);
    const rows = parse(renderReportCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      report: 'report-2026-W47',
      section: 'total',
      cost: '900.000001',
      previous: '600.000000',
      change: '300.000001',
      change_percent: '50',
    });
    expect(rows.filter((r) => r.section === 'day')).toHaveLength(7);
    expect(rows.find((r) => r.dimension === 'team' && r.value === 'ml')).toMatchObject({
      cost: '600.000000',
      previous: '300.000000',
    });
    const message = reportMessage(report);
    expect(message.title).toBe('Weekly report 2026-W47: $900.00 (+50% week on week)');
    expect(message.facts).toContainEqual({ label: 'Top team', value: 'ml ($600.00)' });
  });
});

describe('buildDailyReport', () => {
  const period = dailyPeriod('2026-11-22', 'UTC');
  // Four weeks of $100 a day, so the day-of-week baseline expects $100.
  const history = Array.from({ length: 28 }, () => 100_000_000n);
  const report = buildDailyReport({
    org: 'acme',
    currency: 'USD',
    timezone: 'UTC',
    period,
    generatedAt: new Date('2026-11-23T06:00:00Z'),
    totals: amounts(150_000_000n, 3_000_000),
    breakdowns: {
      team: [agg('web', 50_000_000n), agg('ml', 100_000_000n)],
      project: [agg('search', 120_000_000n, 2_000_000), agg('chat', 30_000_000n, 1_000_000)],
      user: Array.from({ length: 7 }, (_, i) => agg(`u${i}`, BigInt(i + 1) * 1_000_000n)),
      model: [agg('gpt-4o', 150_000_000n, 3_000_000)],
    },
    history,
    anomalies: [],
    budgets: [budget],
    warnings: [],
  });

  it("sets yesterday's total against its baseline and the same day last week", () => {
    expect(report).toMatchObject({
      id: 'daily-2026-11-22',
      day: '2026-11-22',
      total: '150.000000',
      changePercent: 50,
      lastWeek: { day: '2026-11-15', total: '100.000000', changePercent: 50 },
    });
    expect(report.baseline?.expected).toBe('100.000000');
    expect(report.costPerOutputToken).toBe('0.000050000000');
  });

  it('lists the top five of each dimension with cost, share and cost per output token', () => {
    expect(report.top.team.map((l) => [l.value, l.cost, l.share])).toEqual([
      ['ml', '100.000000', 66.7],
      ['web', '50.000000', 33.3],
    ]);
    expect(report.top.user.map((l) => l.value)).toEqual(['u6', 'u5', 'u4', 'u3', 'u2']);
    expect(report.top.project[0]).toMatchObject({ value: 'search', costPerOutputToken: '0.000060000000' });
  });

  it('says so while the baseline is still learning', () => {
    const young = buildDailyReport({ ...reportInput(), history: [1_000_000n] });
    expect(young.baseline).toBeNull();
    expect(young.changePercent).toBeNull();
    expect(reportMessage(young).title).toContain('no baseline yet');
  });

  it('renders the numbers', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('Daily summary');
    expect(html).toContain('Sun, 22 Nov 2026');
    expect(html).toContain('$150.00');
    expect(html).toContain('Per 1M output tokens');
    expect(html).toContain('$60.00');
    expect(reportMessage(report).title).toBe(
      'Daily summary for Sun, 22 Nov 2026: $150.00 (+50% against the usual $100.00)',
    );
    const rows = parse(renderReportCsv(report), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.section)).toEqual([
      'total',
      'baseline',
      'top',
      'top',
      'top',
      'top',
      'top',
      'top',
      'top',
      'top',
      'top',
      'top',
    ]);
  });

  function reportInput() {
    return {
      org: 'acme',
      currency: 'USD',
      timezone: 'UTC',
      period,
      generatedAt: new Date('2026-11-23T06:00:00Z'),
      totals: amounts(1_000_000n),
      breakdowns: { team: [], project: [], user: [], model: [] },
      history: [],
      anomalies: [],
      budgets: [],
      warnings: [],
    };
  }
});

describe('moneyDisplay', () => {
  it('rounds the decimal digits, not a float', () => {
    expect(moneyDisplay('1234.565000', 'USD')).toBe('$1,234.57');
    expect(moneyDisplay('0.004999', 'USD')).toBe('$0.00');
    expect(moneyDisplay('-49.999999', 'EUR')).toBe('-€50.00');
    expect(moneyDisplay('1234567.1', 'CHF')).toBe('CHF 1,234,567.10');
  });
});
