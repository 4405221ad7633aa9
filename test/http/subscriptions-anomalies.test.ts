import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/act/alerts/event.ts';
import { detectAndAlert } from '../../src/app/alerts/evaluate.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

// Friday 2026-11-20, 15:30 UTC. 60 days of steady usage by ana and bo (about $2 a day each); from
// 2026-11-13 ana holds a $1,200-a-month seat (about $40 a day) and bo's usage rises by $20 a day.
const NOW = new Date('2026-11-20T15:30:00Z');
const DAY_MS = 86_400_000;
const FIRST = Date.parse('2026-09-21T00:00:00Z');
const STEP = Date.parse('2026-11-13T00:00:00Z');

function usage(step = STEP) {
  const out: object[] = [];
  for (let day = FIRST; day < NOW.getTime(); day += DAY_MS) {
    const n = (day - FIRST) / DAY_MS;
    const wobble = 2 + 0.1 * ((n % 5) - 2);
    for (const [user, hour] of [
      ['ana', 10],
      ['bo', 11],
    ] as const) {
      const at = day + hour * 3_600_000;
      if (at >= NOW.getTime()) continue;
      const cost = user === 'bo' && day >= step ? wobble + 20 : wobble;
      out.push({
        id: `${user}-${n}`,
        timestamp: new Date(at).toISOString(),
        provider: 'openai',
        model: 'gpt-4o',
        user,
        cost: cost.toFixed(2),
      });
    }
  }
  return out;
}

interface Anomaly {
  kind: string;
  scope: { dimension: string; value: string | null };
  periodStart: string;
  drivers: { dimension: string; value: string | null }[];
}

describe('anomaly detection and seats', () => {
  let t: TestApp;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    expect((await call('POST', '/api/v1/usage', usage())).json()).toMatchObject({ rejected: [] });
    const seat = await call('POST', '/api/v1/subscriptions', {
      id: 'claude-max-ana',
      vendor: 'claude',
      plan: 'Max 20x',
      amount: '1200',
      user: 'ana',
      startDate: '2026-11-13',
    });
    expect(seat.json().spread).toEqual({ written: 8, removed: 0 });
  });
  afterAll(() => t.close());

  it("flags bo's rise in usage but not the start of ana's larger seat, nor names the seat as a driver", async () => {
    const found: Anomaly[] = (await call('GET', '/api/v1/anomalies?from=2026-11-01')).json();
    const about = (dimension: string, value: string) =>
      found.filter((a) => a.scope.dimension === dimension && a.scope.value === value);
    // The control: the same step in usage is an anomaly, so the detector would see one here.
    expect(about('user', 'bo').length).toBeGreaterThan(0);
    expect(about('user', 'ana')).toEqual([]);
    expect(about('model', 'Max 20x')).toEqual([]);
    expect(about('provider', 'anthropic')).toEqual([]);
    // Nor is the seat named as a driver of the org's rise (bo's usage is).
    const drivers = found
      .filter((a) => a.scope.dimension === 'org')
      .flatMap((a) => a.drivers.map((d) => d.value));
    expect(drivers).toContain('bo');
    expect(drivers).not.toContain('Max 20x');
    // The band chart agrees: ana's days since the seat began are usage only, none anomalous; bo's are.
    const band = async (user: string) =>
      (
        await call('GET', `/api/v1/baseline?dimension=user&value=${user}&from=2026-11-13&to=2026-11-20`)
      ).json().days as { anomalous: boolean; actual: string }[];
    const anaBand = await band('ana');
    expect(anaBand.some((d) => d.anomalous)).toBe(false);
    expect(anaBand.every((d) => Number(d.actual) < 3)).toBe(true);
    expect((await band('bo')).some((d) => d.anomalous)).toBe(true);
    // ana's spend does include the seat: usage and seat side by side.
    const spend = (
      await call(
        'GET',
        '/api/v1/spend?from=2026-11-13T00:00:00Z&to=2026-11-21T00:00:00Z&groupBy=user,service',
      )
    ).json();
    const ana = spend.rows.filter((r: { user: string }) => r.user === 'ana');
    expect(ana.map((r: { service: string }) => r.service).sort()).toEqual(['chat', 'seat']);
  });

  it('a seat alone, with no usage before it, raises nothing', async () => {
    const seat = await call('POST', '/api/v1/subscriptions', {
      id: 'chatgpt-team-ml',
      vendor: 'chatgpt',
      plan: 'Team',
      amount: '30',
      team: 'ml',
      seats: 40,
      startDate: '2026-11-16',
    });
    expect(seat.statusCode).toBe(201);
    const found: Anomaly[] = (await call('GET', '/api/v1/anomalies?from=2026-11-01')).json();
    expect(found.filter((a) => a.scope.value === 'ml' || a.scope.value === 'Team')).toEqual([]);
  });
});

describe('the detection job and seats', () => {
  it("alerts bo's rise in usage and nothing about the start of ana's seat", async () => {
    const t = await startTestApp({}, () => NOW);
    try {
      const post = (url: string, payload: unknown) =>
        t.app.inject({ method: 'POST', url, headers: t.auth, payload: payload as object });
      // why: a rise that began yesterday is news; one found a week late is history, never alerted.
      await post('/api/v1/usage', usage(Date.parse('2026-11-19T00:00:00Z')));
      await post('/api/v1/subscriptions', {
        id: 'cursor-ana',
        vendor: 'cursor',
        plan: 'Ultra',
        amount: '600',
        user: 'ana',
        startDate: '2026-11-19',
      });
      const events: AlertEvent[] = [];
      await detectAndAlert(t.ctx, NOW, async (e) => events.push(e), 'default');
      const about = (value: string) =>
        events.filter((e) => e.scope?.value === value || `${e.title} ${e.text}`.includes(value));
      expect(about('bo').length).toBeGreaterThan(0);
      expect(events.filter((e) => e.scope?.dimension === 'user' && e.scope.value === 'ana')).toEqual([]);
      expect(about('Ultra')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
