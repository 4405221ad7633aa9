import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestUsage } from '../../../src/app/ingest.ts';
import { querySpend } from '../../../src/app/spend.ts';
import { formatMicros } from '../../../src/domain/money.ts';
import { INVOICE_SERVICE } from '../../../src/domain/record.ts';
import { importFile } from '../../../src/present/cli/commands/import.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/focus/anthropic-openai-2025-08.csv');

async function totals(t: TestApp, from: string, to: string, service?: string) {
  const result = await querySpend(t.ctx, {
    org: t.ctx.config.org,
    from: new Date(from),
    to: new Date(to),
    groupBy: ['provider', 'service', 'costKind'],
    ...(service ? { dimensions: { service: [service] } } : {}),
  });
  return {
    rows: result.rows.map((r) => ({ ...r.dims, cost: formatMicros(r.costMicros) })),
    total: formatMicros(result.totals.costMicros),
    tokens: [result.totals.inputTokens, result.totals.outputTokens, result.totals.cacheReadTokens].map(
      Number,
    ),
    requests: Number(result.totals.requests),
  };
}

describe('FOCUS import and export', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  it('imports AI rows with exact billed costs, skips other categories and names the malformed line', async () => {
    const t = await startTestApp();
    apps.push(t);
    const summary = await importFile(FIXTURE, { ctx: t.ctx }, { format: 'focus', progress: false });
    expect(summary).toMatchObject({ read: 5, accepted: 3, duplicates: 0, skipped: 1 });
    expect(summary.rejected).toEqual([
      { line: 6, errors: [{ path: '(line)', message: 'BilledCost "abc" is not a decimal number' }] },
    ]);
    const spend = await totals(t, '2025-08-01T00:00:00Z', '2025-08-04T00:00:00Z');
    expect(spend.rows).toEqual([
      { provider: 'openai', service: 'openai-api', costKind: 'billed', cost: '12.345678' },
      { provider: 'anthropic', service: 'claude-api', costKind: 'billed', cost: '3.450000' },
    ]);
    expect(spend.tokens).toEqual([1_000_000 + 4_938_000, 30_000, 0]);
    const page = await t.ctx.usage.listUsage({ org: t.ctx.config.org, limit: 10 });
    const sonnet = page.records.find((r) => r.outputTokens === 30_000);
    expect(sonnet).toMatchObject({
      model: 'claude-sonnet-4-20250514',
      project: 'support-bot',
      tags: { team: 'support' },
      currency: 'USD',
    });
    const again = await importFile(FIXTURE, { ctx: t.ctx }, { format: 'focus', progress: false });
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
  });

  it('round-trips the ledger: export, import into a fresh store, same totals', async () => {
    const a = await startTestApp();
    const b = await startTestApp();
    apps.push(a, b);
    const items = [
      {
        timestamp: '2026-11-02T10:00:00Z',
        provider: 'openai',
        model: 'gpt-4o',
        user: 'ana',
        project: 'search',
        inputTokens: 120_000,
        outputTokens: 8_000,
        cacheReadTokens: 40_000,
      },
      {
        timestamp: '2026-11-02T11:00:00Z',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        team: 'research',
        context: 'notebook "churn, v2"\nsecond line',
        tags: { env: 'prod', note: 'a,b' },
        inputTokens: 5_000,
        outputTokens: 700,
      },
      {
        timestamp: '2026-11-03T00:00:00Z',
        endTimestamp: '2026-11-04T00:00:00Z',
        provider: 'openai',
        service: INVOICE_SERVICE,
        model: 'gpt-4o-2024-08-06, input',
        project: 'search',
        requests: 0,
        cost: '1.234567',
        costKind: 'billed',
      },
      { timestamp: '2026-11-03T09:00:00Z', provider: 'mistral', model: 'house-model-x', inputTokens: 10 },
      {
        timestamp: '2026-11-03T09:30:00Z',
        provider: 'openai',
        model: 'gpt-4o',
        cost: '0.02',
        currency: 'EUR',
        costKind: 'billed',
      },
    ];
    const ingested = await ingestUsage(a.ctx, { org: a.ctx.config.org, source: 'test', items });
    expect(ingested).toMatchObject({ accepted: 5, rejected: [] });
    const response = await a.app.inject({
      url: '/api/v1/export/focus?from=2026-11-01&to=2026-11-05',
      headers: a.auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    const csv = response.body;
    expect(csv.split('\r\n')[0]).toMatch(/^BilledCost,EffectiveCost,ListCost,/);
    expect(csv).toContain('AI and Machine Learning');
    const file = join(b.dataDir, 'export.csv');
    writeFileSync(file, csv);
    const summary = await importFile(file, { ctx: b.ctx }, { format: 'focus', progress: false });
    expect(summary).toMatchObject({ read: 5, accepted: 5, rejected: [] });
    for (const service of [undefined, INVOICE_SERVICE]) {
      const before = await totals(a, '2026-11-01T00:00:00Z', '2026-11-05T00:00:00Z', service);
      const after = await totals(b, '2026-11-01T00:00:00Z', '2026-11-05T00:00:00Z', service);
      expect(after).toEqual(before);
    }
    const original = (await a.ctx.usage.listUsage({ org: a.ctx.config.org, limit: 10 })).records;
    const copied = (await b.ctx.usage.listUsage({ org: b.ctx.config.org, limit: 10 })).records;
    const strip = (rs: typeof original) =>
      rs.map(({ org: _org, ...r }) => r).sort((x, y) => x.id.localeCompare(y.id));
    expect(strip(copied)).toEqual(strip(original));
  });
});
