import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/present/cli/commands/import.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { quietLedger, runawayDay } from '../helpers/runaway.ts';

/** An import is examined for anomalies as it lands, with nobody reading them. */
describe('spendlens import: detection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, () => new Date('2026-11-21T09:00:00Z'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const jsonl = (records: ReturnType<typeof quietLedger>, prefix = '') =>
    records.map((r) =>
      JSON.stringify({
        id: `${prefix}${r.id}`,
        timestamp: r.timestamp.toISOString(),
        provider: r.provider,
        model: r.model,
        user: r.user,
        team: r.team,
        project: r.project,
        cost: (r.costMicros ?? 0) / 1e6,
        costKind: 'billed',
      }),
    );

  it('stores the anomalies of one runaway job in the imported days', async () => {
    const org = t.ctx.config.org;
    const day = new Date('2026-11-20T00:00:00Z');
    const lines = jsonl([...quietLedger(org, day), ...runawayDay(org, day)]);
    const file = join(t.dataDir, 'usage.jsonl');
    writeFileSync(file, lines.join('\n'));
    const summary = await importFile(file, { ctx: t.ctx }, { progress: false });
    expect(summary.accepted).toBe(lines.length);
    const stored = await t.ctx.anomalies.listAnomalies({ org, from: day, limit: 100 });
    expect(stored.map((a) => a.scopeDimension)).toEqual(expect.arrayContaining(['user', 'team', 'model']));
  });

  it('examines an import of months-old data from its first day, in a ledger examined before', async () => {
    const org = t.ctx.config.org;
    const day = new Date('2026-08-20T00:00:00Z');
    const lines = jsonl([...quietLedger(org, day), ...runawayDay(org, day)], 'august-');
    const file = join(t.dataDir, 'august.jsonl');
    writeFileSync(file, lines.join('\n'));
    const summary = await importFile(file, { ctx: t.ctx }, { progress: false });
    expect(summary.accepted).toBe(lines.length);
    const stored = await t.ctx.anomalies.listAnomalies({
      org,
      from: day,
      to: new Date('2026-08-21T00:00:00Z'),
      limit: 100,
    });
    const user = stored.find((a) => a.scopeDimension === 'user');
    expect(user?.scopeValue).toBe('dev');
    // an old spike is listed, never sent
    expect(user?.historical).toBe(true);
  });
});
