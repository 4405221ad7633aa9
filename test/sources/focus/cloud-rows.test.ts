import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../../src/domain/record.ts';
import { importFile } from '../../../src/present/cli/commands/import.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/focus');
const SAMPLE = join(FIXTURES, 'finops-sample-1.0-excerpt.csv');
const CLOUDS = join(FIXTURES, 'clouds-credits-1.0.csv');

async function imported(t: TestApp, file: string): Promise<UsageRecord[]> {
  const summary = await importFile(file, { ctx: t.ctx }, { format: 'focus', progress: false });
  expect(summary.rejected).toEqual([]);
  return (await t.ctx.usage.listUsage({ org: t.ctx.config.org, limit: 100 })).records;
}

const at = (r: UsageRecord) => [r.timestamp.toISOString(), r.endTimestamp?.toISOString() ?? null];

describe('FOCUS rows as the clouds write them', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  it('reads NULL cells as empty, zoneless date-times as UTC, and keeps negative usage negative', async () => {
    const t = await startTestApp();
    apps.push(t);
    const records = await imported(t, SAMPLE);
    expect(records).toHaveLength(9);
    const disk = records.find((r) => r.model === 'Premium SSD Managed Disks - P6 LRS - US East 2');
    expect(disk).toMatchObject({
      provider: 'azure-openai',
      service: 'azure-machine-learning',
      project: 'Orion Pioneer',
      costMicros: -12_890,
      costKind: 'billed',
      currency: 'USD',
      inputTokens: 0,
      tags: { ComputeType: 'Compute Instance', CostAllocationTest: 'Sameer', chargeCategory: 'Usage' },
    });
    // `2024-09-19 00:00:00` in the file: FOCUS date-times are UTC.
    expect(disk && at(disk)).toEqual(['2024-09-19T00:00:00.000Z', '2024-09-20T00:00:00.000Z']);
    const ip = records.filter((r) => r.model.startsWith('IP Addresses'));
    expect(ip.map((r) => [r.costMicros, r.tags.chargeCategory])).toEqual([
      [5_000, undefined],
      [5_000, undefined],
    ]);
    expect(records.every((r) => r.tags.chargeClass === undefined)).toBe(true);
  });

  it('keeps credits, adjustments and corrections as negative billed records tagged as such', async () => {
    const t = await startTestApp();
    apps.push(t);
    const records = await imported(t, CLOUDS);
    const byCost = Object.fromEntries(records.map((r) => [r.costMicros, r]));
    expect(byCost[-750_000]).toMatchObject({
      provider: 'google',
      service: 'vertex-ai',
      costKind: 'billed',
      tags: { chargeCategory: 'Credit' },
    });
    expect(byCost[-105_000]).toMatchObject({ provider: 'bedrock', tags: { chargeCategory: 'Adjustment' } });
    // A correction reversing 200k tokens: a count is never negative, so the tokens ride along as a tag.
    expect(byCost[-250_000]).toMatchObject({
      inputTokens: 0,
      tags: {
        chargeCategory: 'Usage',
        chargeClass: 'Correction',
        consumedQuantity: '-200000',
        consumedUnit: 'Tokens',
      },
    });
    expect(byCost[-250_000] && at(byCost[-250_000])).toEqual([
      '2024-09-20T00:00:00.000Z',
      '2024-09-21T00:00:00.000Z',
    ]);
    // `+02:00` and `Z` forms are instants already.
    expect(byCost[2_500_000] && at(byCost[2_500_000])).toEqual([
      '2024-09-19T00:00:00.000Z',
      '2024-09-20T00:00:00.000Z',
    ]);
    expect(byCost[2_500_000]).toMatchObject({ outputTokens: 500_000, tags: { team: 'search', env: 'prod' } });
    expect(byCost[1_050_000]).toMatchObject({
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      inputTokens: 350_000,
    });
    expect(byCost[12_346]).toMatchObject({ provider: 'oracle', model: 'B108077' });
  });

  it('exports credits and corrections with their charge category and reads them back unchanged', async () => {
    const a = await startTestApp();
    const b = await startTestApp();
    apps.push(a, b);
    const original = await imported(a, CLOUDS);
    const response = await a.app.inject({
      url: '/api/v1/export/focus?from=2024-09-01&to=2024-10-01',
      headers: a.auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(',Credit,,');
    expect(response.body).toContain(',Usage,Correction,');
    const file = join(b.dataDir, 'export.csv');
    writeFileSync(file, response.body);
    const copied = await imported(b, file);
    const strip = (rs: UsageRecord[]) =>
      rs.map(({ org: _org, ...r }) => r).sort((x, y) => x.id.localeCompare(y.id));
    expect(strip(copied)).toEqual(strip(original));
  });

  it('keeps a line the bill repeats word for word, once per occurrence', async () => {
    const t = await startTestApp();
    apps.push(t);
    const [header, first] = readFileSync(CLOUDS, 'utf8').split('\r\n');
    const file = join(t.dataDir, 'twice.csv');
    writeFileSync(file, `${header}\r\n${first}\r\n${first}\r\n`);
    const once = await importFile(file, { ctx: t.ctx }, { format: 'focus', progress: false });
    expect(once).toMatchObject({ read: 2, accepted: 2, duplicates: 0 });
    const again = await importFile(file, { ctx: t.ctx }, { format: 'focus', progress: false });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
  });
});
