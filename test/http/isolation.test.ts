import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import {
  A,
  B,
  B_SECRETS,
  type Caller,
  COST,
  type Headers,
  ORG1_SECRETS,
  seedTenants,
} from '../helpers/tenants.ts';

const NOW = new Date('2026-11-20T12:00:00Z');

/** How a route answers a caller limited to some teams. */
type Kind =
  /** usage-derived numbers or scoped lists: 200 (404 for a hidden id), limited to what they may see */
  | 'scoped'
  /** cannot be limited to teams: 403 to the limited, 200 to those who see the whole org */
  | 'wholeOrg'
  /** needs admin or the audit permission: 403 to all but owners and admins (analysts read the audit) */
  | 'admin'
  | 'audit'
  /** no credentials needed */
  | 'public';

/** Query variants every usage-filtered route is asked with. */
const FILTERS = [
  '',
  `?team=${B}`,
  '?groupBy=team',
  '?groupBy=user',
  '?groupBy=project,team&bucket=day',
  '?tag.env=prod',
  '?groupBy=tag:env,team',
  `?team=${B}&groupBy=user,team`,
  '?user=zelda-zebra',
  `?team=${A},${B}&groupBy=team`,
  '?from=2026-01-01&to=2026-12-31&groupBy=team',
];
const with_ = (path: string, variants = FILTERS) => variants.map((v) => path + v);

interface Ids {
  ownJob: string;
  analystJob: string;
}

