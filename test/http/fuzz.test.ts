import { availableParallelism, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/app/identity/sessions.ts';
import { querySpend } from '../../src/app/spend.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { type Engine, startTestApp, type TestApp, testEngines } from '../helpers/app.ts';
import {
  edgeNumber,
  hostileJson,
  hostileObject,
  hostileString,
  invalidRecord,
  NASTY,
  NUMBER_EXTREMES,
  NUMBER_LITERAL_EXTREMES,
  NUMBER_TEXT_EXTREMES,
  recordJson,
  validRecord,
} from '../helpers/hostile.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const RUNS = { numRuns: 60 };

/** Random and hostile input at every parser and route that takes input, on DuckDB. */
describe('hostile input', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let org: string;
  /** What the app logged at error level: the cause of a 500, when one happens. */
  const errors: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    app = buildApp(t.ctx, { logStream: { write: (line) => void errors.push(line) }, logLevel: 'error' });
    await app.ready();
    org = t.ctx.config.org;
    const seed = fc.sample(validRecord, { numRuns: 20, seed: 7 }).map(recordJson);
    await send('POST', '/api/v1/usage', seed);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  function send(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const body =
      payload === undefined
        ? {}
        : {
            payload:
              typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
          };
    const type =
      typeof payload === 'string' || Buffer.isBuffer(payload) ? {} : { 'content-type': 'application/json' };
    return app.inject({ method: method as 'GET', url, headers: { ...t.auth, ...type, ...headers }, ...body });
  }

  /**
   * A 2xx, or a 4xx whose JSON body says what was wrong (`error.message`, a compatibility route's
   * `message`, or the usage route's rejections by index and field); never a 5xx or a stack trace.
   */
  function clean(res: LightMyRequestResponse, what: string): void {
    expect(
      res.statusCode,
      `${what}: ${res.body.slice(0, 300)} ${errors.at(-1)?.slice(0, 1500)}`,
    ).toBeLessThan(500);
    expect(res.body, what).not.toMatch(/\n\s+at .+:\d+:\d+|node_modules/);
    if (res.statusCode < 400) return;
    type Rejected = { errors: { path: string; message: string }[] }[];
    const body = res.json() as { error?: { message?: unknown }; message?: unknown; rejected?: Rejected };
    const named =
      body.rejected?.length && body.rejected.every((r) => r.errors.every((e) => e.path && e.message));
    const message = body.error?.message ?? body.message ?? (named ? 'rejected' : undefined);
    expect(typeof message === 'string' && message.length > 0, `${what}: ${res.body.slice(0, 300)}`).toBe(
      true,
    );
  }

  /** The ledger's size and sums, to tell a write that should not have happened. */
  async function ledger() {
    const totals = (await querySpend(t.ctx, { org, groupBy: [] })).totals;
    return { records: await t.ctx.usage.countUsage(org), cost: totals.costMicros, requests: totals.requests };
  }

  const still = async () => expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);

  it('POST /api/v1/usage: any JSON is taken or refused whole, with the ledger unchanged on refusal', async () => {
    const body = fc.oneof(
      hostileJson,
      fc.array(
        hostileObject(['id', 'timestamp', 'provider', 'model', 'cost', 'tags', 'inputTokens', 'currency']),
        { maxLength: 5 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await ledger();
        const res = await send('POST', '/api/v1/usage', payload);
        clean(res, 'usage');
        const after = await ledger();
        const landed = res.statusCode < 300 ? (res.json().accepted as number) : 0;
        expect(after.records - before.records).toBe(landed);
        if (res.statusCode >= 400) expect(after).toEqual(before);
      }),
      RUNS,
    );
    await still();
  });

  it('POST /api/v1/usage: a mixed batch lands exactly its valid records, and names each bad one', async () => {
    const batch = fc.tuple(
      fc.array(validRecord, { maxLength: 6 }),
      fc.array(invalidRecord, { maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(batch, fc.infiniteStream(fc.boolean()), async ([good, bad], coin) => {
        const items = [
          ...good.map((r) => ({ ok: true, json: recordJson(r), micros: r.costMicros })),
          ...bad.map((json) => ({ ok: false, json, micros: 0n })),
        ];
        items.sort(() => (coin.next().value ? 1 : -1));
        fc.pre(items.length > 0);
        const before = await ledger();
        const res = await send(
          'POST',
          '/api/v1/usage',
          items.map((i) => i.json),
        );
        clean(res, 'mixed batch');
        const after = await ledger();
        expect(after.records - before.records).toBe(good.length);
        expect(after.cost - before.cost).toBe(good.reduce((s, r) => s + r.costMicros, 0n));
        const rejected = res.json().rejected.map((r: { index: number }) => r.index);
        expect(rejected).toEqual(items.flatMap((i, n) => (i.ok ? [] : [n])));
        expect(res.statusCode).toBe(good.length ? 200 : 400);
      }),
      RUNS,
    );
  });

  it('POST /api/v1/usage as NDJSON: bad lines and bad records reject only themselves', async () => {
    const garbage = fc.oneof(
      fc.constantFrom('{', 'nope', '[1,', '{"a":}', '"unterminated', '\u0000'),
      fc.string({ maxLength: 30 }).filter((s) => !s.includes('\n') && !isJson(s)),
    );
    const line = fc.oneof(
      validRecord.map((r) => ({ ok: true, text: JSON.stringify(recordJson(r)) })),
      invalidRecord.map((r) => ({ ok: false, text: JSON.stringify(r) })),
      garbage.map((text) => ({ ok: false, text })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
        fc.pre(lines.some((l) => l.text.trim() !== ''));
        const before = await ledger();
        const res = await send('POST', '/api/v1/usage', lines.map((l) => l.text).join('\n'), {
          'content-type': 'application/x-ndjson',
        });
        clean(res, 'ndjson');
        const after = await ledger();
        expect(after.records - before.records).toBe(lines.filter((l) => l.ok).length);
      }),
      RUNS,
    );
    await still();
  });

  it('POST /v1/traces (JSON): no crash and no write on a refusal', async () => {
    const attr = fc.record({
      key: fc.oneof(
        fc.constantFrom(
          'gen_ai.request.model',
          'gen_ai.usage.input_tokens',
          'gen_ai.provider.name',
          'gen_ai.operation.name',
        ),
        hostileString,
      ),
      value: hostileObject(['stringValue', 'intValue', 'doubleValue', 'boolValue', 'arrayValue']),
    });
    const span = hostileObject(
      ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano', 'attributes'],
      [
        fc.array(attr, { maxLength: 4 }),
        fc.constantFrom('1700000000000000000', '-1', '99999999999999999999999'),
      ],
    );
    const body = fc.oneof(
      hostileJson,
      fc
        .array(span, { maxLength: 3 })
        .map((spans) => ({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }] })),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (payload, gzip) => {
        const before = await ledger();
        const raw = Buffer.from(JSON.stringify(payload) ?? 'null');
        const res = await send('POST', '/v1/traces', gzip ? gzipSync(raw) : raw, {
          'content-type': 'application/json',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        });
        clean(res, 'otlp');
        if (res.statusCode >= 400) expect(await ledger()).toEqual(before);
      }),
      RUNS,
    );
    await still();
  });

  it('POST /api/v2/write: odd line protocol writes only what it says it wrote', async () => {
    const piece = fc.oneof(
      hostileString,
      fc.constantFrom(
        'ai_costs',
        'cpu',
        'model=gpt-4o',
        'user_id=ana',
        'tokens=10i',
        'cost=0.5',
        'cost=-1',
        'tokens=1e400',
        ',',
        ' ',
        '=',
        '\\',
        '"',
      ),
    );
    const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const body = fc
      .array(
        fc.oneof(
          line,
          fc.constant('ai_costs,model=gpt-4o,user_id=ana tokens=5i,cost=0.25 1763640000000000000'),
        ),
        { maxLength: 5 },
      )
      .map((l) => l.join('\n'));
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('', '?precision=s', '?precision=weird', '?precision=__proto__'),
        async (text, q) => {
          const before = await ledger();
          const res = await send('POST', `/api/v2/write${q}`, text, { 'content-type': 'text/plain' });
          clean(res, 'influx');
          const grew = (await ledger()).records - before.records;
          const written = /\((\d+) written\)/.exec(res.body)?.[1];
          if (res.statusCode === 204) expect(grew).toBeLessThanOrEqual(text.split('\n').length);
          else expect(grew).toBeLessThanOrEqual(Number(written ?? 0));
        },
      ),
      RUNS,
    );
    await still();
  });

  it('POST /api/v1/activity: a bad item refuses the whole call', async () => {
    const item = hostileObject(
      ['id', 'user', 'context', 'project', 'team', 'start', 'end'],
      [fc.constantFrom('2026-11-19T10:00:00Z', '2026-11-19T11:00:00+02:00', 'ana', 'notebook')],
    );
    const range = '/api/v1/activity?from=2000-01-01&to=2030-01-01';
    await fc.assert(
      fc.asyncProperty(fc.oneof(item, fc.array(item, { maxLength: 4 })), async (payload) => {
        const before = (await send('GET', range)).json().activities.length;
        const res = await send('POST', '/api/v1/activity', payload);
        clean(res, 'activity');
        const after = (await send('GET', range)).json().activities.length;
        if (res.statusCode >= 400) expect(after).toBe(before);
      }),
      RUNS,
    );
  });

  it('POST /api/v1/budgets and /api/v1/channels: refused bodies leave nothing behind', async () => {
    const budget = hostileObject(
      ['id', 'name', 'scope', 'period', 'amount', 'currency', 'thresholds', 'alertOnForecast'],
      [
        fc.constantFrom('fz-b', 'month', '100', 'USD', 'EUR'),
        fc.record({ dimension: hostileString, value: hostileString }),
        fc.array(edgeNumber, { maxLength: 3 }),
      ],
    );
    const channel = hostileObject(
      ['id', 'kind', 'to', 'from', 'events', 'scope', 'minSeverity', 'enabled', 'url', 'secret'],
      [
        fc.constantFrom('fz-c', 'log', 'slack', 'webhook', 'email', 'https://example.com/hook'),
        fc.array(hostileString, { maxLength: 3 }),
      ],
    );
    for (const [path, list, arb] of [
      ['/api/v1/budgets', 'budgets', budget],
      ['/api/v1/channels', 'channels', channel],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(arb, async (payload) => {
          const before = (await send('GET', path)).json()[list].length;
          const res = await send('POST', path, payload);
          clean(res, path);
          const after = (await send('GET', path)).json()[list];
          expect(after.length).toBe(before + (res.statusCode === 201 ? 1 : 0));
          if (res.statusCode === 201)
            expect((await send('DELETE', `${path}/${res.json().id}`)).statusCode).toBe(204);
        }),
        RUNS,
      );
    }
    await still();
  });

  it('POST /api/session: no body signs anyone in, and none crashes it', async () => {
    const body = hostileObject(
      ['email', 'password', 'token'],
      [fc.constantFrom('owner@acme.example', 'x@y.z')],
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        clean(res, 'session');
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
      RUNS,
    );
    await still();
  });

  it('query strings of the read routes: always an answer or a 4xx naming the problem', async () => {
    const keys = fc.oneof(
      fc.constantFrom(
        'from',
        'to',
        'groupBy',
        'bucket',
        'tz',
        'limit',
        'cursor',
        'team',
        'user',
        'model',
        'project',
        'tag.env',
        'tag:__proto__',
        'status',
        'kind',
        'severity',
        'dimension',
        'value',
        'budget',
        'date_from',
        'date_to',
        'offset',
        '__proto__',
        'constructor',
      ),
      hostileString,
    );
    const values = fc.oneof(
      hostileString,
      fc.constantFrom(
        'team',
        'user,team,model,project,provider',
        'tag:env',
        'day',
        'hour',
        'week',
        'month',
        '(none)',
        'open',
        'daily',
        'critical',
        '2026-11-01',
        '2026-11-19T00:00:00Z',
        '0000-01-01',
        '9999-12-31',
        '1000',
        '0',
      ),
    );
    const pair = fc.tuple(keys, values).map(([k, v]) => `${percent(k)}=${percent(v)}`);
    const raw = fc.oneof(
      fc.array(pair, { maxLength: 6 }).map((p) => p.join('&')),
      fc.constantFrom(
        'a=%',
        '%E0%A4%A=1',
        'groupBy=team&groupBy=user',
        'from=&to=',
        '&&&=',
        `tz=${'A'.repeat(5000)}`,
        'limit=1e3',
        'cursor=eyJ4Ijox',
      ),
    );
    const routes = [
      '/api/v1/spend',
      '/api/v1/usage',
      '/api/v1/summary',
      '/api/v1/anomalies',
      '/api/v1/forecast',
      '/v1/transactions',
      '/api/v1/export/focus',
      '/api/v1/baseline',
      '/metrics',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), raw, async (route, query) => {
        const res = await send('GET', `${route}?${query}`);
        clean(res, `${route}?${query.slice(0, 200)}`);
      }),
      { numRuns: 150 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    await still();
  });

  it('keeps answering a session cookie of garbage, and a cookie session after all of it', async () => {
    for (const cookie of NASTY.slice(0, 20)) {
      const res = await app.inject({
        url: '/api/v1/spend',
        headers: { cookie: `spendlens_session=${encodeURIComponent(cookie)}` },
      });
      clean(res, `cookie ${cookie}`);
    }
    const owner = await t.ctx.identity.listTokens(org);
    expect(owner.length).toBeGreaterThan(0);
    const session = await createSession(t.ctx, { org, tokenId: owner[0]!.id });
    const res = await app.inject({
      url: '/api/v1/summary',
      headers: { cookie: `spendlens_session=${session.id}` },
    });
    expect(res.statusCode).toBe(200);
  });
});

