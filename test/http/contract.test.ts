import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { refreshAnomalies } from '../../src/app/analysis/refresh.ts';
import { loadDemo } from '../../src/app/demo.ts';
import { CONTRACT } from '../../src/domain/api/contract.ts';
import { SpendResponse, UsagePage } from '../../src/domain/api/ledger.ts';
import { BODIES } from '../../src/present/http/openapi-bodies.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { appRoutes } from '../helpers/routes.ts';

/** A request that makes the route answer its contract's success, with the data the demo holds. */
interface Example {
  method?: 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  contentType?: string;
  /** Sent again (at most 50 times, 100 ms apart) until its answer passes this. */
  until?: (body: string) => boolean;
}

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** One GenAI span with the given input tokens. */
const spans = (inputTokens: number) => ({
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
              name: 'chat gpt-4o',
              startTimeUnixNano: String(BigInt(Date.now() - 60_000) * 1_000_000n),
              endTimeUnixNano: String(BigInt(Date.now() - 59_000) * 1_000_000n),
              attributes: [
                { key: 'gen_ai.system', value: { stringValue: 'openai' } },
                { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                { key: 'gen_ai.usage.input_tokens', value: { intValue: String(inputTokens) } },
                { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
              ],
            },
          ],
        },
      ],
    },
  ],
});

/** An OTLP export with nothing in it: the receivers answer `{}`. */
const otlp = (resources: string) => ({ [resources]: [] });

const record = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  timestamp: new Date(Date.now() - 3_600_000).toISOString(),
  provider: 'openai',
  model: 'gpt-4o-mini',
  user: 'contract@example.com',
  inputTokens: 1000,
  outputTokens: 200,
  ...over,
});

