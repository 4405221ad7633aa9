import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import { quietLedger, runawayDay } from '../helpers/runaway.ts';

describe.each(await testEngines('the incidents HTTP tests'))('GET /api/v1/incidents (%s)', (engine) => {
  let t: TestApp;
  const now = new Date('2026-11-21T09:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({}, () => now, engine);
    const org = t.ctx.config.org;
    const day = new Date('2026-11-20T00:00:00Z');
    await t.ctx.usage.insertUsage([...quietLedger(org, day), ...runawayDay(org, day)]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (url: string) => {
    const res = await t.app.inject({ url, headers: t.auth });
    return { status: res.statusCode, body: res.json() };
  };
  const post = async (url: string, payload?: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: t.auth, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };

  it('answers one incident for one runaway job, with its root cause, money at stake and members', async () => {
    const { status, body } = await get('/api/v1/incidents?from=2026-11-01&to=2026-11-22');
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    const [incident] = body;
    expect(incident).toMatchObject({
      kind: 'daily',
      status: 'open',
      currency: 'USD',
      rootCause: { description: 'user dev on gpt-4o in project ranker' },
      periodStart: '2026-11-20T00:00:00.000Z',
      periodEnd: '2026-11-21T00:00:00.000Z',
    });
    expect(incident.rootCause.facets.map((f: { dimension: string }) => f.dimension)).toEqual([
      'user',
      'model',
      'project',
    ]);
    expect(Number(incident.excess)).toBeGreaterThan(40);
    const scopes = incident.scopes.map(
      (s: { dimension: string; value: string | null }) => `${s.dimension}:${s.value}`,
    );
    expect(scopes).toEqual(expect.arrayContaining(['user:dev', 'team:ml', 'project:ranker']));
    expect(incident.anomalies.length).toBe(incident.scopes.length);
    const anomalies = (await get('/api/v1/anomalies?from=2026-11-01&to=2026-11-22')).body;
    expect(anomalies.map((a: { id: string }) => a.id).sort()).toEqual(
      incident.anomalies.map((a: { id: string }) => a.id).sort(),
    );
  });

  it('filters by status and severity', async () => {
    expect((await get('/api/v1/incidents?status=acknowledged')).body).toEqual([]);
    expect((await get('/api/v1/incidents?status=open,acknowledged')).body).toHaveLength(1);
    expect((await get('/api/v1/incidents?from=2026-11-01&to=2026-11-19')).body).toEqual([]);
    const [incident] = (await get('/api/v1/incidents')).body;
    expect((await get(`/api/v1/incidents?severity=${incident.severity}`)).body).toHaveLength(1);
    const bad = await get('/api/v1/incidents?status=snoozed');
    expect(bad.status).toBe(400);
    expect((await get('/api/v1/incidents?severity=huge')).status).toBe(400);
  });

  it('acknowledges, mutes and reopens a whole incident, audited once each', async () => {
    const [incident] = (await get('/api/v1/incidents')).body;
    const acked = await post(`/api/v1/incidents/${incident.id}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body.status).toBe('acknowledged');
    expect(acked.body.anomalies.every((a: { status: string }) => a.status === 'acknowledged')).toBe(true);
    expect((await get('/api/v1/incidents?status=open')).body).toEqual([]);

    const muted = await post(`/api/v1/incidents/${incident.id}/mute`, { days: 3 });
    expect(muted.body).toMatchObject({ id: incident.id, status: 'muted' });
    expect(muted.body.anomalies[0].mutedUntil).toBe('2026-11-24T09:00:00.000Z');
    const reopened = await post(`/api/v1/incidents/${incident.id}/reopen`);
    expect(reopened.body.status).toBe('open');

    const audit = await t.ctx.audit.listAudit(t.ctx.config.org, 10);
    const actions = audit.filter((a) => a.action.startsWith('incident.'));
    expect(actions.map((a) => a.action).sort()).toEqual([
      'incident.acknowledged',
      'incident.muted',
      'incident.open',
    ]);
    expect(actions[0]!.detail).toMatchObject({ id: incident.id });
    expect((await post('/api/v1/incidents/in_nope/acknowledge')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const paths = Object.keys((await get('/api/docs/openapi.json')).body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/incidents',
        '/api/v1/incidents/{id}/acknowledge',
        '/api/v1/incidents/{id}/mute',
      ]),
    );
  });
});
