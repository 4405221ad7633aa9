import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMicros } from '../../web/src/lib/decimal.ts';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  seriousViolations,
  signIn,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';

interface Scope {
  dimension: string;
  value: string | null;
}
interface Anomaly {
  id: string;
  kind: string;
  scope: Scope;
  periodStart: string;
  periodEnd: string;
  actual: string;
  drivers: { dimension: string; value: string | null }[];
}
interface Incident {
  id: string;
  scopes: Scope[];
  periodStart: string;
  periodEnd: string;
  rootCause: { description: string; facets: Scope[] };
  anomalies: Anomaly[];
}
interface Spend {
  totals: { cost: string };
}

const DAY = 86_400_000;
const LABEL: Record<string, string> = { user: 'User', team: 'Team', model: 'Model', project: 'Project' };

describe.skipIf(!hasChromium())('the records behind an anomaly or an incident', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    // why: anomalies are UTC days; a UTC browser names the same calendar days
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
    page = await context.newPage();
    await signIn(page, server, '/anomalies');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const pivot = () => page.getByTestId('pivot');
  const pivotTotal = () => pivot().locator('tfoot .money').getAttribute('data-value');
  const rowCosts = () =>
    pivot()
      .locator('tbody tr td:nth-child(8) .money')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value') ?? ''));
  const rowNames = () => pivot().locator('tbody tr td:nth-child(1)').allTextContents();
  const explore = () => new URL(page.url());

  it("opens an anomaly's records: Explore on its day and scope, totalling what the anomaly says was spent", async () => {
    const anomalies = await server.api<Anomaly[]>('/api/v1/anomalies?limit=1000');
    const a = anomalies.find(
      (x) =>
        x.kind === 'daily' &&
        x.scope.dimension === 'user' &&
        Date.parse(x.periodEnd) - Date.parse(x.periodStart) === DAY,
    );
    expect(a, 'the demo plants a daily spike by one user').toBeDefined();
    if (!a) return;
    await page.goto(`${server.url}/anomalies?anomaly=${a.id}`);
    const description = page.getByTestId('anomaly-description');
    await description.getByRole('link', { name: 'See the records' }).click();
    await pivot().waitFor();
    const url = explore();
    expect(url.pathname).toBe('/explore');
    expect(url.searchParams.get('from')).toBe(a.periodStart.slice(0, 10));
    expect(url.searchParams.get('to')).toBe(a.periodStart.slice(0, 10));
    expect(url.searchParams.get('user')).toBe(a.scope.value);
    await page.getByRole('button', { name: `Remove filter User ${a.scope.value}` }).waitFor();
    // the records shown are the anomaly's spend, to the micro-dollar, split by model
    await expect.poll(pivotTotal).toBe(a.actual);
    const costs = await rowCosts();
    expect(costs.reduce((sum, c) => sum + toMicros(c), 0n)).toBe(toMicros(a.actual));
    expect(await pivot().locator('thead th').first().textContent()).toBe('Model');
    const models = await rowNames();
    for (const d of a.drivers.filter((x) => x.dimension === 'model')) expect(models).toContain(d.value);
    // per-1K-output rates share one precision, fine enough for the smallest to keep two digits
    const rates = (await pivot().locator('tbody tr td:nth-child(9)').allTextContents()).filter((r) =>
      r.startsWith('$'),
    );
    expect(rates.length).toBeGreaterThan(0);
    expect(new Set(rates.map((r) => r.split('.')[1]?.length)).size).toBe(1);
    const smallest = rates.map((r) => r.slice(1)).sort((x, y) => Number(x) - Number(y))[0] ?? '';
    expect(smallest.replace(/^[0.]+/, '').length).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'records-anomaly');
    expect(await seriousViolations(page)).toEqual([]);
    // back returns to the anomaly it came from
    await page.goBack();
    await expect.poll(() => page.url()).toContain(`anomaly=${a.id}`);
    await page.getByTestId('anomaly-description').waitFor();
  }, 120_000);

  it("opens an incident's records from the overview: its day, every scope it touched, its root cause", async () => {
    const incidents = await server.api<Incident[]>('/api/v1/incidents?status=open,acknowledged&limit=200');
    const recent = incidents.filter((i) => Date.now() - Date.parse(i.periodStart) < 20 * DAY);
    const i = recent.sort((x, y) => y.scopes.length - x.scopes.length)[0];
    expect(i?.scopes.length, 'the demo has an incident over several scopes this month').toBeGreaterThan(2);
    if (!i) return;
    await page.goto(`${server.url}/?range=30d`);
    const link = page
      .getByTestId('range-anomalies')
      .getByRole('link', { name: `Records behind ${i.rootCause.description}` })
      .first();
    const href = await link.getAttribute('href');
    await link.click();
    await pivot().waitFor();
    const url = explore();
    expect(`${url.pathname}${url.search}`).toBe(href);
    const days = [
      i.periodStart.slice(0, 10),
      new Date(Date.parse(i.periodEnd) - 1).toISOString().slice(0, 10),
    ];
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(days);
    const scoped = i.scopes.filter((s) => s.dimension !== 'org');
    for (const s of scoped) {
      expect(url.searchParams.get(s.dimension)?.split(',')).toContain(s.value ?? '(none)');
      if (LABEL[s.dimension])
        await page.getByRole('button', { name: `Remove filter ${LABEL[s.dimension]} ${s.value}` }).waitFor();
    }
    // the total is the spend in all the incident's scopes over its period, as the API counts it
    const q = new URLSearchParams({ from: i.periodStart, to: i.periodEnd });
    for (const s of scoped) q.set(s.dimension, s.value ?? '(none)');
    const expected = await server.api<Spend>(`/api/v1/spend?${q}`);
    await expect.poll(pivotTotal).toBe(expected.totals.cost);
    expect(toMicros(expected.totals.cost)).toBeGreaterThan(0n);
    // records in every scope cannot come to more than any one member anomaly of the same period spent
    for (const a of i.anomalies.filter((x) => x.periodStart === i.periodStart && x.periodEnd === i.periodEnd))
      expect(toMicros(expected.totals.cost)).toBeLessThanOrEqual(toMicros(a.actual));
    // split by a dimension the scopes leave free, which shows the root cause's own value
    const group = url.searchParams.get('group') ?? 'model';
    expect(scoped.map((s) => s.dimension)).not.toContain(group);
    const cause = i.rootCause.facets.find((f) => f.dimension === group);
    if (cause) expect(await rowNames()).toContain(cause.value);
    await screenshot(page, 'records-incident');
    expect(await seriousViolations(page)).toEqual([]);
    // the incident on the Anomalies page links to the same records
    await page.goto(`${server.url}/anomalies?incident=${i.id}`);
    const facts = page.getByTestId('incident-facts');
    expect(await facts.getByRole('link', { name: 'See the records' }).getAttribute('href')).toBe(href);
  }, 120_000);
});
