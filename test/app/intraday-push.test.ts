import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { startJobs } from '../../src/app/jobs.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { type Receiver, startReceiver } from '../helpers/receiver.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const TODAY = Date.parse('2026-11-21T00:00:00Z');
/** The team's usual day: ana's calls every 10 minutes from 08:00 to 18:00, about $1,000 in all. */
const USUAL_DAY = 1000;
/** The runaway job: dev's calls of $2 a minute from 13:00, 12% of a usual day an hour. */
const JOB_PER_MINUTE = 2;
const JOB_START = TODAY + 13 * 60 * MINUTE;

/** A call as a gateway or app posts it to POST /api/v1/usage: one record, no end (per-call data). */
const call = (id: string, at: number, user: string, model: string, dollars: number) => ({
  id,
  timestamp: new Date(at).toISOString(),
  provider: 'openai',
  model,
  user,
  team: user === 'ana' ? 'search' : 'ml',
  project: 'ranker',
  cost: dollars.toFixed(6),
  costKind: 'billed',
});

/** Ana's usual calls on the day starting at `day` from `from` (inclusive) to `to` (exclusive), with a fixed wobble. */
function usualCalls(day: number, from = day, to = day + DAY) {
  const out = [];
  for (let k = 0; k < 60; k++) {
    const at = day + 8 * 3_600_000 + k * 10 * MINUTE;
    if (at < from || at >= to) continue;
    const wobble = 1 + 0.2 * Math.sin(k * 1.7 + day / DAY);
    out.push(call(`ana-${at}`, at, 'ana', 'gpt-4o-mini', (USUAL_DAY / 60) * wobble));
  }
  return out;
}

/**
 * Per-minute detection where it runs: a runaway job posted call by call through the API is flagged at
 * a tick of the alert evaluation (every 5 minutes) or of the detection job (every minute), nobody
 * reading, with under 10% of a usual day's budget spent by it, and alerted once.
 */
const SCHEDULES = [
  { job: 'alerts:evaluate', minutes: 5 },
  { job: 'anomalies:detect', minutes: 1 },
];
const VARIANTS = (await testEngines('the per-call intraday test')).flatMap((engine) =>
  SCHEDULES.map((schedule) => ({ engine, ...schedule })),
);

describe.each(VARIANTS)(
  'per-call intraday detection ($engine, $job every $minutes min)',
  ({ engine, job: tickJob, minutes: step }) => {
    let t: TestApp;
    let hook: Receiver;
    let now = new Date(TODAY + 12 * 3_600_000);

    beforeAll(async () => {
      hook = await startReceiver();
      const dir = join(tmpdir(), `spendlens-intraday-${process.pid}-${engine}-${step}`);
      mkdirSync(dir, { recursive: true });
      const config = join(dir, 'spendlens.toml');
      writeFileSync(
        config,
        `
[alerts]
min_severity = "low"
${tickJob === 'anomalies:detect' ? '# only the detection job flags: the evaluation never falls due here\nevaluate = "0 0 1 1 *"' : ''}

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
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await hook?.close();
    });

    const post = async (records: object[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/usage',
        headers: t.auth,
        payload: records,
      });
      expect(res.statusCode).toBeLessThan(300);
      expect(res.json().rejected).toEqual([]);
    };
    const tick = async () => {
      const scheduler = await startJobs(t.ctx, () => undefined);
      await scheduler.caughtUp;
      await scheduler.runNow(tickJob);
      await scheduler.stop();
    };

    it('is quiet on 60 usual days and a usual morning', async () => {
      const history = [];
      for (let d = 60; d >= 1; d--) history.push(...usualCalls(TODAY - d * DAY));
      await post(history);
      await post(usualCalls(TODAY, TODAY, now.getTime()));
      await tick();
      expect(hook.received).toHaveLength(0);
    }, 120_000);

    it('flags a runaway job posted call by call at a tick, under 10% of the day spent, alerted once', async () => {
      let flaggedAt: number | null = null;
      let posted = now.getTime();
      for (let at = JOB_START + step * MINUTE; at <= JOB_START + 60 * MINUTE; at += step * MINUTE) {
        const job = [];
        for (let m = Math.max(JOB_START, posted); m < at; m += MINUTE) {
          job.push(call(`dev-${m}`, m + 30_000, 'dev', 'gpt-4o', JOB_PER_MINUTE));
        }
        await post([...usualCalls(TODAY, posted, at), ...job]);
        posted = at;
        now = new Date(at);
        await tick();
        if (hook.received.length > 0) {
          flaggedAt = at;
          break;
        }
      }
      expect(flaggedAt).not.toBeNull();
      const spentByJob = ((flaggedAt! - JOB_START) / MINUTE) * JOB_PER_MINUTE;
      expect(spentByJob / USUAL_DAY).toBeLessThan(0.1);
      const body = JSON.parse(hook.received[0]!.body);
      expect(body.event).toBe('intraday_spike');

      for (let k = 1; k <= 2; k++) {
        const at = flaggedAt! + k * step * MINUTE;
        const job = [];
        for (let m = posted; m < at; m += MINUTE) job.push(call(`dev-${m}`, m + 30_000, 'dev', 'gpt-4o', 2));
        await post(job);
        posted = at;
        now = new Date(at);
        await tick();
      }
      expect(hook.received).toHaveLength(1);
      const res = await t.app.inject({
        url: '/api/v1/incidents?from=2026-11-21&to=2026-11-22',
        headers: t.auth,
      });
      const incidents = res.json();
      expect(incidents).toHaveLength(1);
      expect(incidents[0].kind).toBe('intraday');
    }, 300_000);
  },
);
