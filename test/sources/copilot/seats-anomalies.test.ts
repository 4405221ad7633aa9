import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceRunner } from '../../../src/app/sources/runner.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';
import { REPLAY_KEY } from '../replay-suite.ts';

// Friday 2026-11-20, 15:30 UTC. 60 days of steady usage by ana and bo (about $2 a day each); from
// 2026-11-13 ana holds a Copilot seat priced $1,200 a month (about $40 a day) and bo's usage rises by $20 a day.
const NOW = new Date('2026-11-20T15:30:00Z');
const DAY_MS = 86_400_000;
const FIRST = Date.parse('2026-09-21T00:00:00Z');
const STEP = Date.parse('2026-11-13T00:00:00Z');

function usage() {
  const out: object[] = [];
  for (let day = FIRST; day < NOW.getTime(); day += DAY_MS) {
    const n = (day - FIRST) / DAY_MS;
    const wobble = 2 + 0.1 * ((n % 5) - 2);
    for (const user of ['ana', 'bo']) {
      const cost = user === 'bo' && day >= STEP ? wobble + 20 : wobble;
      const at = new Date(day + 10 * 3_600_000).toISOString();
      out.push({
        id: `${user}-${n}`,
        timestamp: at,
        provider: 'openai',
        model: 'gpt-4o',
        user,
        cost: cost.toFixed(2),
      });
    }
  }
  return out;
}

const SEAT = {
  assignee: { login: 'ana' },
  created_at: '2026-11-13T09:00:00Z',
  pending_cancellation_date: null,
  plan_type: 'business',
};

describe('anomaly detection and Copilot seats', { timeout: 120_000 }, () => {
  let t: TestApp;
  let server: ReplayServer;
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: t.auth, ...(payload ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    server = await startReplayServer((req) =>
      req.path.endsWith('/copilot/billing/seats')
        ? { body: { total_seats: 1, seats: [SEAT] } }
        : { body: { usageItems: [] } },
    );
    t = await startTestApp({}, () => NOW);
    sourceRunner(t.ctx, { sleep: async () => {}, random: () => 0.5, retry: DEFAULT_RETRY, log: () => {} });
    expect((await call('POST', '/api/v1/usage', usage())).json()).toMatchObject({ rejected: [] });
    const source = {
      id: 'gh',
      kind: 'copilot',
      key: REPLAY_KEY,
      organization: 'acme',
      baseUrl: `${server.url}/v1`,
      backfillDays: 10,
      rateLimit: 10_000,
      seatPrices: { business: '1200' },
    };
    expect((await call('POST', '/api/v1/sources', source)).statusCode).toBe(201);
    // Nov 13 to Nov 20: eight days of ana's seat.
    expect((await call('POST', '/api/v1/sources/gh/sync')).json()).toMatchObject({ ok: true, inserted: 8 });
  });
  afterAll(async () => {
    await t.close();
    await server.close();
  });

  it("flags bo's rise in usage but not the start of ana's seat, nor names the seat as a driver", async () => {
    const found = (await call('GET', '/api/v1/anomalies?from=2026-11-01')).json() as {
      scope: { dimension: string; value: string | null };
      drivers: { value: string | null }[];
    }[];
    const about = (dimension: string, value: string) =>
      found.filter((a) => a.scope.dimension === dimension && a.scope.value === value);
    // The control: the same step in usage is an anomaly, so the detector would see one here.
    expect(about('user', 'bo').length).toBeGreaterThan(0);
    expect(about('user', 'ana')).toEqual([]);
    expect(about('model', 'copilot-business')).toEqual([]);
    expect(about('provider', 'github')).toEqual([]);
    const drivers = found
      .filter((a) => a.scope.dimension === 'org')
      .flatMap((a) => a.drivers.map((d) => d.value));
    expect(drivers).not.toContain('copilot-business');
    // ana's spend does include the seat, beside her usage.
    const spend = await call(
      'GET',
      '/api/v1/spend?from=2026-11-13T00:00:00Z&to=2026-11-21T00:00:00Z&groupBy=user,service',
    );
    const ana = (spend.json().rows as { user: string; service: string; cost: string }[]).filter(
      (r) => r.user === 'ana',
    );
    expect(ana.map((r) => r.service).sort()).toEqual(['chat', 'seat']);
    // Nov 13 to 20 of $1,200 over November's 30 days: 8/30 of it.
    expect(ana.find((r) => r.service === 'seat')?.cost).toBe('320.000000');
  });
});

describe('seat_prices in spendlens.toml', () => {
  const toml = (body: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'spendlens-copilot-')), 'spendlens.toml');
    writeFileSync(path, body);
    return path;
  };
  const source =
    '[[sources]]\nid = "gh"\nkind = "copilot"\nkey_env = "GITHUB_TOKEN"\norganization = "acme"\n';

  it('takes the prices per plan as exact decimals, a bare number included', () => {
    const config = toml(`${source}seat_prices = { business = "19", enterprise = 39.5 }\n`);
    const loaded = loadConfig({ config }, { GITHUB_TOKEN: 'ghp_0123456789' });
    expect(loaded.sources[0]).toMatchObject({ seatPrices: { business: '19', enterprise: '39.5' } });
  });

  it('refuses a negative price, naming the key as written in the file', () => {
    const config = toml(`${source}seat_prices = { business = "-19" }\n`);
    expect(() => loadConfig({ config }, { GITHUB_TOKEN: 'ghp_0123456789' })).toThrow(
      /seat_prices\.business.*USD per seat per month/,
    );
  });
});
