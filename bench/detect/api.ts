import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atLeast, type Severity } from '../../src/analyze/severity.ts';
import { ensureAdminToken } from '../../src/app/auth.ts';
import { operator } from '../../src/app/identity/guard.ts';
import { createToken } from '../../src/app/identity/tokens.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { DAY_MS } from '../../src/lib/time.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { FIRST_SPIKE_DAY, type LabelledDaily } from './daily-series.ts';

export interface ApiScore {
  series: number;
  days: number;
  evaluatedDays: number;
  spikes: number;
  found: number;
  /** Anomalies at medium or above that overlap no labelled spike. */
  falseMedium: number;
  /** Anomalies of any severity that overlap no labelled spike. */
  falseAny: number;
  /** Of the false medium+ ones: those starting before FIRST_SPIKE_DAY (the baseline's first weeks)… */
  falseLearning: number;
  /** …and those starting within six weeks after a level shift (its onset, then the weekly shape re-learning). */
  falseAtShifts: number;
  /** Anomalies stored historical (old news when the import's examination found them), and all of them. */
  historical: number;
  anomalies: number;
  importSeconds: number;
  querySeconds: number;
}

/** Day 0 of every series; the clock stands at 06:00 UTC the day after the last one. */
const DAY0 = Date.parse('2026-08-09T00:00:00Z');
const ADMIN = 'bench-detect-admin-token-0123456789';

/**
 * The labelled series through the product: each series is one org's spend (one record a day), all of
 * its days posted at once to `POST /api/v1/usage` as an import would bring them, then the whole range
 * asked of `GET /api/v1/anomalies?from=…&to=…` on a DuckDB store, and the org-scope anomalies scored.
 */
export async function scoreThroughApi(all: LabelledDaily[], days: number): Promise<ApiScore> {
  const now = new Date(DAY0 + days * DAY_MS + 6 * 3_600_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-bench-detect-'));
  const config = loadConfig({ dataDir }, { SPENDLENS_ADMIN_TOKEN: ADMIN });
  const ctx = await openContext(config, () => now);
  await ensureAdminToken(ctx);
  const app = buildApp(ctx);
  await app.ready();
  const s: ApiScore = {
    series: all.length,
    days,
    evaluatedDays: all.length * (days - FIRST_SPIKE_DAY),
    spikes: 0,
    found: 0,
    falseMedium: 0,
    falseAny: 0,
    falseLearning: 0,
    falseAtShifts: 0,
    historical: 0,
    anomalies: 0,
    importSeconds: 0,
    querySeconds: 0,
  };
  try {
    const orgs = all.map((_, i) => `bench-s${String(i).padStart(2, '0')}`);
    const tokens: string[] = [];
    for (const org of orgs) {
      tokens.push((await createToken(ctx, org, { scopes: ['read', 'ingest'] }, operator(org))).token);
    }
    let t = performance.now();
    for (const [i, series] of all.entries()) await post(app, tokens[i]!, records(series));
    s.importSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const range = `from=${new Date(DAY0).toISOString()}&to=${now.toISOString()}`;
    for (const [i, series] of all.entries()) {
      const url = `/api/v1/anomalies?kind=daily&dimension=org&${range}&limit=1000`;
      const res = await app.inject({ method: 'GET', url, headers: bearer(tokens[i]!) });
      if (res.statusCode !== 200) throw new Error(`GET anomalies: ${res.statusCode} ${res.body}`);
      score(series, res.json(), s);
    }
    s.querySeconds = (performance.now() - t) / 1000;
  } finally {
    await app.close();
    await ctx.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return s;
}

interface Found {
  periodStart: string;
  periodEnd: string;
  severity: Severity;
  historical: boolean;
}

function score(series: LabelledDaily, found: Found[], s: ApiScore) {
  const spans = found.map((a) => ({
    a,
    from: Math.round((Date.parse(a.periodStart) - DAY0) / DAY_MS),
    to: Math.round((Date.parse(a.periodEnd) - DAY0) / DAY_MS),
  }));
  const hits = (p: LabelledDaily['spikes'][number], x: { from: number; to: number }) =>
    x.from < p.start + p.length && p.start < x.to;
  for (const spike of series.spikes) {
    s.spikes++;
    if (spans.some((x) => hits(spike, x))) s.found++;
  }
  for (const x of spans) {
    s.anomalies++;
    if (x.a.historical) s.historical++;
    if (series.spikes.some((p) => hits(p, x))) continue;
    s.falseAny++;
    if (!atLeast(x.a.severity, 'medium')) continue;
    s.falseMedium++;
    if (x.from < FIRST_SPIKE_DAY) s.falseLearning++;
    else if (series.shift && x.from >= series.shift.day && x.from < series.shift.day + 42) s.falseAtShifts++;
  }
}

/** One record a day at noon UTC: the day's spend, exact to the micro-unit. */
function records(series: LabelledDaily) {
  return series.values.map((v, t) => ({
    id: `d${t}`,
    timestamp: new Date(DAY0 + t * DAY_MS + 12 * 3_600_000).toISOString(),
    provider: 'openai',
    model: 'gpt-4o',
    project: 'main',
    cost: v.toFixed(6),
    inputTokens: 1000,
    outputTokens: 100,
  }));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function post(app: Awaited<ReturnType<typeof buildApp>>, token: string, body: unknown[]) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/usage',
    headers: bearer(token),
    payload: body,
  });
  const answer = res.json() as { accepted: number };
  if (res.statusCode >= 300 || answer.accepted !== body.length)
    throw new Error(`POST usage: ${res.statusCode} ${res.body.slice(0, 300)}`);
}
