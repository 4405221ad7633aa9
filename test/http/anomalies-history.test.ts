import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/act/alerts/event.ts';
import { evaluateAlerts } from '../../src/app/alerts/evaluate.ts';
import { refreshAnomalies } from '../../src/app/analysis/refresh.ts';
import { DAY_MS, HOUR_MS } from '../../src/lib/time.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

// Monday 2026-12-07, 06:00 UTC. A ledger of 120 days imported at once (a backfill): two projects with a
// working-week rhythm, and project alpha spiking on seven days spread over the whole range, from 90 days
// ago to yesterday.
const NOW = new Date('2026-12-07T06:00:00Z');
const TODAY = Date.parse('2026-12-07T00:00:00Z');
const DAYS = 120;
const SPIKES_DAYS_AGO = [90, 76, 61, 45, 30, 4, 1];
const dayAt = (daysAgo: number) => new Date(TODAY - daysAgo * DAY_MS).toISOString();

function ledger() {
  const out: Record<string, unknown>[] = [];
  const add = (at: number, project: string, cost: number) =>
    out.push({
      id: `h${out.length}`,
      timestamp: new Date(at).toISOString(),
      provider: 'openai',
      model: 'gpt-4o',
      user: project === 'alpha' ? 'ana' : 'bo',
      project,
      cost: cost.toFixed(2),
      inputTokens: 1000,
      outputTokens: 100,
    });
  for (let ago = DAYS; ago >= 1; ago--) {
    const day = TODAY - ago * DAY_MS;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const wobble = 1 + 0.04 * (((ago * 7) % 5) - 2);
    add(day + 11 * HOUR_MS, 'alpha', (weekend ? 12 : 40) * wobble);
    add(day + 14 * HOUR_MS, 'beta', (weekend ? 8 : 25) * wobble);
    if (SPIKES_DAYS_AGO.includes(ago)) add(day + 15 * HOUR_MS, 'alpha', 400);
  }
  return out;
}

const engines = await testEngines('anomalies over long ranges on PostgreSQL');

describe.each(engines)('anomalies over the whole history on %s', (engine) => {
  let t: TestApp;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
    expect(res.statusCode).toBe(200);
    return res.json() as { scope: { dimension: string }; periodStart: string; historical: boolean }[];
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    const records = ledger();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/usage',
      headers: t.auth,
      payload: records,
    });
    expect(res.json()).toMatchObject({ accepted: records.length, rejected: [] });
  });
  afterAll(() => t.close());

  it('a backfill examines the history it brought, and alerts only what is news: yesterday, not four days ago', async () => {
    await refreshAnomalies(t.ctx, t.ctx.config.org, { since: new Date(dayAt(DAYS)) });
    const stored = await t.ctx.anomalies.listAnomalies({ org: t.ctx.config.org, limit: 1000 });
    const project = stored.filter((a) => a.scopeDimension === 'project');
    expect(project.map((a) => a.periodStart.toISOString()).sort()).toEqual(SPIKES_DAYS_AGO.map(dayAt).sort());
    for (const a of stored) expect(a.historical).toBe(a.periodStart.toISOString() !== dayAt(1));

    const events = await alertsNowOn(t);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.data?.periodStart === dayAt(1))).toBe(true);
    // the backfilled spike of four days ago, still inside the alert job's look-back, is listed, not sent
    expect(stored.some((a) => a.periodStart.toISOString() === dayAt(4))).toBe(true);
  });

  it('answers any requested range: every spike of the 120 days, past ones marked historical', async () => {
    const body = await get(
      `/api/v1/anomalies?kind=daily&dimension=project&from=${dayAt(DAYS)}&to=${NOW.toISOString()}&limit=1000`,
    );
    expect(body.map((a) => a.periodStart).sort()).toEqual(SPIKES_DAYS_AGO.map(dayAt).sort());
    expect(body.filter((a) => !a.historical).map((a) => a.periodStart)).toEqual([dayAt(1)]);
    for (const from of ['1970-01-01', '2001-01-01']) {
      const all = await get(`/api/v1/anomalies?kind=daily&dimension=project&from=${from}&limit=1000`);
      expect(all.map((a) => a.periodStart).sort()).toEqual(SPIKES_DAYS_AGO.map(dayAt).sort());
    }
    const old = await get(`/api/v1/anomalies?dimension=project&from=${dayAt(100)}&to=${dayAt(50)}`);
    expect(old.map((a) => a.periodStart).sort()).toEqual([90, 76, 61].map(dayAt).sort());
  });

  it('stores historical on the first sighting only: a later upsert of the same anomaly keeps the mark', async () => {
    const org = t.ctx.config.org;
    const [a] = (await t.ctx.anomalies.listAnomalies({ org, limit: 1000 })).filter((x) => x.historical);
    expect(a).toBeDefined();
    await t.ctx.anomalies.upsertAnomalies([{ ...a!, historical: false, actualMicros: a!.actualMicros + 1 }]);
    const [again] = (await t.ctx.anomalies.listAnomalies({ org, limit: 1000 })).filter((x) => x.id === a!.id);
    expect(again).toMatchObject({ historical: true, actualMicros: a!.actualMicros + 1 });
  });

  it('examines an imported history on the first unattended refresh, then only the last weeks', async () => {
    const fresh = await startTestApp({}, () => NOW, engine);
    try {
      const org = fresh.ctx.config.org;
      await refreshAnomalies(fresh.ctx, org); // an empty ledger: its history is still to examine
      const records = ledger();
      await fresh.app.inject({ method: 'POST', url: '/api/v1/usage', headers: fresh.auth, payload: records });
      await refreshAnomalies(fresh.ctx, org);
      const first = await fresh.ctx.anomalies.listAnomalies({ org, limit: 1000 });
      const projects = first.filter((a) => a.scopeDimension === 'project');
      expect(projects.map((a) => a.periodStart.toISOString()).sort()).toEqual(
        SPIKES_DAYS_AGO.map(dayAt).sort(),
      );
      // a later refresh re-examines the last weeks only; what was found stays, and so does its mark
      await fresh.ctx.anomalies.upsertAnomalies(
        first.map((a) => ({ ...a, actualMicros: a.actualMicros + 1 })),
      );
      await refreshAnomalies(fresh.ctx, org);
      const after = await fresh.ctx.anomalies.listAnomalies({ org, limit: 1000 });
      const at61 = after.find(
        (a) => a.scopeDimension === 'project' && a.periodStart.toISOString() === dayAt(61),
      );
      expect(at61).toMatchObject({
        historical: true,
        actualMicros: first.find((a) => a.id === at61?.id)!.actualMicros + 1,
      });
      const res = await fresh.app.inject({
        method: 'GET',
        url: `/api/v1/anomalies?dimension=project&from=${dayAt(70)}&to=${dayAt(55)}`,
        headers: fresh.auth,
      });
      expect(res.json().map((a: { periodStart: string }) => a.periodStart)).toEqual([dayAt(61)]);
      expect(await alertsNowOn(fresh)).toSatisfy((events: AlertEvent[]) =>
        events.every((e) => e.data?.periodStart === dayAt(1)),
      );
    } finally {
      await fresh.close();
    }
  });
});

async function alertsNowOn(t: TestApp): Promise<AlertEvent[]> {
  const events: AlertEvent[] = [];
  await evaluateAlerts(t.ctx, NOW, async (e) => events.push(e));
  return events;
}
