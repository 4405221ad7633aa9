import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { decimalToScaled } from '../../src/domain/money.ts';
import type { SummaryJson } from '../../src/present/json/summary.ts';
import { startTestApp, TEST_TOKEN, type TestApp } from '../helpers/app.ts';
import { type N8nWorkflow, NODE_VERSIONS, readWorkflow, WORKFLOW_FILES } from '../helpers/n8n.ts';
import { type HttpCall, type RunOptions, runWorkflow } from '../helpers/n8n-run.ts';
import { makeRecord } from '../helpers/records.ts';

const SPENDLENS = 'https://spendlens.example.com';
const SLACK = 'https://hooks.slack.com/';
const micros = (decimal: string) => decimalToScaled(decimal, 6)!;
const twoPlaces = (m: bigint) =>
  `${m / 1_000_000n}.${String(((m % 1_000_000n) + 5_000n) / 10_000n).padStart(2, '0')}`;

/** The node names a node's outputs lead to. */
const targets = (wf: N8nWorkflow, name: string) =>
  (wf.connections[name]?.main ?? []).flat().map((c) => c.node);

function reachable(wf: N8nWorkflow, from: string): Set<string> {
  const seen = new Set([from]);
  for (const name of seen) for (const next of targets(wf, name)) seen.add(next);
  return seen;
}

