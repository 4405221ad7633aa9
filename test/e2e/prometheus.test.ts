import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { startTestApp, TEST_TOKEN, type TestApp } from '../helpers/app.ts';
import { dashboardQueries } from '../helpers/grafana.ts';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const DEPLOY = join(import.meta.dirname, '../../deploy');
const run = promisify(execFile);

/** Debian's prometheus package; absent on a laptop (skip, said), required in CI (fail). */
function prometheusInstalled(): boolean {
  if (existsSync(PROMETHEUS) && existsSync(PROMTOOL)) return true;
  if (process.env.CI === 'true') throw new Error(`${PROMETHEUS} is missing in CI (.ci/run installs it)`);
  console.warn(`${PROMETHEUS} not found: skipping the Prometheus tests (apt-get install prometheus)`);
  return false;
}

const installed = prometheusInstalled();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The shipped deploy/prometheus files copied into `dir`, with the token file they name beside them. */
function copyDeploy(dir: string, edit: (config: string) => string = (c) => c): string {
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, edit(readFileSync(join(DEPLOY, 'prometheus/prometheus.yml'), 'utf8')));
  for (const f of ['spendlens-rules.yml', 'spendlens-rules.test.yml'])
    writeFileSync(join(dir, f), readFileSync(join(DEPLOY, 'prometheus', f)));
  writeFileSync(join(dir, 'spendlens-token'), `${TEST_TOKEN}\n`);
  return config;
}

