import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { startJobs } from '../../src/app/jobs.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { quietLedger, runawayDay } from '../helpers/runaway.ts';

/**
 * The unattended path: a quiet 60-day ledger, then one runaway job (user dev on gpt-4o in project ranker,
 * 20× a usual day) lands. Nobody calls GET; the next evaluation tick detects, correlates the six scopes
 * it shows in into one incident, and the webhook hears about it exactly once.
 */
describe.each(await testEngines('the incidents end to end test'))('incidents end to end (%s)', (engine) => {
  let t: TestApp;
  let hook: Receiver;
  let now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    hook = await startReceiver();
    const dir = join(tmpdir(), `spendlens-incidents-${process.pid}-${engine}`);
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'spendlens.toml');
    writeFileSync(
      config,
      `
[alerts]
min_severity = "low"

[[channels]]
id = "ops"
kind = "webhook"
url_env = "OPS_HOOK_URL"
events = ["anomaly_detected", "intraday_spike"]
min_severity = "low"
`,
    );
    t = await startTestApp(
      { SPENDLENS_CONFIG: config, OPS_HOOK_URL: `${hook.url}/hooks/ops` },
      () => now,
      engine,
    );
    setAlertDeps(t.ctx, { sleep: async () => undefined, log: () => undefined });
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  /** One evaluation tick of the scheduler, as it fires on the leader. */
  const tick = async () => {
    const scheduler = await startJobs(t.ctx, () => undefined);
    await scheduler.caughtUp;
    await scheduler.runNow('alerts:evaluate');
    await scheduler.stop();
  };

  it('is quiet on a quiet ledger', async () => {
    const quiet = quietLedger(t.ctx.config.org, new Date('2026-11-20T00:00:00Z'));
    await t.ctx.usage.insertUsage(quiet);
    await tick();
    expect(hook.received).toHaveLength(0);
  });

  it('raises one incident and exactly one webhook alert for one runaway job, within one tick', async () => {
    now = new Date('2026-11-21T09:00:00Z');
    const landed = runawayDay(t.ctx.config.org, new Date('2026-11-20T00:00:00Z'));
    await t.ctx.usage.insertUsage(landed);
    await tick();

    expect(hook.received).toHaveLength(1);
    const body = JSON.parse(hook.received[0]!.body);
    expect(body.event).toBe('anomaly_detected');
    expect(body.data.incident.rootCauseText).toBe('user dev on gpt-4o in project ranker');
    expect(body.data.incident.anomalyIds.length).toBeGreaterThan(1);
    expect(body.data.anomalyId).toBeTypeOf('string');

    now = new Date('2026-11-21T09:05:00Z');
    await tick();
    expect(hook.received).toHaveLength(1);

    const res = await t.app.inject({
      url: '/api/v1/incidents?from=2026-11-20&to=2026-11-21',
      headers: t.auth,
    });
    expect(res.statusCode).toBe(200);
    const incidents = res.json();
    expect(incidents).toHaveLength(1);
    expect(incidents[0].id).toBe(body.data.incident.id);
    expect(incidents[0].anomalies.map((a: { id: string }) => a.id).sort()).toEqual(
      [...body.data.incident.anomalyIds].sort(),
    );
  });
});
