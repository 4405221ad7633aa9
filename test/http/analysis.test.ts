import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { DAY_MS, HOUR_MS } from '../../src/lib/time.ts';
import { DEMO_EVENTS } from '../../src/sources/demo/index.ts';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';

// Friday 2026-11-20, 15:30 UTC. The ledger: 75 days of a team's spend with a working-week rhythm, a spike
// on Saturday 2026-11-14 (user cy on gpt-5 for project search), and today a job running away since 14:00.
const NOW = new Date('2026-11-20T15:30:00Z');
const FIRST_DAY = Date.parse('2026-09-06T00:00:00Z');

interface Rec {
  id: string;
  timestamp: string;
  provider: string;
  model: string;
  user: string;
  project: string;
  cost: string;
  inputTokens: number;
  outputTokens: number;
}

function ledger(): Rec[] {
  const out: Rec[] = [];
  const add = (at: number, user: string, project: string, model: string, cost: number) =>
    out.push({
      id: `r${out.length}`,
      timestamp: new Date(at).toISOString(),
      provider: model.startsWith('claude') ? 'anthropic' : 'openai',
      model,
      user,
      project,
      cost: cost.toFixed(2),
      inputTokens: 1000,
      outputTokens: 100,
    });
  for (let day = FIRST_DAY; day < NOW.getTime(); day += DAY_MS) {
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    for (let h = weekend ? 10 : 9; h < (weekend ? 15 : 18); h++) {
      const at = day + h * HOUR_MS + 15 * 60_000;
      if (at >= NOW.getTime()) break;
      const wobble = 1 + 0.03 * ((((day / DAY_MS) * 7 + h) % 5) - 2);
      add(at, 'ana', 'search', 'gpt-4o', 6 * wobble);
      if (!weekend) add(at + 60_000, 'bo', 'ranker', 'claude-sonnet-4', 5 * wobble);
    }
  }
  const spike = Date.parse('2026-11-14T11:00:00Z');
  for (let k = 0; k < 10; k++) add(spike + k * 30 * 60_000, 'cy', 'search', 'gpt-5', 30);
  const runaway = Date.parse('2026-11-20T14:00:00Z');
  for (let k = 0; k < 9; k++) add(runaway + k * 10 * 60_000, 'bot', 'indexer', 'gpt-5', 8);
  return out;
}

const records = ledger();
const spentBefore = (iso: string) =>
  records
    .filter((r) => r.timestamp < iso && r.timestamp >= '2026-11-01')
    .reduce((s, r) => s + Number(r.cost), 0);

const engines = await testEngines('the analysis API on PostgreSQL');