/** Every GET route of the app; a route missing here fails the coverage test below. */
const ROUTES: Record<string, { kind: Kind; urls: (ids: Ids) => string[] }> = {
  '/api/session': { kind: 'public', urls: () => ['/api/session'] },
  '/api/invitations/:token': { kind: 'public', urls: () => ['/api/invitations/nope'] },
  '/api/docs': { kind: 'public', urls: () => ['/api/docs'] },
  '/api/docs/openapi.json': { kind: 'public', urls: () => ['/api/docs/openapi.json'] },
  '/api/openapi.json': { kind: 'public', urls: () => ['/api/openapi.json'] },
  '/api/docs/': { kind: 'public', urls: () => ['/api/docs/'] },
  '/api/docs/json': { kind: 'public', urls: () => ['/api/docs/json'] },
  '/api/docs/yaml': { kind: 'public', urls: () => ['/api/docs/yaml'] },
  '/api/docs/static/index.html': { kind: 'public', urls: () => ['/api/docs/static/index.html'] },
  '/api/docs/static/swagger-initializer.js': {
    kind: 'public',
    urls: () => ['/api/docs/static/swagger-initializer.js'],
  },
  '/api/docs/*': { kind: 'public', urls: () => ['/api/docs/static/swagger-ui.css'] },
  '/healthz': { kind: 'public', urls: () => ['/healthz'] },
  '*': { kind: 'public', urls: () => ['/budgets'] },
  '/api/v1/users': { kind: 'admin', urls: () => ['/api/v1/users'] },
  '/api/v1/invitations': { kind: 'admin', urls: () => ['/api/v1/invitations'] },
  '/api/v1/tokens': { kind: 'admin', urls: () => ['/api/v1/tokens'] },
  '/api/v1/gateway/refusals': { kind: 'admin', urls: () => ['/api/v1/gateway/refusals'] },
  '/api/v1/audit': { kind: 'audit', urls: () => ['/api/v1/audit'] },
  '/api/v1/teams': { kind: 'scoped', urls: () => ['/api/v1/teams'] },
  '/api/v1/usage': { kind: 'scoped', urls: () => with_('/api/v1/usage') },
  '/api/v1/spend': { kind: 'scoped', urls: () => with_('/api/v1/spend') },
  '/api/v1/summary': { kind: 'scoped', urls: () => with_('/api/v1/summary') },
  '/api/v1/forecast': {
    kind: 'scoped',
    urls: () => with_('/api/v1/forecast', ['', `?team=${B}`, '?budget=10']),
  },
  '/api/v1/baseline': {
    kind: 'scoped',
    urls: () => [
      '/api/v1/baseline',
      `/api/v1/baseline?dimension=team&value=${B}`,
      '/api/v1/baseline?dimension=user&value=zelda-zebra',
    ],
  },
  '/api/v1/export/focus': {
    kind: 'scoped',
    urls: () => with_('/api/v1/export/focus', ['', `?team=${B}`, '?tag.env=prod']),
  },
  '/v1/transactions': {
    kind: 'scoped',
    urls: () => with_('/v1/transactions', ['', '?date_from=2026-01-01&limit=1000', '?offset=1']),
  },
  '/v1/jobs/:id/results': {
    kind: 'scoped',
    urls: (ids) => [`/v1/jobs/${ids.ownJob}/results`, `/v1/jobs/${ids.analystJob}/results`],
  },
  '/metrics': { kind: 'scoped', urls: () => ['/metrics'] },
  '/api/v1/anomalies': {
    kind: 'scoped',
    urls: () =>
      with_('/api/v1/anomalies', ['', '?dimension=team', '?status=open,acknowledged,muted', '?limit=1000']),
  },
  '/api/v1/incidents': {
    kind: 'scoped',
    urls: () => ['/api/v1/incidents', '/api/v1/incidents?status=open,acknowledged,muted&limit=1000'],
  },
  '/api/v1/budgets': { kind: 'scoped', urls: () => ['/api/v1/budgets'] },
  '/api/v1/budgets/:id': {
    kind: 'scoped',
    urls: () => ['/api/v1/budgets/bud-1', '/api/v1/budgets/bud-2', '/api/v1/budgets/bud-3'],
  },
  '/api/v1/subscriptions': { kind: 'scoped', urls: () => ['/api/v1/subscriptions'] },
  '/api/v1/subscriptions/:id': { kind: 'scoped', urls: () => ['/api/v1/subscriptions/subx-b'] },
  '/api/v1/alerts': { kind: 'scoped', urls: () => ['/api/v1/alerts', '/api/v1/alerts?limit=1'] },
  '/api/v1/alerts/:id': {
    kind: 'scoped',
    urls: () => ['/api/v1/alerts/alertx-1', '/api/v1/alerts/alertx-2', '/api/v1/alerts/alertx-3'],
  },
  '/api/v1/channels': { kind: 'scoped', urls: () => ['/api/v1/channels'] },
  '/api/v1/channels/:id': {
    kind: 'scoped',
    urls: () => ['/api/v1/channels/chanx-1', '/api/v1/channels/chanx-2', '/api/v1/channels/chanx-3'],
  },
  '/api/v1/activity': { kind: 'scoped', urls: () => with_('/api/v1/activity', ['', '?from=2026-11-01']) },
  '/api/v1/pricing': { kind: 'scoped', urls: () => ['/api/v1/pricing'] },
  '/api/v1/reconciliation': {
    kind: 'wholeOrg',
    urls: () => with_('/api/v1/reconciliation', ['', `?team=${A}`]),
  },
  '/api/v1/sources': { kind: 'wholeOrg', urls: () => ['/api/v1/sources'] },
  '/api/v1/sources/:id': { kind: 'wholeOrg', urls: () => ['/api/v1/sources/src-1'] },
  '/api/v1/attribution/rules': { kind: 'wholeOrg', urls: () => ['/api/v1/attribution/rules'] },
  '/api/v1/reports': { kind: 'wholeOrg', urls: () => ['/api/v1/reports'] },
  '/api/v1/reports/:id': { kind: 'wholeOrg', urls: () => ['/api/v1/reports/daily-2026-11-19'] },
  '/api/v1/reports/:id/html': { kind: 'wholeOrg', urls: () => ['/api/v1/reports/daily-2026-11-19/html'] },
  '/api/v1/reports/:id/csv': { kind: 'wholeOrg', urls: () => ['/api/v1/reports/daily-2026-11-19/csv'] },
};

/** The GET routes of the app, read from Fastify's own route tree. */
function getRoutes(tree: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack.push(path);
    if (m[3]?.split(', ').includes('GET')) found.push(path);
  }
  return found;
}

const engines = await testEngines('tenant isolation on PostgreSQL');

