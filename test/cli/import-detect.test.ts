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

  it('stores the anomalies of one runaway job in the imported days', async () => {
    const org = t.ctx.config.org;
    const day = new Date('2026-11-20T00:00:00Z');
    const lines = [...quietLedger(org, day), ...runawayDay(org, day)].map((r) =>
      JSON.stringify({
        id: r.id,
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
    const file = join(t.dataDir, 'usage.jsonl');
    writeFileSync(file, lines.join('\n'));
    const summary = await importFile(file, { ctx: t.ctx }, { progress: false });
    expect(summary.accepted).toBe(lines.length);
    const stored = await t.ctx.store.listAnomalies({ org, from: day, limit: 100 });
    expect(stored.map((a) => a.scopeDimension)).toEqual(expect.arrayContaining(['user', 'team', 'model']));
  });
});
