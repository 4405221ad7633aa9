import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { startJobs } from '../../src/app/jobs.ts';
import type { UsageRecord } from '../../src/domain/record.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';
import { makeRecord } from '../helpers/records.ts';

const DAY = 86_400_000;
/** Who spends in the quiet ledger: user, team, project, model, and dollars a day. */
type Person = [user: string, team: string, project: string, model: string, dollars: number];
const PEOPLE: Person[] = [
  ['ana', 'platform', 'search', 'gpt-4o', 3],
  ['bob', 'platform', 'search', 'claude-sonnet-4', 2],
  ['cy', 'ml', 'ranker', 'gpt-4o-mini', 1.5],
  ['dev', 'ml', 'ranker', 'gpt-4o', 2.5],
];

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

  const record = (id: string, day: Date, [user, team, project, model, dollars]: Person) =>
    makeRecord({
      org: t.ctx.config.org,
      id,
      user,
      team,
      project,
      model,
      timestamp: new Date(day.getTime() + 10 * 3_600_000),
      costMicros: Math.round(dollars * 1_000_000),
      costKind: 'billed',
    });
  /** One evaluation tick of the scheduler, as it fires on the leader. */
  const tick = async () => {
    const scheduler = await startJobs(t.ctx, () => undefined);
    await scheduler.caughtUp;
    await scheduler.runNow('alerts:evaluate');
    await scheduler.stop();
  };

  it('is quiet on a quiet ledger', async () => {
    const quiet: UsageRecord[] = [];
    for (let d = 60; d >= 1; d--) {
      const day = new Date(Date.parse('2026-11-20T00:00:00Z') - d * DAY);
      // why: a small weekly wobble, so baselines have some spread without any spike.
      const wobble = 1 + (0.05 * ((d % 7) - 3)) / 3;
      PEOPLE.forEach((p, i) => {
        quiet.push(record(`q-${d}-${i}`, day, [p[0], p[1], p[2], p[3], p[4] * wobble]));
      });
    }
    await t.ctx.store.insertUsage(quiet);
    await tick();
    expect(hook.received).toHaveLength(0);
  });

  it('raises one incident and exactly one webhook alert for one runaway job, within one tick', async () => {
    now = new Date('2026-11-21T09:00:00Z');
    const yesterday = new Date('2026-11-20T00:00:00Z');
    const runaway = PEOPLE[3]!;
    const landed: UsageRecord[] = PEOPLE.map((p, i) => record(`y-${i}`, yesterday, p));
    for (let n = 0; n < 20; n++) landed.push(record(`run-${n}`, yesterday, runaway));
    await t.ctx.store.insertUsage(landed);
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
