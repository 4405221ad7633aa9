import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { querySpend } from '../../../src/app/spend.ts';
import { formatMicros } from '../../../src/domain/money.ts';
import { INVOICE_SERVICE } from '../../../src/domain/record.ts';
import { importFile } from '../../../src/present/cli/commands/import.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/gcp-billing/export.jsonl');

describe('Cloud Billing export import', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('keeps Gemini API and Vertex AI lines as billed invoice lines, net of credits', async () => {
    t = await startTestApp();
    const summary = await importFile(FIXTURE, { ctx: t.ctx }, { format: 'gcp-billing', progress: false });
    expect(summary).toMatchObject({ read: 3, accepted: 2, skipped: 1, rejected: [] });
    const spend = await querySpend(t.ctx, {
      org: t.ctx.config.org,
      from: new Date('2025-08-01T00:00:00Z'),
      to: new Date('2025-08-02T00:00:00Z'),
      groupBy: ['project', 'model'],
      dimensions: { service: [INVOICE_SERVICE] },
    });
    expect(spend.rows.map((r) => [r.dims.project, r.dims.model, formatMicros(r.costMicros)])).toEqual([
      ['acme-bots', 'Gemini 2.5 Flash output text', '2.000000'],
      ['acme-search', 'Gemini 2.5 Pro input token count', '1.234567'],
    ]);
    const records = (await t.ctx.usage.listUsage({ org: t.ctx.config.org, limit: 10 })).records;
    expect(records).toEqual([]);
    const again = await importFile(FIXTURE, { ctx: t.ctx }, { format: 'gcp-billing', progress: false });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, skipped: 1 });
  });
});
