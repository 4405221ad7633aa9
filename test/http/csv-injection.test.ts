import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailySummary } from '../../src/app/reports/run.ts';
import { importFile } from '../../src/present/cli/commands/import.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '+cmd|" /C calc"!A0', '-2+3', '@SUM(1+1)*cmd'];
const NOW = new Date('2026-11-03T09:00:00Z');
const engines = await testEngines('the HTTP API on PostgreSQL');

const starts = /^[=+\-@\t\r]/;

describe.each(engines)('CSV downloads hold no formulas on %s', (engine) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({}, () => NOW, engine);
    b = await startTestApp({}, () => NOW, engine);
    const records = HOSTILE.map((value, i) => ({
      id: `h${i}`,
      timestamp: `2026-11-02T1${i}:00:00Z`,
      provider: 'openai',
      model: value,
      team: value,
      user: value,
      project: value,
      apiKey: value,
      context: value,
      tags: { note: value, [value.slice(0, 10)]: 'x' },
      cost: i === 0 ? '-1.50' : '2.25',
      costKind: 'billed',
      outputTokens: 10,
    }));
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: a.auth,
      payload: records,
    });
    expect(res.json()).toMatchObject({ accepted: HOSTILE.length, rejected: [] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("writes a report's names as text and its figures as numbers", async () => {
    const run = await runDailySummary(a.ctx, NOW);
    const res = await a.app.inject({ url: `/api/v1/reports/${run.report.id}/csv`, headers: a.auth });
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    const teams = rows.filter((r) => r.dimension === 'team');
    expect(teams.map((r) => r.value).sort()).toEqual(HOSTILE.map((v) => `'${v}`).sort());
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (['report', 'section', 'dimension', 'value', 'currency'].includes(column))
          expect(cell, column).not.toMatch(starts);
        else expect(cell, column).toMatch(/^(-?\d+(\.\d+)?)?$/);
      }
    }
    expect(rows[0]).toMatchObject({ section: 'total', cost: '5.250000' });
    expect(teams.find((r) => r.value === `'${HOSTILE[0]}`)?.cost).toBe('-1.500000');
  });

  it('exports FOCUS with formula-safe cells that import back to the same records, credits included', async () => {
    const res = await a.app.inject({
      url: '/api/v1/export/focus?from=2026-11-01&to=2026-11-04',
      headers: a.auth,
    });
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(HOSTILE.length);
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (column.endsWith('Cost')) expect(cell, column).toMatch(/^-?\d+\.\d+$/);
        else expect(cell, column).not.toMatch(starts);
      }
    }
    expect(rows.map((r) => r.BilledCost).sort()).toEqual(['-1.500000', '2.250000', '2.250000', '2.250000']);
    const file = join(b.dataDir, 'export.csv');
    writeFileSync(file, res.body);
    const summary = await importFile(file, { ctx: b.ctx }, { format: 'focus', progress: false });
    expect(summary).toMatchObject({ read: HOSTILE.length, accepted: HOSTILE.length, rejected: [] });
    const list = async (t: TestApp) =>
      (await t.ctx.usage.listUsage({ org: t.ctx.config.org, limit: 10 })).records
        .map(({ org: _org, source: _source, ...r }) => r)
        .sort((x, y) => x.id.localeCompare(y.id));
    expect(await list(b)).toEqual(await list(a));
  });
});