/** Requests per contract operation; each runs and its answer must match the schema. */
const EXAMPLES: Record<string, Example[]> = {
  'POST /api/v1/usage': [
    {
      url: '/api/v1/usage',
      payload: [
        record('contract-1', { tags: { env: 'prod' } }),
        record('contract-2', { model: 'no-such-model-anywhere' }),
        { id: 'contract-bad', timestamp: 'yesterday' },
      ],
    },
  ],
  'GET /api/v1/usage': [
    { url: '/api/v1/usage?limit=50' },
    { url: '/api/v1/usage?user=contract@example.com' },
    { url: '/api/v1/usage?user=nobody-at-all' },
  ],
  'POST /api/v1/usage/void': [
    { url: '/api/v1/usage/void', payload: { ids: ['contract-2', 'never'], dryRun: true } },
  ],
  'GET /api/v1/spend': [
    { url: '/api/v1/spend' },
    { url: '/api/v1/spend?groupBy=model,team&bucket=day' },
    { url: '/api/v1/spend?groupBy=tag:env&bucket=hour&from=2026-01-01&to=2026-01-02' },
  ],
  'GET /api/v1/summary': [{ url: '/api/v1/summary' }, { url: '/api/v1/summary?period=last-month' }],
  'GET /api/v1/anomalies': [{ url: '/api/v1/anomalies?limit=1000' }],
  'GET /api/v1/forecast': [{ url: '/api/v1/forecast' }, { url: '/api/v1/forecast?budget=100' }],
  'GET /api/v1/baseline': [
    { url: '/api/v1/baseline' },
    { url: '/api/v1/baseline?dimension=team&value=platform' },
    { url: '/api/v1/baseline?dimension=user&value=nobody-at-all' },
  ],
  'POST /api/v1/anomalies/:id/acknowledge': [{ url: '/api/v1/anomalies/{anomaly}/acknowledge', payload: {} }],
  'POST /api/v1/anomalies/:id/mute': [{ url: '/api/v1/anomalies/{anomaly}/mute', payload: { days: 7 } }],
  'POST /api/v1/anomalies/:id/reopen': [{ url: '/api/v1/anomalies/{anomaly}/reopen', payload: {} }],
  'GET /api/v1/incidents': [
    { url: '/api/v1/incidents?limit=1000' },
    { url: '/api/v1/incidents?status=muted' },
  ],
  'POST /api/v1/incidents/:id/acknowledge': [
    { url: '/api/v1/incidents/{incident}/acknowledge', payload: {} },
  ],
  'POST /api/v1/incidents/:id/mute': [{ url: '/api/v1/incidents/{incident}/mute', payload: {} }],
  'POST /api/v1/incidents/:id/reopen': [{ url: '/api/v1/incidents/{incident}/reopen', payload: {} }],
  'GET /api/v1/reconciliation': [{ url: '/api/v1/reconciliation' }],
  'POST /api/v1/budgets': [
    {
      url: '/api/v1/budgets',
      payload: { name: 'Platform monthly', amount: '500', scope: { dimension: 'team', value: 'platform' } },
    },
    {
      url: '/api/v1/budgets',
      payload: {
        id: 'every-user',
        name: 'Every user',
        amount: '5',
        period: 'day',
        scope: { dimension: 'user', each: true },
      },
    },
  ],
  'GET /api/v1/budgets': [{ url: '/api/v1/budgets' }],
  'GET /api/v1/budgets/:id': [
    { url: '/api/v1/budgets/platform-monthly' },
    { url: '/api/v1/budgets/every-user' },
  ],
  'PUT /api/v1/budgets/:id': [
    {
      method: 'PUT',
      url: '/api/v1/budgets/platform-monthly',
      payload: {
        name: 'Platform monthly',
        amount: '600',
        scope: { dimension: 'team', value: 'platform' },
        enforce: 'hard',
      },
    },
  ],
  'POST /api/v1/channels': [
    { url: '/api/v1/channels', payload: { id: 'ops-log', kind: 'log' } },
    {
      url: '/api/v1/channels',
      payload: {
        id: 'ops-hook',
        kind: 'webhook',
        url: 'http://127.0.0.1:9/hooks/abcd',
        secret: 's3cret-value',
      },
    },
  ],
  'GET /api/v1/channels': [{ url: '/api/v1/channels' }],
  'GET /api/v1/channels/:id': [{ url: '/api/v1/channels/ops-hook' }],
  'PUT /api/v1/channels/:id': [
    {
      method: 'PUT',
      url: '/api/v1/channels/ops-log',
      payload: { kind: 'log', minSeverity: 'low', events: ['anomaly_detected'] },
    },
  ],
  'POST /api/v1/channels/:id/test': [{ url: '/api/v1/channels/ops-log/test', payload: {} }],
  'GET /api/v1/alerts': [{ url: '/api/v1/alerts' }],
  'GET /api/v1/alerts/:id': [{ url: '/api/v1/alerts/{alert}' }],
  'POST /api/v1/sources': [
    {
      url: '/api/v1/sources',
      payload: { id: 'oa', kind: 'openai', key: 'sk-admin-contract-123456', baseUrl: '{upstream}' },
    },
  ],
  'GET /api/v1/sources': [{ url: '/api/v1/sources' }],
  'GET /api/v1/sources/:id': [{ url: '/api/v1/sources/oa' }],
  'PUT /api/v1/sources/:id': [
    {
      method: 'PUT',
      url: '/api/v1/sources/oa',
      payload: { kind: 'openai', key: 'sk-admin-contract-654321', backfillDays: 7, baseUrl: '{upstream}' },
    },
  ],
  'POST /api/v1/activity': [
    {
      url: '/api/v1/activity',
      payload: { user: 'ana.silva', context: 'notebooks/x.ipynb', start: '{hourAgo}', end: '{now}' },
    },
  ],
  'GET /api/v1/activity': [{ url: '/api/v1/activity' }],
  'POST /api/v1/attribution/rules': [
    {
      url: '/api/v1/attribution/rules',
      payload: { match: { user: 'contract@example.com' }, set: { team: 'platform' } },
    },
  ],
  'GET /api/v1/attribution/rules': [{ url: '/api/v1/attribution/rules' }],
  'GET /api/v1/reports': [{ url: '/api/v1/reports' }],
  'POST /api/v1/pricing/reprice': [{ url: '/api/v1/pricing/reprice', payload: {} }],
  'PUT /api/v1/pricing/overrides': [
    {
      method: 'PUT',
      url: '/api/v1/pricing/overrides?reprice=true',
      payload: {
        provider: 'openai',
        model: 'no-such-model-anywhere',
        effectiveFrom: '2026-01-01',
        input: 1,
        output: '2.5',
      },
    },
  ],
  'GET /api/v1/pricing': [{ url: '/api/v1/pricing' }],
  'POST /api/v1/pricing/import': [
    {
      url: '/api/v1/pricing/import',
      payload: {
        'contract-model': {
          litellm_provider: 'openai',
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          mode: 'chat',
        },
        'an-image-model': { litellm_provider: 'openai', mode: 'image_generation' },
      },
    },
  ],
  'POST /api/v1/pricing/update': [
    {
      url: '/api/v1/pricing/update',
      payload: {
        origin: 'contract test',
        providers: [
          {
            id: 'openai',
            name: 'OpenAI',
            api_pattern: 'https://api\\.openai\\.com',
            models: [
              { id: 'gpt-7', match: { starts_with: 'gpt-7' }, prices: { input_mtok: 4, output_mtok: 16 } },
            ],
          },
        ],
      },
    },
  ],
  'POST /v1/analyse-spend': [{ url: '/v1/analyse-spend', payload: {} }],
  'POST /v1/traces': [
    { url: '/v1/traces', payload: otlp('resourceSpans') },
    // One span with a negative token count: rejected by id in partialSuccess, the answer still 200.
    { url: '/v1/traces', payload: spans(-5) },
  ],
  'POST /v1/logs': [
    { url: '/v1/logs', payload: otlp('resourceLogs') },
    { url: '/v1/logs', payload: fixture('otlp-logs/claude-code.json') },
    { url: '/v1/logs', payload: fixture('otlp-logs/codex.json') },
  ],
  'POST /v1/metrics': [
    { url: '/v1/metrics', payload: otlp('resourceMetrics') },
    { url: '/v1/metrics', payload: fixture('otlp-metrics/claude-code-delta.json') },
  ],
  'POST /api/v2/write': [
    {
      url: '/api/v2/write?precision=s',
      payload: 'ai_costs,model=gpt-4o,user_id=contract tokens=1200i,cost=0.004 1765000000',
      contentType: 'text/plain',
    },
  ],
  'GET /api/openapi.json': [{ url: '/api/openapi.json' }],
  'GET /v1/jobs/:id/results': [
    { url: '/v1/jobs/{job}/results', until: (body) => !body.includes('"processing"') },
  ],
  'POST /api/v1/sources/:id/sync': [{ url: '/api/v1/sources/oa/sync', payload: {} }],
  'POST /api/v1/attribution/reapply': [{ url: '/api/v1/attribution/reapply', payload: {} }],
  'PUT /api/v1/attribution/rules/:id': [
    {
      method: 'PUT',
      url: '/api/v1/attribution/rules/{rule}',
      payload: { match: { user: 'contract@example.com' }, set: { team: 'research' } },
    },
  ],
  'POST /api/v1/teams': [{ url: '/api/v1/teams', payload: { name: 'zeta' } }],
  'GET /api/v1/teams': [{ url: '/api/v1/teams' }],
  'POST /api/v1/tokens': [{ url: '/api/v1/tokens', payload: { scopes: ['read'], label: 'read only' } }],
  'GET /api/v1/tokens': [{ url: '/api/v1/tokens' }],
  'GET /api/v1/audit': [{ url: '/api/v1/audit' }],
  'POST /api/v1/invitations': [
    { url: '/api/v1/invitations', payload: { email: 'new@example.com', role: 'member', teams: ['zeta'] } },
  ],
  'GET /api/v1/invitations': [{ url: '/api/v1/invitations' }],
  'GET /api/v1/gateway/refusals': [{ url: '/api/v1/gateway/refusals' }],
  // The daily report was run before the tests (its alert is read above); a run creates the weekly one.
  'POST /api/v1/reports/run': [{ url: '/api/v1/reports/run', payload: { kind: 'weekly' } }],
  'GET /api/v1/reports/:id': [
    { url: '/api/v1/reports/{dailyReport}' },
    { url: '/api/v1/reports/{weeklyReport}' },
  ],
  'GET /api/v1/reports/:id/html': [{ url: '/api/v1/reports/{weeklyReport}/html' }],
  'GET /api/v1/reports/:id/csv': [{ url: '/api/v1/reports/{dailyReport}/csv' }],
  'GET /api/v1/export/focus': [{ url: '/api/v1/export/focus' }],
  'GET /metrics': [{ url: '/metrics' }],
  'DELETE /api/v1/attribution/rules/:id': [{ method: 'DELETE', url: '/api/v1/attribution/rules/{rule}' }],
  'DELETE /api/v1/subscriptions/:id': [{ method: 'DELETE', url: '/api/v1/subscriptions/cursor-ana' }],
  'DELETE /api/v1/budgets/:id': [{ method: 'DELETE', url: '/api/v1/budgets/every-user' }],
  'DELETE /api/v1/channels/:id': [{ method: 'DELETE', url: '/api/v1/channels/ops-log' }],
  'DELETE /api/v1/sources/:id': [{ method: 'DELETE', url: '/api/v1/sources/oa' }],
  'DELETE /api/v1/tokens/:id': [{ method: 'DELETE', url: '/api/v1/tokens/{token}' }],
  'DELETE /api/v1/teams/:name/members/:user': [
    { method: 'DELETE', url: '/api/v1/teams/platform/members/member@example.com' },
  ],
  'DELETE /api/v1/users/:id': [{ method: 'DELETE', url: '/api/v1/users/member@example.com' }],
  'DELETE /api/v1/teams/:name': [{ method: 'DELETE', url: '/api/v1/teams/zeta' }],
  'DELETE /api/session': [{ method: 'DELETE', url: '/api/session' }],
  'POST /api/v1/users': [{ url: '/api/v1/users', payload: { email: 'member@example.com', role: 'member' } }],
  'GET /api/v1/users': [{ url: '/api/v1/users' }],
  'GET /api/session': [{ url: '/api/session' }],
  'POST /api/session': [{ url: '/api/session', payload: { token: '{adminToken}' } }],
  'GET /api/invitations/:token': [{ url: '/api/invitations/{invitation}' }],
  'POST /api/invitations/:token/accept': [
    {
      url: '/api/invitations/{invitation}/accept',
      payload: { name: 'Mia Member', password: 'a long enough passphrase' },
    },
  ],
  'PUT /api/v1/users/:id': [
    {
      method: 'PUT',
      url: '/api/v1/users/member@example.com',
      payload: { role: 'analyst', teams: [{ team: 'zeta', role: 'lead' }] },
    },
  ],
  'POST /api/v1/users/:id/reset-password': [
    { url: '/api/v1/users/member@example.com/reset-password', payload: {} },
  ],
  'POST /api/v1/teams/:name/members': [
    { url: '/api/v1/teams/platform/members', payload: { user: 'member@example.com', role: 'member' } },
  ],
  'POST /api/v1/subscriptions': [
    {
      url: '/api/v1/subscriptions',
      payload: {
        id: 'cursor-ana',
        vendor: 'cursor',
        plan: 'Pro',
        amount: '20',
        user: 'ana.silva',
        startDate: '2026-11-01',
      },
    },
    {
      url: '/api/v1/subscriptions',
      payload: {
        id: 'copilot-platform',
        vendor: 'copilot',
        plan: 'Business',
        amount: '19',
        team: 'platform',
        seats: 4,
        startDate: '2026-10-15',
        endDate: '2027-01-31',
      },
    },
  ],
  'GET /api/v1/subscriptions': [{ url: '/api/v1/subscriptions' }],
  'GET /api/v1/subscriptions/:id': [{ url: '/api/v1/subscriptions/copilot-platform' }],
  'PUT /api/v1/subscriptions/:id': [
    {
      method: 'PUT',
      url: '/api/v1/subscriptions/cursor-ana',
      payload: {
        vendor: 'cursor',
        plan: 'Business',
        amount: '40',
        user: 'ana.silva',
        startDate: '2026-11-01',
      },
    },
  ],
  'GET /v1/transactions': [{ url: '/v1/transactions?limit=20' }],
  'GET /healthz': [{ url: '/healthz' }],
};