describe.each(engines)('anomalies, forecast and bands on %s', (engine) => {
  let t: TestApp;
  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
    return { status: res.statusCode, body: res.json() };
  };
  const post = async (url: string, payload?: unknown) => {
    const res = await t.app.inject({ method: 'POST', url, headers: t.auth, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    const res = await post('/api/v1/usage', records);
    expect(res.body).toMatchObject({ accepted: records.length, rejected: [] });
  });
  afterAll(() => t.close());

  it('finds the Saturday spike with the model, user and project behind it, and leaves the weekly rhythm alone', async () => {
    const { status, body } = await get('/api/v1/anomalies?kind=daily&from=2026-10-20');
    expect(status).toBe(200);
    const org = body.filter((a: { scope: { dimension: string } }) => a.scope.dimension === 'org');
    expect(org).toHaveLength(1);
    expect(org[0]).toMatchObject({
      kind: 'daily',
      scope: { dimension: 'org', value: null },
      periodStart: '2026-11-14T00:00:00.000Z',
      periodEnd: '2026-11-15T00:00:00.000Z',
      currency: 'USD',
      actual: '330.000000',
      status: 'open',
      sustained: false,
    });
    expect(Number(org[0].expected)).toBeGreaterThan(25);
    expect(Number(org[0].expected)).toBeLessThan(35);
    expect(Number(org[0].upper)).toBeLessThan(100);
    expect(['high', 'critical']).toContain(org[0].severity);
    const drivers = org[0].drivers.map(
      (d: { dimension: string; value: string }) => `${d.dimension}=${d.value}`,
    );
    expect(drivers).toEqual(expect.arrayContaining(['model=gpt-5', 'user=cy']));
    expect(org[0].drivers[0].delta).toMatch(/^\d+\.\d{6}$/);
    expect(org[0].description).toMatch(/^The org spent \$330\.00 on Saturday 2026-11-14, against \$/);
    // cy and gpt-5 are new that day, so still learning: the spike shows in the scopes they fall in
    const scopes = body.map(
      (a: { scope: { dimension: string; value: string } }) => `${a.scope.dimension}=${a.scope.value}`,
    );
    expect(scopes).toEqual(expect.arrayContaining(['project=search', 'provider=openai']));
    expect(scopes).not.toContain('user=cy');
    expect(body.every((a: { periodStart: string }) => a.periodStart.startsWith('2026-11-14'))).toBe(true);
  });

  it('flags the job running away today, within the hour', async () => {
    const { body } = await get('/api/v1/anomalies?kind=intraday');
    const org = body.find((a: { scope: { dimension: string } }) => a.scope.dimension === 'org');
    expect(org).toMatchObject({
      kind: 'intraday',
      scope: { dimension: 'org', value: null },
      periodStart: '2026-11-20T00:00:00.000Z',
      periodEnd: NOW.toISOString(),
    });
    expect(Number(org.actual)).toBeCloseTo(spentBefore(NOW.toISOString()) - spentBefore('2026-11-20'), 4);
    expect(org.description).toMatch(/^By 15:30, the org has spent \$\d+\.\d\d today against/);
    expect(org.drivers.map((d: { value: string }) => d.value)).toEqual(
      expect.arrayContaining(['bot', 'indexer']),
    );
  });

  it('acknowledges, mutes and reopens an anomaly, and audits who did it', async () => {
    const [first] = (await get('/api/v1/anomalies?dimension=org&kind=daily')).body;
    const acked = await post(`/api/v1/anomalies/${first.id}/acknowledge`);
    expect(acked).toMatchObject({ status: 200, body: { id: first.id, status: 'acknowledged' } });
    const open = (await get('/api/v1/anomalies?status=open&dimension=org&kind=daily')).body;
    expect(open.map((a: { id: string }) => a.id)).not.toContain(first.id);
    const muted = await post(`/api/v1/anomalies/${first.id}/mute`, { days: 3 });
    expect(muted.body).toMatchObject({ status: 'muted', mutedUntil: '2026-11-23T15:30:00.000Z' });
    const reopened = await post(`/api/v1/anomalies/${first.id}/reopen`);
    expect(reopened.body).toMatchObject({ status: 'open', mutedUntil: null });
    const audit = await t.ctx.audit.listAudit(t.ctx.config.org, 10);
    const ours = audit.filter((a) => a.action.startsWith('anomaly.'));
    expect(ours.map((a) => a.action).sort()).toEqual([
      'anomaly.acknowledged',
      'anomaly.muted',
      'anomaly.open',
    ]);
    expect(ours.every((a) => a.actor.startsWith('token:admin') && a.detail.id === first.id)).toBe(true);
    expect((await post('/api/v1/anomalies/an_nope/acknowledge')).status).toBe(404);
  });

  it('rejects bad listing parameters, naming them', async () => {
    const bad = await get('/api/v1/anomalies?status=snoozed&severity=huge&colour=red');
    expect(bad.status).toBe(400);
    const paths = bad.body.error.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['severity', 'colour']));
    expect((await get('/api/v1/anomalies?status=snoozed')).body.error.errors[0].path).toBe('status');
    expect((await post('/api/v1/anomalies/x/mute', { until: '2020-01-01T00:00:00Z' })).status).toBe(400);
  });

  it('forecasts the month with P10–P90, an overrun date and a backtest on past months', async () => {
    const { status, body } = await get('/api/v1/forecast?budget=1000');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      currency: 'USD',
      month: '2026-11',
      method: 'rhythm',
      budget: '1000.000000',
    });
    expect(Number(body.actualToDate)).toBeCloseTo(spentBefore(NOW.toISOString()), 4);
    const { p10, p50, p90 } = body.projected;
    expect(Number(p10)).toBeLessThan(Number(p50));
    expect(Number(p50)).toBeLessThan(Number(p90));
    // the rest of November: Friday's last hours, six working days at ~$99, four weekend days at ~$30
    expect(Number(p50)).toBeGreaterThan(Number(body.actualToDate) + 650);
    expect(Number(p50)).toBeLessThan(Number(body.actualToDate) + 850);
    const november = Array.from({ length: 19 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const crossed = november.find((d) => spentBefore(`${d}T24`) >= 1000);
    expect(crossed).toBeDefined();
    expect(body.projectedOverrunDate).toBe(crossed);
    // October is the one whole month before November in the ledger
    expect(body.backtest).toMatchObject({ months: 1, byMonth: [{ month: '2026-10' }] });
    expect(body.backtest.mape).toBeLessThan(5);
    expect(body.days).toHaveLength(30);
    expect(body.days[29]).toMatchObject({ day: '2026-11-30', actual: null });
    const far = await get('/api/v1/forecast?budget=100000&project=ranker');
    expect(far.body.projectedOverrunDate).toBeNull();
    expect(Number(far.body.projected.p50)).toBeLessThan(Number(p50));
    expect((await get('/api/v1/forecast?budget=-5')).body.error.errors[0].path).toBe('budget');
  });

  it("lists the period's anomalies in the summary", async () => {
    const week = (await get('/api/v1/summary?from=2026-11-13&to=2026-11-16')).body;
    expect(week.anomalies.map((a: { periodStart: string }) => a.periodStart.slice(0, 10))).toContain(
      '2026-11-14',
    );
    const quiet = (await get('/api/v1/summary?from=2026-10-01&to=2026-10-08')).body;
    expect(quiet.anomalies).toEqual([]);
    const search = (await get('/api/v1/summary?from=2026-11-13&to=2026-11-16&project=search')).body;
    expect(search.anomalies.map((a: { scope: { dimension: string } }) => a.scope.dimension)).toEqual([
      'project',
    ]);
  });

  it("draws a scope's actual spend against its expected band", async () => {
    const { body } = await get('/api/v1/baseline?dimension=user&value=ana&from=2026-11-09&to=2026-11-16');
    expect(body.scope).toEqual({ dimension: 'user', value: 'ana' });
    expect(body.days).toHaveLength(7);
    expect(body.days[0]).toMatchObject({ day: '2026-11-09', anomalous: false });
    expect(Number(body.days[0].lower)).toBeLessThan(Number(body.days[0].actual));
    expect(Number(body.days[0].upper)).toBeGreaterThan(Number(body.days[0].actual));
    const org = (await get('/api/v1/baseline?from=2026-11-14&to=2026-11-15')).body;
    expect(org.days).toMatchObject([{ day: '2026-11-14', actual: '330.000000', anomalous: true }]);
  });

  it('answers a band asked for in the future with no days, not an error', async () => {
    for (const url of ['/api/v1/baseline?to=9999-12-31', '/api/v1/baseline?from=2030-01-01&to=2030-01-08']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.body.days).toEqual([]);
    }
  });

  it('requires a token on every analysis route', async () => {
    for (const url of ['/api/v1/anomalies', '/api/v1/forecast', '/api/v1/baseline']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });
});

