import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { allPanels, dashboardQueries, readDashboard } from '../helpers/grafana.ts';
import { makeRecord } from '../helpers/records.ts';

const RULES = join(import.meta.dirname, '../../deploy/prometheus/spendlens-rules.yml');
const metricNames = (text: string) => new Set(text.match(/\bspendlens_[a-z0-9_]+/g) ?? []);

describe('the shipped Grafana dashboard and Prometheus rules', () => {
  let t: TestApp;
  let exposed: Set<string>;
  const now = new Date('2026-11-20T12:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: t.auth });
    expect(res.statusCode).toBe(200);
    // Every family /metrics declares (`# TYPE name gauge`), with or without samples yet.
    exposed = new Set([...res.body.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] as string));
  });
  afterAll(() => t.close());

  it('reads only metrics /metrics exposes, in every panel and every rule', () => {
    const queries = dashboardQueries({ team: '.*', project: '.*', currency: 'USD' });
    for (const q of queries) {
      const names = metricNames(q.expr);
      expect(names.size, `${q.panel}: ${q.expr}`).toBeGreaterThan(0);
      for (const name of names) expect(exposed, `${q.panel} reads ${name}`).toContain(name);
    }
    const variables = readDashboard().templating.list.map((v) => JSON.stringify(v.query));
    for (const name of metricNames(variables.join(' '))) expect(exposed).toContain(name);
    const ruleNames = metricNames(readFileSync(RULES, 'utf8'));
    expect(ruleNames.size).toBeGreaterThanOrEqual(5);
    for (const name of ruleNames) expect(exposed, `spendlens-rules.yml reads ${name}`).toContain(name);
  });

  it('is provisionable: a Prometheus datasource variable every panel uses, unique ids, a uid', () => {
    const d = readDashboard();
    expect(d.uid).toBe('spendlens');
    expect(d.templating.list.find((v) => v.name === 'datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    const panels = allPanels(d);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template.
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const target of p.targets ?? []) expect(target.datasource ?? p.datasource).toEqual(p.datasource);
    }
    const titles = panels.map((p) => p.title).join('\n');
    for (const needed of [
      'month to date',
      'today',
      'team',
      'project',
      'model',
      'Budget',
      'incidents',
      'anomalies',
      'Sources',
    ])
      expect(titles).toContain(needed);
  });

  it('gives exact money: the total gauge equals the sum of micro-units where float sums drift', async () => {
    // 0.1 + 0.2 summed as floats is 0.30000000000000004; spendlens sums micro-units, then converts once.
    await t.ctx.usage.insertUsage([
      makeRecord({
        id: 'a',
        org: 'default',
        timestamp: new Date('2026-11-20T08:00:00Z'),
        costMicros: 100_000,
      }),
      makeRecord({
        id: 'b',
        org: 'default',
        timestamp: new Date('2026-11-20T09:00:00Z'),
        costMicros: 200_000,
        team: 'ml',
      }),
      makeRecord({
        id: 'c',
        org: 'default',
        timestamp: new Date('2026-11-03T09:00:00Z'),
        costMicros: 1,
        project: 'p',
      }),
    ]);
    const budget = await t.app.inject({
      method: 'POST',
      url: '/api/v1/budgets',
      headers: t.auth,
      payload: { id: 'exact', name: 'Exactly spent', scope: { dimension: 'org' }, amount: '0.300001' },
    });
    expect(budget.statusCode).toBe(201);
    const body = (await t.app.inject({ method: 'GET', url: '/metrics', headers: t.auth })).body;
    const sample = (name: string) => new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`, 'm').exec(body)?.[2];
    expect(sample('spendlens_total_spend_today')).toBe('0.3');
    expect(sample('spendlens_total_spend_month_to_date')).toBe('0.300001');
    // Spent exactly the amount: a use ratio of exactly 1, which the SpendlensBudgetExhausted rule fires on.
    expect(sample('spendlens_budget_used_ratio')).toBe('1');
    // At noon on the 20th, 19.5 of November's 30 days are gone.
    expect(Number(sample('spendlens_budget_period_elapsed_ratio'))).toBeCloseTo(19.5 / 30, 12);
    expect(body).toMatch(/^spendlens_incidents_open\{severity="high"\} 0$/m);
  });
});