describe.skipIf(!installed)('the shipped Prometheus files', () => {
  it('pass promtool check config, check rules and the rules unit tests', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spendlens-promtool-'));
    try {
      const config = copyDeploy(dir);
      const checked = await run(PROMTOOL, ['check', 'config', config]);
      expect(checked.stdout).toMatch(/SUCCESS: .*prometheus\.yml is valid/);
      expect(checked.stdout).toContain('SUCCESS: 7 rules found');
      const rules = await run(PROMTOOL, ['check', 'rules', join(DEPLOY, 'prometheus/spendlens-rules.yml')]);
      expect(rules.stdout).toContain('SUCCESS: 7 rules found');
      const tested = await run(PROMTOOL, ['test', 'rules', join(dir, 'spendlens-rules.test.yml')]);
      expect(tested.stdout).toContain('SUCCESS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!installed)('a real Prometheus scraping spendlens with a bearer token', () => {
  // A Wednesday mid-morning: 18 days of March in the month to date, 90 days of demo spend before it.
  const now = new Date('2026-03-18T10:30:00Z');
  let t: TestApp;
  let prometheus: ChildProcess;
  let promUrl = '';
  let dir = '';
  let stderr = '';

  const query = async (promql: string) => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
    return body.data.result;
  };
  const api = async <T>(url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
    expect(res.statusCode, url).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    await loadDemo(t.ctx);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/budgets',
      headers: t.auth,
      payload: { id: 'org-month', name: 'AI spend', scope: { dimension: 'org' }, amount: '1500' },
    });
    expect(created.statusCode).toBe(201);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('spendlens is not listening');
    dir = mkdtempSync(join(tmpdir(), 'spendlens-prometheus-'));
    // The shipped scrape config as is, pointed at this server and scraping every 5 s; a second job with a
    // wrong token shows what a user sees when the token is revoked.
    const config = copyDeploy(dir, (c) => {
      const edited = c
        .replace('- localhost:4180', `- 127.0.0.1:${address.port}`)
        .replaceAll('interval: 30s', 'interval: 5s')
        .replace('scrape_timeout: 20s', 'scrape_timeout: 5s');
      expect(edited).toContain(`127.0.0.1:${address.port}`);
      return `${edited}  - job_name: spendlens-wrong-token
    scrape_interval: 5s
    authorization: { type: Bearer, credentials: not-a-token }
    static_configs: [{ targets: ['127.0.0.1:${address.port}'] }]
`;
    });
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    // Until a scrape of each job has landed (the first scrape of the demo month takes a few seconds).
    const deadline = Date.now() + 150_000;
    for (;;) {
      const up = await query('up').catch(() => []);
      if (up.length === 2 && (await query('spendlens_total_spend_month_to_date').catch(() => [])).length)
        break;
      if (Date.now() > deadline || prometheus.exitCode !== null)
        throw new Error(`no scrape landed in Prometheus:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }, 240_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (prometheus && prometheus.exitCode === null) await new Promise((r) => prometheus.once('exit', r));
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same month-to-date total as GET /api/v1/spend, to the micro-unit', async () => {
    const spend = await api<{ currency: string; totals: { cost: string } }>(
      '/api/v1/spend?from=2026-03-01T00:00:00Z',
    );
    expect(Number(spend.totals.cost)).toBeGreaterThan(100);
    const [total] = await query('spendlens_total_spend_month_to_date{job="spendlens"}');
    expect(total?.metric.currency).toBe(spend.currency);
    // Prometheus prints the shortest float that reads back as the sample: the decimal itself.
    expect(Number(total?.value[1]).toFixed(6)).toBe(spend.totals.cost);
    expect(total?.value[1]).toBe(String(Number(spend.totals.cost)));
    // The per-series gauges add up to it too (float sums: equal to the micro-unit, not bit for bit).
    const [summed] = await query('sum(spendlens_spend_month_to_date{job="spendlens"})');
    expect(Number(summed?.value[1]).toFixed(6)).toBe(spend.totals.cost);
  });

  it('breaks the month down by team as /api/v1/spend?groupBy=team does, and today as from today', async () => {
    const byTeam = await api<{ rows: { team: string | null; cost: string }[] }>(
      '/api/v1/spend?from=2026-03-01T00:00:00Z&groupBy=team',
    );
    const scraped = await query('sum by (team) (spendlens_spend_month_to_date{job="spendlens"})');
    const asMap = (rows: [string, string][]) => Object.fromEntries(rows.sort());
    expect(asMap(scraped.map((s) => [s.metric.team ?? '', Number(s.value[1]).toFixed(6)]))).toEqual(
      asMap(byTeam.rows.map((r) => [r.team ?? '(none)', r.cost])),
    );
    expect(byTeam.rows.length).toBeGreaterThan(1);
    const today = await api<{ totals: { cost: string } }>('/api/v1/spend?from=2026-03-18T00:00:00Z');
    const [scrapedToday] = await query('spendlens_total_spend_today{job="spendlens"}');
    expect(Number(scrapedToday?.value[1]).toFixed(6)).toBe(today.totals.cost);
  });

  it("shows the budget's use as GET /api/v1/budgets does, and how far its month has gone", async () => {
    const { budgets } = await api<{ budgets: { amount: string; status: { spent: string } }[] }>(
      '/api/v1/budgets',
    );
    const [budget] = budgets;
    const [used] = await query('spendlens_budget_used_ratio{budget="org-month"}');
    expect(Number(used?.value[1])).toBeCloseTo(Number(budget?.status.spent) / Number(budget?.amount), 9);
    const [elapsed] = await query('spendlens_budget_period_elapsed_ratio{budget="org-month"}');
    // 17.4375 days of March's 31 are gone at 10:30 on the 18th.
    expect(Number(elapsed?.value[1])).toBeCloseTo(17.4375 / 31, 9);
  });

  it('serves text in which promtool check metrics finds nothing wrong with the spendlens_ families', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: t.auth });
    const checked = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(PROMTOOL, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stderr.on('data', (c: Buffer) => (out += c));
      child.on('close', (code) => resolve({ code, out }));
      child.stdin.end(res.body);
    });
    // why: prom-client's own nodejs_active_*_total gauges draw naming lints we do not control.
    const ours = checked.out.split('\n').filter((line) => line.includes('spendlens_'));
    expect(ours).toEqual([]);
    expect(checked.out).not.toMatch(/error|parse/i);
  });

  it('marks the scrape with a wrong token down with a 401, and the right one up', async () => {
    const res = await fetch(`${promUrl}/api/v1/targets`);
    const { data } = (await res.json()) as {
      data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] };
    };
    const byJob = Object.fromEntries(data.activeTargets.map((a) => [a.labels.job, a]));
    expect(byJob.spendlens).toMatchObject({ health: 'up', lastError: '' });
    expect(byJob['spendlens-wrong-token']?.health).toBe('down');
    expect(byJob['spendlens-wrong-token']?.lastError).toMatch(/401/);
  });

  it('runs every query of the shipped Grafana dashboard: valid PromQL, and data for the spend panels', async () => {
    const queries = dashboardQueries({ team: '.*', project: '.*' });
    expect(queries.length).toBeGreaterThan(15);
    for (const q of queries) {
      const result = await query(q.expr);
      if (/spend_(month_to_date|today)|budget_|tokens_today|requests_today/.test(q.expr))
        expect(result.length, `${q.panel}: ${q.expr}`).toBeGreaterThan(0);
    }
  });
});