describe('on the demo data', () => {
  let t: TestApp;
  // A Wednesday mid-morning, with the gemini burst 6 days and the opus notebook 25 days before. The
  // clock can be turned back to replay a day as it happened.
  const now = new Date('2026-03-18T10:30:00Z');
  let clock = now;
  const daysAgo = (n: number) => new Date(Date.UTC(2026, 2, 18) - n * DAY_MS).toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await startTestApp({}, () => clock);
    await loadDemo(t.ctx);
  });
  afterAll(() => t.close());

  it('finds the opus spike and the gemini burst with their drivers, and not the weekly rhythm', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/anomalies?kind=daily&limit=1000',
      headers: t.auth,
    });
    const found = res.json() as {
      scope: { dimension: string; value: string | null };
      periodStart: string;
      drivers: { value: string }[];
    }[];
    const on = (day: string, dimension: string, value: string | null) =>
      found.find(
        (a) => a.periodStart.startsWith(day) && a.scope.dimension === dimension && a.scope.value === value,
      );
    const { opusSpike, geminiBurst } = DEMO_EVENTS;
    const opus = on(daysAgo(opusSpike.daysAgo), 'user', opusSpike.user);
    expect(opus?.drivers.map((d) => d.value)).toEqual(
      expect.arrayContaining([opusSpike.model, opusSpike.project]),
    );
    expect(on(daysAgo(opusSpike.daysAgo), 'org', null)?.drivers[0]?.value).toBe(opusSpike.model);
    const gemini = on(daysAgo(geminiBurst.daysAgo), 'user', geminiBurst.user);
    expect(gemini?.drivers.map((d) => d.value)).toEqual(
      expect.arrayContaining([geminiBurst.model, geminiBurst.context]),
    );
    expect(on(daysAgo(geminiBurst.daysAgo), 'org', null)?.drivers[0]?.value).toBe(geminiBurst.model);
    // The org's working days are never flagged but for the burst: the weekly rhythm is expected.
    const orgWeekdays = found
      .filter((a) => a.scope.dimension === 'org')
      .map((a) => a.periodStart.slice(0, 10))
      .filter((d) => ![0, 6].includes(new Date(d).getUTCDay()));
    expect(orgWeekdays).toEqual([daysAgo(geminiBurst.daysAgo)]);
  });

  it('catches the gemini burst intraday, twenty minutes in', async () => {
    const { geminiBurst } = DEMO_EVENTS;
    const burstDay = Date.UTC(2026, 2, 18) - geminiBurst.daysAgo * DAY_MS;
    clock = new Date(burstDay + geminiBurst.fromHourUtc * HOUR_MS + 20 * 60_000);
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/anomalies?kind=intraday',
        headers: t.auth,
      });
      const user = res.json().find((a: { scope: { value: string } }) => a.scope.value === geminiBurst.user);
      expect(user).toMatchObject({ kind: 'intraday', periodEnd: clock.toISOString() });
      expect(user.drivers.map((d: { value: string }) => d.value)).toContain(geminiBurst.model);
    } finally {
      clock = now;
    }
  });
});