describe.each(WORKFLOW_FILES)('docs/n8n/%s as n8n 1.123 imports it', (file) => {
  const wf = readWorkflow(file);

  it('has nodes with the fields n8n requires, of real node types and typeVersions', () => {
    expect(wf.name).toMatch(/^spendlens /);
    expect(wf.settings).toEqual({ executionOrder: 'v1', timezone: 'UTC' });
    for (const n of wf.nodes) {
      expect(n.id, n.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(n.name).toEqual(expect.any(String));
      expect(NODE_VERSIONS[n.type], `${n.name}: ${n.type}`).toContain(n.typeVersion);
      expect(n.position).toEqual([expect.any(Number), expect.any(Number)]);
      expect(n.parameters).toEqual(expect.any(Object));
    }
    expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
    expect(new Set(wf.nodes.map((n) => n.name)).size).toBe(wf.nodes.length);
  });

  it('connects only existing nodes, and both triggers reach every node', () => {
    const names = new Set(wf.nodes.map((n) => n.name));
    for (const [from, outputs] of Object.entries(wf.connections)) {
      expect(names, `connection from ${from}`).toContain(from);
      for (const c of outputs.main.flat()) {
        expect(names, `${from} → ${c.node}`).toContain(c.node);
        expect(c).toMatchObject({ type: 'main', index: 0 });
      }
    }
    const trigger = (type: string) => wf.nodes.filter((n) => n.type === `n8n-nodes-base.${type}`);
    expect(trigger('manualTrigger')).toHaveLength(1);
    expect(trigger('scheduleTrigger')).toHaveLength(1);
    for (const t of [...trigger('manualTrigger'), ...trigger('scheduleTrigger')]) {
      const others = wf.nodes.filter((n) => !n.type.endsWith('Trigger')).map((n) => n.name);
      expect([...reachable(wf, t.name)]).toEqual(expect.arrayContaining(others));
    }
  });

  it('reads the server and the token from one place: Settings and the "spendlens token" credential', () => {
    const http = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest');
    const spendlens = http.filter((n) => n.name !== 'Post to Slack');
    expect(spendlens.length).toBeGreaterThanOrEqual(2);
    for (const n of spendlens) {
      expect(n.parameters.url, n.name).toMatch(/^=\{\{ \$\('Settings'\)\.first\(\)\.json\.baseUrl \}\}\//);
      expect(n.parameters).toMatchObject({
        authentication: 'genericCredentialType',
        genericAuthType: 'httpHeaderAuth',
      });
      expect(n.credentials).toEqual({ httpHeaderAuth: { id: '', name: 'spendlens token' } });
    }
    expect(JSON.stringify(wf)).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});

// why: the first summary works out every anomaly's drivers over 90 days, slow on a loaded 2-core machine.
describe('the n8n workflows replayed against a live spendlens with demo data', { timeout: 120_000 }, () => {
  // The schedule's 07:00 on a Wednesday; "yesterday" holds 90 days of demo spend before it and a spike.
  const now = new Date('2026-11-18T07:00:00Z');
  const today = new Date('2026-11-18T00:00:00Z');
  let t: TestApp;
  let readToken = '';

  const options = (day: Date, posts: string[], token: string): RunOptions => ({
    today: day,
    credentials: { 'spendlens token': { name: 'Authorization', value: `Bearer ${token}` } },
    waitMs: 20,
    async send({ method, url, headers, body }) {
      if (url.startsWith(SLACK)) {
        posts.push((body as { text: string }).text);
        return { status: 200, body: 'ok' };
      }
      if (!url.startsWith(`${SPENDLENS}/`)) throw new Error(`a request to ${url}`);
      const res = await t.app.inject({
        method: method as 'GET' | 'POST',
        url: url.slice(SPENDLENS.length),
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, body: res.json() };
    },
  });
  const responses = (calls: HttpCall[], node: string) => calls.filter((c) => c.node === node);
  /** Runs a docs workflow as on `day`'s 07:00; what it posted to Slack beside its calls. */
  const run = async (file: string, day: Date, token = TEST_TOKEN) => {
    const posts: string[] = [];
    return { ...(await runWorkflow(readWorkflow(file), options(day, posts, token))), posts };
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    await loadDemo(t.ctx);
    // A notebook left on the dearest model all afternoon, and one call on a model without a price.
    const spike = Array.from({ length: 400 }, (_, i) =>
      makeRecord({
        id: `spike-${i}`,
        org: t.ctx.config.org,
        timestamp: new Date(Date.parse('2026-11-17T13:00:00Z') + i * 20_000),
        model: 'claude-opus-4-1',
        provider: 'anthropic',
        user: 'sofia.rossi',
        team: 'research',
        project: 'churn-model',
        costMicros: 250_000,
      }),
    );
    const unpriced = makeRecord({
      id: 'unpriced-1',
      org: t.ctx.config.org,
      timestamp: new Date('2026-11-17T15:00:00Z'),
      model: 'acme-llm-2',
      costMicros: null,
      costKind: 'unpriced',
    });
    await t.ctx.usage.insertUsage([...spike, unpriced]);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: t.auth,
      payload: { scopes: ['read'] },
    });
    readToken = (made.json() as { token: string }).token;
  }, 120_000);
  afterAll(() => t.close());

  it('daily digest: pages the whole day, sums to the summary total, posts anomalies, top users, cost per output token and cost centres by user id', async () => {
    const { calls, posts } = await run('daily-digest.json', today);
    for (const c of calls.filter((c) => c.url.startsWith(SPENDLENS))) expect(c.status, c.url).toBe(200);

    const [summaryCall] = responses(calls, 'Summary');
    expect(new URL(summaryCall!.url).search).toBe('?from=2026-11-17&to=2026-11-18');
    const s = summaryCall!.response as Summary;
    expect(s).toMatchObject({
      currency: 'USD',
      totalCost: expect.stringMatching(/^\d+\.\d{6}$/),
      changePercent: expect.any(Number),
      totals: { requests: expect.any(Number) },
      byUser: expect.arrayContaining([
        expect.objectContaining({ user: 'sofia.rossi', cost: expect.any(String) }),
      ]),
    });
    expect(s.byProject[0]?.costPerOutputToken).toMatch(/^\d+\.\d{12}$/);
    const anomalies = s.anomalies;
    expect(anomalies.length).toBeGreaterThan(0);

    const pages = responses(calls, 'Pull records').map(
      (c) => c.response as { records: Rec[]; nextCursor: string | null },
    );
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages.slice(0, -1)) {
      expect(page.records).toHaveLength(1000);
      expect(page.nextCursor).toEqual(expect.any(String));
    }
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const records = pages.flatMap((p) => p.records);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records.length).toBe(s.totals.requests);
    const priced = records.filter((r) => r.cost !== null);
    expect(priced.reduce((sum, r) => sum + micros(r.cost!), 0n)).toBe(micros(s.totalCost));

    expect(posts).toHaveLength(1);
    const text = posts[0]!;
    expect(text).toContain(`AI spend on 2026-11-17: USD ${twoPlaces(micros(s.totalCost))}`);
    const top = s.byUser[0] as Summary['byUser'][number] & { user: string };
    expect(text).toContain(`Top users: ${top.user} ${twoPlaces(micros(top.cost))}`);
    expect(text).toMatch(/Top projects: \S+ \d+\.\d\d \(USD \d+\.\d\d per 1M output tokens\)/);
    for (const a of anomalies.slice(0, 5))
      expect(text).toContain(`:rotating_light: ${a.severity}: ${a.description}`);
    expect(text).toContain('1 call on a model without a price');
    // Cost centres keyed by user id: ana.silva, tom.becker and svc-nightly are CC-100.
    const platform = priced
      .filter((r) => ['ana.silva', 'tom.becker', 'svc-nightly'].includes(r.user ?? ''))
      .reduce((sum, r) => sum + micros(r.cost!), 0n);
    expect(platform).toBeGreaterThan(0n);
    expect(text).toContain(`CC-100 Platform ${twoPlaces(platform)}`);
    expect(text).toContain('unassigned');
  });

  it('daily digest on a day without spend, with a read-only token: posts that there was none', async () => {
    const { calls, posts } = await run('daily-digest.json', new Date('2026-01-10T00:00:00Z'), readToken);
    const pages = responses(calls, 'Pull records');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ status: 200, response: { records: [], nextCursor: null } });
    expect(responses(calls, 'Summary')[0]?.response).toMatchObject({
      totalCost: '0.000000',
      totals: { requests: 0 },
    });
    expect(posts).toEqual(['No AI spend on 2026-01-09 (UTC): spendlens recorded no calls that day.']);
  });

  it('analyse → wait → poll: starts a job, polls it until complete and posts its digest, the total the summary gives', async () => {
    const { calls, posts } = await run('analyse-and-poll.json', today);
    const [start] = responses(calls, 'Start analysis');
    expect(start).toMatchObject({
      method: 'POST',
      url: `${SPENDLENS}/v1/analyse-spend`,
      body: { period: { start: '2026-11-17', end: '2026-11-17' } },
      status: 202,
      response: { job_id: expect.any(String), status: 'processing' },
    });
    const polls = responses(calls, 'Get results');
    for (const p of polls) {
      expect(p.url).toBe(`${SPENDLENS}/v1/jobs/${(start!.response as { job_id: string }).job_id}/results`);
      expect(p.status).toBe(200);
    }
    const result = polls.at(-1)!.response as Analysis;
    expect(result).toMatchObject({
      status: 'complete',
      currency: 'USD',
      summary: { total_spend: expect.any(Number), spend_change_percent: expect.any(Number) },
      by_user: expect.arrayContaining([
        expect.objectContaining({ user_id: 'sofia.rossi', transactions: expect.any(Number) }),
      ]),
    });
    const summary = await t.app.inject({
      url: '/api/v1/summary?from=2026-11-17&to=2026-11-18',
      headers: t.auth,
    });
    expect(result.summary.total_spend).toBe(Number(summary.json().totalCost));
    expect(result.by_project[0]?.cost_per_token_out).toEqual(expect.any(Number));
    expect(result.anomalies.length).toBeGreaterThan(0);

    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(`AI spend on 2026-11-17: USD ${result.summary.total_spend.toFixed(2)}`);
    expect(posts[0]).toContain(`Top users: ${result.by_user[0]?.user_id}`);
    expect(posts[0]).toMatch(/per 1M output tokens/);
    expect(posts[0]).toContain(
      `:rotating_light: ${result.anomalies[0]?.severity}: ${result.anomalies[0]?.description}`,
    );
  });

  it('analyse → wait → poll on a day without spend, with a read-only token: posts that there was none', async () => {
    const { calls, posts } = await run('analyse-and-poll.json', new Date('2026-01-10T00:00:00Z'), readToken);
    expect(responses(calls, 'Get results').at(-1)?.response).toMatchObject({
      status: 'complete',
      by_user: [],
    });
    expect(posts).toEqual(['No AI spend on 2026-01-09 (UTC): spendlens recorded no calls that day.']);
  });
});

type Summary = SummaryJson & { anomalies: { severity: string; description: string }[] };

interface Rec {
  id: string;
  user: string | null;
  cost: string | null;
}

interface Analysis {
  summary: { total_spend: number };
  by_user: { user_id: string | null; total_spend: number; transactions: number }[];
  by_project: { project_id: string | null; cost_per_token_out: number | null }[];
  anomalies: { severity: string; description: string }[];
}