/** The ISO week (2026-W49) of a day, as weekly reports are named. */
function isoWeek(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The paths of a schema's mismatches, readable in a failure. */
function mismatches(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Routes the document need not describe: the dashboard, the reference page's own files, the gateway. */
const UNDOCUMENTED = [/^GET \*$/, /^GET \/api\/docs(\/|$)/];

describe('the API contract (src/domain/api), over the routes', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, unknown>> };
  /** Ids an example names as `{anomaly}` or `{incident}`: the first of the demo's. */
  const ids: Record<string, string> = {};
  let upstream: Server;
  beforeAll(async () => {
    t = await startTestApp();
    await loadDemo(t.ctx);
    await refreshAnomalies(t.ctx, t.ctx.config.org);
    doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    // A daily report raises its summary alert: the alert history has one to read.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports/run',
      headers: t.auth,
      payload: { kind: 'daily' },
    });
    const alerts = (await t.app.inject({ url: '/api/v1/alerts', headers: t.auth })).json();
    ids.alert = alerts.alerts[0].id;
    ids.now = new Date().toISOString();
    ids.adminToken = t.auth.authorization.slice('Bearer '.length);
    // An OpenAI admin API with nothing to report, so a source's sync ends at once.
    upstream = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null }));
    });
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    ids.upstream = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attribution/rules',
      headers: t.auth,
      payload: { match: { apiKey: 'key_contract' }, set: { project: 'contract' } },
    });
    ids.rule = rule.json().id;
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: t.auth,
      payload: { scopes: ['ingest'], label: 'to revoke' },
    });
    ids.token = token.json().id;
    const reports = (await t.app.inject({ url: '/api/v1/reports', headers: t.auth })).json().reports;
    ids.dailyReport = reports.find((r: { kind: string }) => r.kind === 'daily')?.id;
    ids.weeklyReport = `report-${isoWeek(new Date(Date.now() - 7 * 86_400_000))}`;
    ids.hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    for (const kind of ['anomaly', 'incident']) {
      const list = (
        await t.app.inject({
          url: `/api/v1/${kind === 'anomaly' ? 'anomalies' : 'incidents'}`,
          headers: t.auth,
        })
      ).json();
      ids[kind] = list[0].id;
    }
  }, 180_000);
  afterAll(async () => {
    upstream?.close();
    await t?.close();
  });

  const fill = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replace(/\{(\w+)\}/g, (m, name: string) => ids[name] ?? m));
  /** Remembers what later examples name: the invitation link's token. */
  const remember = (url: string, body: string) => {
    const link = /\/invite\/(inv_[\w-]+)/.exec(body);
    if (url === '/api/v1/users' && link) ids.invitation = link[1] as string;
    const job = /"job_id":"([\w-]+)"/.exec(body);
    if (url === '/v1/analyse-spend' && job) ids.job = job[1] as string;
  };
  const send = (e: Example) =>
    t.app.inject({
      method: e.method ?? (e.payload === undefined ? 'GET' : 'POST'),
      url: e.url.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name),
      headers: t.auth,
      ...(e.payload === undefined ? {} : { payload: fill(e.payload) as object }),
      ...(e.contentType ? { headers: { ...t.auth, 'content-type': e.contentType } } : {}),
    });

  it('describes every route the app serves in the contract and the OpenAPI document, and nothing it does not serve', () => {
    const routes = appRoutes(t.app);
    expect(routes.length).toBeGreaterThan(60);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = routes.filter((r) => !UNDOCUMENTED.some((u) => u.test(r)));
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
    expect(Object.keys(CONTRACT).filter((key) => !routes.includes(key))).toEqual([]);
    // Every route the app serves answers what the contract says, and this test sends it a request.
    expect(served.filter((r) => !CONTRACT[r])).toEqual([]);
  });

  it('has an example request for every operation of the contract', () => {
    expect(Object.keys(CONTRACT).filter((key) => !EXAMPLES[key]?.length)).toEqual([]);
  });

  for (const [key, contract] of Object.entries(CONTRACT)) {
    it(`${key} answers what its schema describes`, async () => {
      for (const example of EXAMPLES[key] ?? []) {
        let res = await send(example);
        for (let i = 0; example.until && !example.until(res.body) && i < 50; i++) {
          await new Promise((done) => setTimeout(done, 100));
          res = await send(example);
        }
        remember(example.url, res.body);
        expect({ url: example.url, status: res.statusCode }).toEqual({
          url: example.url,
          status: contract.status,
        });
        if (contract.response) {
          expect({ url: example.url, mismatches: mismatches(contract.response, res.json()) }).toEqual({
            url: example.url,
            mismatches: [],
          });
        } else if (contract.contentType) {
          expect(res.headers['content-type']).toMatch(new RegExp(`^${contract.contentType}`));
          expect(res.body.length).toBeGreaterThan(0);
        } else {
          expect(res.body).toBe('');
        }
      }
    });
  }

  it('takes each response schema in the document from the contract, and errors as the Error schema', () => {
    const spend = doc.paths['/api/v1/spend']?.get as { responses: Record<string, { content?: unknown }> };
    expect(spend.responses['200']?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Spend' } },
    });
    expect(spend.responses['401']?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
    });
    const components = (
      doc as unknown as { components: { schemas: Record<string, { required?: string[] }> } }
    ).components.schemas;
    expect(components.Spend?.required).toEqual(
      expect.arrayContaining(['currency', 'rows', 'totals', 'groupBy', 'bucket', 'tz']),
    );
  });

  it('generates request bodies from the schemas the routes validate with, and every example body passes its schema', () => {
    type Op = { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } };
    const op = (path: string, method: string) =>
      (doc.paths[path]?.[method] as Op | undefined)?.requestBody?.content['application/json']?.schema;
    expect(op('/api/v1/budgets', 'post')?.required).toEqual(['amount']);
    expect(op('/api/v1/tokens', 'post')?.required).toEqual(['scopes']);
    const refused: string[] = [];
    for (const [key, body] of Object.entries(BODIES)) {
      for (const example of EXAMPLES[key] ?? []) {
        if (example.payload !== undefined && !body.safeParse(fill(example.payload)).success)
          refused.push(key);
      }
    }
    expect(refused).toEqual([]);
  });

  it('fails an answer with a field the contract does not describe, or without one it requires', async () => {
    const spend = (await send({ url: '/api/v1/spend' })).json();
    expect(mismatches(SpendResponse, spend)).toEqual([]);
    expect(mismatches(SpendResponse, { ...spend, extra: 1 })).toEqual(['(root): Unrecognized key: "extra"']);
    const { currency: _, ...noCurrency } = spend;
    expect(mismatches(SpendResponse, noCurrency)[0]).toMatch(/^currency: /);
    expect(mismatches(SpendResponse, { ...spend, totals: { ...spend.totals, cost: 1.5 } })[0]).toMatch(
      /^totals\.cost: /,
    );
    const page = (await send({ url: '/api/v1/usage?limit=1' })).json();
    expect(mismatches(UsagePage, page)).toEqual([]);
    const [first] = page.records;
    expect(mismatches(UsagePage, { ...page, records: [{ ...first, cost: '1,5' }] })[0]).toMatch(
      /^records\.0\.cost: /,
    );
  });

  it('serves a readable reference page at /api/docs over the same document', async () => {
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const json = await t.app.inject({ url: '/api/docs/json' });
    expect(json.json()).toEqual(doc);
    const old = await t.app.inject({ url: '/api/docs/openapi.json' });
    expect(old.json()).toEqual(doc);
  });
});