describe.each(engines)('teams and tenants see only their own on %s', (engine) => {
  let t: TestApp;
  let callers: Record<Caller, Headers>;
  const jobs = {} as Record<Caller, string>;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    callers = await seedTenants(t);
    for (const who of Object.keys(callers) as Caller[]) {
      const res = await call('POST', '/v1/analyse-spend', callers[who], {});
      jobs[who] = res.statusCode === 202 ? res.json().job_id : 'job_none';
    }
  }, 60_000);
  afterAll(() => t.close());

  function call(method: string, url: string, headers: Headers, payload?: unknown) {
    return t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
  const get = async (url: string, headers: Headers) => {
    for (let i = 0; i < 200; i++) {
      const res = await call('GET', url, headers);
      if (!url.startsWith('/v1/jobs/') || res.statusCode !== 200 || res.json().status !== 'processing')
        return res;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${url} never finished`);
  };

  it('has an entry in the table for every GET route', () => {
    const routes = getRoutes(t.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  /** Every request of the table a caller makes, with what went wrong. */
  async function sweep(
    who: Caller,
    check: (kind: Kind, url: string, status: number, body: string) => string | null,
  ) {
    const problems: string[] = [];
    const ids = { ownJob: jobs[who], analystJob: jobs.analyst };
    for (const [route, { kind, urls }] of Object.entries(ROUTES)) {
      for (const url of urls(ids)) {
        const res = await get(url, callers[who]);
        if (res.statusCode >= 500) problems.push(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const problem = check(kind, url, res.statusCode, res.body);
        if (problem) problems.push(`${route} ${url}: ${problem}`);
      }
    }
    return problems;
  }

  /** The secrets a body holds, leaving out those the caller wrote in the URL themself (echoed ids and filters). */
  const leaked = (secrets: string[], url: string, body: string) =>
    secrets.filter((s) => !decodeURIComponent(url).includes(s) && body.includes(s));

  const limited = (who: Caller, secrets: string[]) => async () => {
    const problems = await sweep(who, (kind, url, status, body) => {
      const found = leaked(secrets, url, body);
      if (found.length) return `leaks ${found.join(', ')} (${status})`;
      const expected =
        kind === 'wholeOrg' || kind === 'admin' || kind === 'audit'
          ? [403]
          : kind === 'public'
            ? null
            : [200, 404];
      if (expected && !expected.includes(status))
        return `status ${status}, expected ${expected.join(' or ')}: ${body.slice(0, 160)}`;
      return null;
    });
    expect(problems).toEqual([]);
  };

  it(
    'gives a member of team A nothing of team B, through any route, filter or group-by',
    limited('member', B_SECRETS.member),
  );
  it('gives a token bound to team A nothing of team B', limited('teamToken', B_SECRETS.member));
  it(
    "gives team A's lead their own usage booked to team B, and nothing else of B's",
    limited('lead', B_SECRETS.lead),
  );

  it('refuses every read to an ingest-only token', async () => {
    const problems = await sweep('ingestToken', (kind, _url, status) =>
      kind !== 'public' && status !== 403 ? `status ${status}, expected 403` : null,
    );
    expect(problems).toEqual([]);
  });

  it("shows another org's owner none of the first org's ids, names or numbers", async () => {
    const problems = await sweep('otherOrg', (_kind, url, status, body) => {
      const found = leaked(ORG1_SECRETS, url, body);
      return found.length ? `leaks ${found.join(', ')} (${status})` : null;
    });
    expect(problems).toEqual([]);
    const spend = await get('/api/v1/spend?groupBy=team', callers.otherOrg);
    expect(spend.json().totals.cost).toBe(COST.org2);
  });

  it('lets an analyst read everything but administration, team B included', async () => {
    const problems = await sweep('analyst', (kind, _url, status) =>
      kind === 'admin'
        ? status === 403
          ? null
          : `status ${status}, expected 403`
        : status >= 400 && status !== 404
          ? `status ${status}`
          : null,
    );
    expect(problems).toEqual([]);
    const spend = (await get('/api/v1/spend?groupBy=team', callers.analyst)).body;
    expect(spend).toContain(B);
    expect(spend).toContain(COST.bTotal);
    expect((await get('/api/v1/summary', callers.analyst)).json().totalCost).toBe(COST.orgTotal);
  });

  it('computes the limited callers’ numbers over what they may see', async () => {
    const total = async (who: Caller, url: string) => (await get(url, callers[who])).json();
    expect((await total('member', '/api/v1/spend')).totals.cost).toBe(COST.memberTotal);
    expect((await total('teamToken', '/api/v1/spend')).totals.cost).toBe(COST.memberTotal);
    expect((await total('lead', '/api/v1/spend')).totals.cost).toBe(COST.leadTotal);
    expect((await total('member', '/api/v1/summary')).totalCost).toBe(COST.memberTotal);
    const teams = (await total('member', '/api/v1/spend?groupBy=team')).rows.map(
      (r: { team: string }) => r.team,
    );
    expect(teams).toEqual([A]);
    const own = (await total('lead', `/api/v1/usage?team=${B}`)).records.map((r: { id: string }) => r.id);
    expect(own).toEqual(['rec-leo-b']);
    const anomalies = await total('member', '/api/v1/anomalies');
    expect(anomalies.map((a: { id: string }) => a.id)).toEqual(['an_seed_a']);
    expect(anomalies[0].drivers.map((d: { dimension: string }) => d.dimension)).toEqual(['user', 'project']);
    expect(anomalies[0].description).toContain('Main driver: user mia@acme.example');
    expect((await total('lead', '/api/v1/anomalies')).map((a: { id: string }) => a.id).sort()).toEqual([
      'an_seed_a',
      'an_seed_lead',
    ]);
    const metrics = (await get('/metrics', callers.teamToken)).body;
    expect(metrics).toMatch(
      new RegExp(`spendlens_spend_month_to_date\\{[^}]*team="${A}"[^}]*\\} ${COST.memberTotal}`),
    );
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).not.toContain('spendlens_source_');
    expect((await total('member', '/api/v1/budgets')).budgets.map((b: { id: string }) => b.id)).toEqual([
      'bud-1',
    ]);
    expect((await total('member', '/api/v1/channels')).channels.map((c: { id: string }) => c.id)).toEqual([
      'chanx-1',
    ]);
    expect((await total('member', '/api/v1/alerts')).alerts.map((a: { id: string }) => a.id)).toEqual([
      'alertx-1',
    ]);
  });

  it("tells team A's lead nothing of another team's budget ids (issue 13)", async () => {
    const answer = async (id: string) => {
      const body = { id, scope: { dimension: 'team', value: A }, amount: '50' };
      const res = await call('POST', '/api/v1/budgets', callers.lead, body);
      return { status: res.statusCode, body: res.body.replaceAll(id, '<id>') };
    };
    const taken = await answer('bud-2');
    expect(taken.status).toBe(400);
    expect(await answer('bud-none')).toEqual(taken);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const seen = await Promise.all(
        ['bud-2', 'bud-none'].map(async (id) => {
          const body = method === 'PUT' ? { scope: { dimension: 'team', value: A }, amount: '5' } : undefined;
          const res = await call(method, `/api/v1/budgets/${id}`, callers.lead, body);
          return { status: res.statusCode, body: res.body.replaceAll(id, '<id>') };
        }),
      );
      expect(seen[0], method).toEqual(seen[1]);
    }
  });

  it("lets team A's lead manage A's budgets, channels and anomalies only, and a member none", async () => {
    const { lead, member } = callers;
    const budget = (id: string, team: string) => ({
      id,
      scope: { dimension: 'team', value: team },
      amount: '50',
    });
    expect((await call('POST', '/api/v1/budgets', lead, budget('lead-b', B))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/budgets', lead, { id: 'lead-org', amount: '50' })).statusCode).toBe(
      403,
    );
    expect((await call('POST', '/api/v1/budgets', lead, budget(`${A}-lead`, A))).statusCode).toBe(201);
    expect((await call('PUT', `/api/v1/budgets/${A}-lead`, lead, budget(`${A}-lead`, B))).statusCode).toBe(
      403,
    );
    expect((await call('PUT', '/api/v1/budgets/bud-2', lead, budget('bud-2', A))).statusCode).toBe(404);
    expect((await call('DELETE', '/api/v1/budgets/bud-3', lead)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/v1/budgets/${A}-lead`, lead)).statusCode).toBe(204);
    for (const body of [budget('mem-a', A), budget('mem-b', B), { id: 'mem-org', amount: '5' }]) {
      expect((await call('POST', '/api/v1/budgets', member, body)).statusCode).toBe(403);
    }
    const channel = (id: string, team?: string) => ({
      id,
      kind: 'log',
      ...(team ? { scope: { dimension: 'team', value: team } } : {}),
    });
    expect((await call('POST', '/api/v1/channels', lead, channel('lead-ch-b', B))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/channels', lead, channel('lead-ch-all'))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/channels', lead, channel('lead-ch-a', A))).statusCode).toBe(201);
    expect((await call('PUT', '/api/v1/channels/chanx-2', lead, { kind: 'log' })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/channels/chanx-3/test', lead)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/channels', member, channel('mem-ch-a', A))).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/anomalies/an_seed_b/acknowledge', lead)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/anomalies/an_seed_project/acknowledge', lead)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/anomalies/an_seed_a/acknowledge', lead)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/anomalies/an_seed_a/reopen', member)).statusCode).toBe(403);
  });
});