const engines = await testEngines('numeric extremes');

/**
 * 1 s per request on an idle machine. why: other test runs may share the CPUs; the budget grows with the
 * load per core so a busy machine does not fail a fast request, while a stall (14 s before) still fails.
 */
const budgetMs = () => 1000 * Math.max(1, loadavg()[0]! / availableParallelism());

/**
 * Numeric extremes at every route that reads a number (issue 13): each answer comes within 1 s, is never
 * a 5xx, never echoes a long number, and the reports keep exact totals past 2^53 afterwards.
 */
describe.each(engines)('numeric extremes (%s)', (engine: Engine) => {
  let t: TestApp;
  let app: FastifyInstance;
  const errors: string[] = [];
  const texts = [...NUMBER_TEXT_EXTREMES, ...NUMBER_EXTREMES];
  const FIELDS = ['cost', 'inputTokens', 'outputTokens', 'cacheReadTokens', 'reasoningTokens', 'requests'];
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW, engine);
    app = buildApp(t.ctx, { logStream: { write: (line) => void errors.push(line) }, logLevel: 'error' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** One request, timed: under 1 s, no 5xx, and no run of 100 digits echoed back. */
  async function timed(method: string, url: string, payload?: unknown, type = 'application/json') {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const started = performance.now();
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...t.auth, ...(payload === undefined ? {} : { 'content-type': type }) },
      ...(payload === undefined ? {} : { payload: body }),
    });
    const elapsed = performance.now() - started;
    const what = `${method} ${url} ${String(body).slice(0, 120)}`;
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)} ${errors.at(-1)?.slice(0, 800)}`).toBeLessThan(
      500,
    );
    expect(elapsed, what).toBeLessThan(budgetMs());
    expect(res.body, what).not.toMatch(/\d{100}|\n\s+at .+:\d+:\d+/);
    return res;
  }

  const record = (id: string, extra: Record<string, unknown>) => ({
    id,
    timestamp: '2025-03-01T10:00:00Z',
    provider: 'openai',
    model: 'gpt-4o',
    ...extra,
  });

  it('POST /api/v1/usage: each numeric field at each extreme, as text and as a number', async () => {
    for (const [n, value] of texts.entries()) {
      const items = FIELDS.map((field, i) => record(`nx-${n}-${i}`, { [field]: value }));
      const res = await timed('POST', '/api/v1/usage', items);
      for (const r of res.json().rejected as { errors: { path: string; message: string }[] }[])
        for (const e of r.errors) expect(e.message.length, e.message.slice(0, 200)).toBeLessThan(200);
    }
    for (const literal of NUMBER_LITERAL_EXTREMES) {
      const text = `[{"id":"lit","timestamp":"2025-03-01T10:00:00Z","provider":"openai","model":"m","cost":${literal},"inputTokens":${literal}}]`;
      await timed('POST', '/api/v1/usage', text);
      const ndjson = text.slice(1, -1);
      await timed('POST', '/api/v1/usage', ndjson, 'application/x-ndjson');
    }
  });

  it('POST /api/v2/write: integer, unsigned and float fields at each extreme', async () => {
    for (const value of NUMBER_TEXT_EXTREMES) {
      const v = value.trim().replaceAll(' ', '');
      const lines = [
        `ai_costs,model=gpt-4o,user_id=ana tokens=${v}i,cost=${v} 1740823200000000000`,
        `ai_costs,model=gpt-4o,user_id=bo input_tokens=${v}u,output_tokens=${v} 1740823200000000000`,
        `ai_costs,model=gpt-4o,user_id=cy cost="${v}" ${v}`,
      ];
      const res = await timed('POST', '/api/v2/write', lines.join('\n'), 'text/plain');
      if (res.statusCode === 400) expect(res.json().message.length).toBeLessThan(2000);
    }
  });

  it('POST /v1/traces: token counts at each extreme', async () => {
    for (const value of texts) {
      const span = {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        startTimeUnixNano: '1740823200000000000',
        attributes: [
          { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
          { key: 'gen_ai.usage.input_tokens', value: { intValue: value } },
          { key: 'gen_ai.usage.output_tokens', value: { doubleValue: value } },
        ],
      };
      await timed('POST', '/v1/traces', { resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
    }
  });

  it('POST /v1/analyse-spend: costs and tokens at each extreme, and the job that follows', async () => {
    for (const value of texts) {
      const transactions = [
        { timestamp: '2026-11-10T10:00:00Z', cost_usd: value, tokens_in: 5, tokens_out: 5 },
        { timestamp: '2026-11-11T10:00:00Z', cost: 1, tokens_in: value, tokens_out: value },
      ];
      const res = await timed('POST', '/v1/analyse-spend', { transactions });
      if (res.statusCode !== 202) continue;
      const url = `/v1/jobs/${res.json().job_id}/results`;
      let job = (await timed('GET', url)).json();
      for (let i = 0; i < 50 && job.status === 'processing'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = (await timed('GET', url)).json();
      }
      expect(job.status, JSON.stringify(job).slice(0, 300)).toBe('complete');
    }
  });

  it('budgets, price overrides and re-pricing: amounts and prices at each extreme', async () => {
    for (const value of texts) {
      const budget = await timed('POST', '/api/v1/budgets', { id: 'nx', amount: value, period: 'month' });
      if (budget.statusCode === 201) await timed('DELETE', '/api/v1/budgets/nx');
      const price = {
        provider: 'selfhosted',
        model: 'nx-llm',
        effectiveFrom: '2025-01-01',
        input: value,
        output: 1,
      };
      await timed('PUT', '/api/v1/pricing/overrides?reprice=true', price);
    }
    await timed('POST', '/api/v1/usage', [
      record('nx-priced', { provider: 'selfhosted', model: 'nx-llm', inputTokens: 1e12, outputTokens: 1e12 }),
    ]);
    await timed('POST', '/api/v1/pricing/reprice', {});
  });

  it('sums past 2^53 stay exact in every report, and each report answers within 1 s', async () => {
    const at = '2026-11-10T10:00:00Z';
    const costs = Array.from({ length: 10 }, (_, i) => ({
      ...record(`sum-c${i}`, { cost: '1000000000' }),
      timestamp: at,
    }));
    expect((await timed('POST', '/api/v1/usage', costs)).json().accepted).toBe(10);
    // 9008 records of a trillion tokens pass 2^53 (9007199254740992), in four timed posts.
    for (let part = 0; part < 4; part++) {
      const items = Array.from({ length: 2252 }, (_, i) => ({
        ...record(`sum-t${part}-${i}`, { inputTokens: 1e12, cost: '0.000001' }),
        timestamp: at,
      }));
      expect((await timed('POST', '/api/v1/usage', items)).json().accepted).toBe(2252);
    }
    const window = 'from=2026-11-01&to=2026-11-20';
    const exact = { cost: '10000000000.009008', inputTokens: '9008000000000000', requests: 9018 };
    for (const q of [window, `${window}&groupBy=model`, 'from=2026-11-01T00:00:01Z&to=2026-11-20'])
      expect((await timed('GET', `/api/v1/spend?${q}`)).json().totals).toMatchObject(exact);
    const summary = (await timed('GET', `/api/v1/summary?${window}`)).json();
    expect(summary.totalCost).toBe(exact.cost);
    expect(summary.byModel[0]).toMatchObject({ cost: exact.cost, inputTokens: exact.inputTokens });
    for (const url of [
      '/api/v1/forecast',
      '/api/v1/anomalies',
      '/metrics',
      '/api/v1/pricing',
      `/api/v1/usage?${window}`,
    ])
      await timed('GET', url);
    const everything = (await timed('GET', '/api/v1/spend?from=2000-01-01&to=2030-01-01')).json().totals;
    expect(typeof everything.cost).toBe('string');
    expect(everything.inputTokens).toMatch(/^\d+$/);
  });

  it('a day past 2^63 micro-units is an anomaly like any other, and every report still answers', async () => {
    const model = 'spike-model';
    const base = Array.from({ length: 40 }, (_, d) => ({
      ...record(`spk-base-${d}`, { model, cost: String(10 + (d % 3)) }),
      timestamp: new Date(Date.UTC(2026, 9, 10 + d, 10)).toISOString(),
    }));
    await timed('POST', '/api/v1/usage', base);
    // 9,300 records of a billion: 9.3 × 10^18 micro-units in one day, past a 64-bit column.
    for (let part = 0; part < 4; part++) {
      const items = Array.from({ length: 2325 }, (_, i) => ({
        ...record(`spk-${part}-${i}`, { model, cost: '1000000000' }),
        timestamp: '2026-11-19T10:00:00Z',
      }));
      expect((await timed('POST', '/api/v1/usage', items)).json().accepted).toBe(2325);
    }
    const found = (await timed('GET', '/api/v1/anomalies?from=2026-11-01&to=2026-11-20')).json();
    expect(found.some((a: { scope: { value: string } }) => a.scope.value === model)).toBe(true);
    const spend = (await timed('GET', `/api/v1/spend?from=2026-11-19&to=2026-11-20&model=${model}`)).json();
    expect(spend.totals.cost).toBe('9300000000000.000000');
    for (const url of ['/api/v1/summary', '/api/v1/forecast', '/metrics', '/api/v1/budgets'])
      await timed('GET', url);
    for (const kind of ['daily', 'weekly']) {
      const date = kind === 'daily' ? '2026-11-19' : '2026-11-12';
      const run = await timed('POST', '/api/v1/reports/run', { kind, date });
      expect(run.statusCode, run.body.slice(0, 300)).toBeLessThan(300);
    }
    const reports = (await timed('GET', '/api/v1/reports')).json().reports as { id: string }[];
    for (const r of reports) await timed('GET', `/api/v1/reports/${r.id}`);
  });
});

/** Percent-encodes every byte of the UTF-8 (lone surrogates become U+FFFD, as a browser sends them). */
const percent = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
