import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENTS } from '../../src/sources/demo/index.ts';
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

interface Anomaly {
  id: string;
  status: string;
  scope: { dimension: string; value: string | null };
  drivers: { value: string }[];
}

interface Incident {
  id: string;
  rootCause: { description: string };
  anomalies: Anomaly[];
}

describe.skipIf(!hasChromium())('anomalies page and the overview forecast', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const { opusSpike, geminiBurst } = DEMO_EVENTS;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server, '/anomalies');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const list = () => page.getByTestId('anomaly-list');
  const rows = () => list().getByRole('button');

  it("lists the demo's planted spikes with their drivers, and draws the expected band", async () => {
    await list().waitFor();
    await expect.poll(async () => (await list().textContent()) ?? '').toContain(geminiBurst.model);
    expect(await list().textContent()).toContain(opusSpike.model);
    const org = rows().filter({ hasText: 'Whole org' }).filter({ hasText: geminiBurst.model });
    await org.first().click();
    expect(await org.first().getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('band-chart').waitFor();
    expect(await page.getByTestId('drivers').textContent()).toContain(geminiBurst.model);
    expect(await page.getByTestId('anomaly-description').textContent()).toMatch(
      /^The org spent \$[\d,.]+ on \w+day/,
    );
    expect(page.url()).toContain('anomaly=an_');
    await screenshot(page, 'anomalies');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows incidents first, each opening onto its member anomalies', async () => {
    const incidents = page.getByTestId('incident-list');
    await incidents.waitFor();
    const api = await server.api<Incident[]>('/api/v1/incidents?status=open,acknowledged&limit=200');
    const grouped = api.find((i) => i.anomalies.length > 1);
    expect(grouped).toBeDefined();
    const row = incidents.getByRole('button').filter({ hasText: grouped!.rootCause.description }).first();
    await row.click();
    expect(await row.getAttribute('aria-expanded')).toBe('true');
    expect(page.url()).toContain(`incident=${grouped!.id}`);
    expect(await page.getByTestId('incident-facts').textContent()).toContain('Scopes touched');
    await expect.poll(() => rows().count()).toBe(grouped!.anomalies.length);
    await screenshot(page, 'anomalies-incident');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Show all anomalies' }).click();
    await expect.poll(() => rows().count()).toBeGreaterThan(grouped!.anomalies.length);
  }, 90_000);

  it('acknowledges and mutes an anomaly, as the API then says', async () => {
    const id = new URL(page.url()).searchParams.get('anomaly') as string;
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    const all = await server.api<Anomaly[]>('/api/v1/anomalies?limit=1000');
    expect(all.find((a) => a.id === id)?.status).toBe('acknowledged');
    await page.getByRole('button', { name: 'Mute for a week' }).click();
    await expect
      .poll(async () => (await server.api<Anomaly[]>('/api/v1/anomalies?status=muted')).map((a) => a.id))
      .toContain(id);
    // muted anomalies leave the default list
    await expect.poll(async () => (await rows().count()) < all.length).toBe(true);
    await page.getByRole('button', { name: 'Muted', exact: true }).click();
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
  });

  it('shows the month-end forecast and the range anomalies on the overview', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    const p50 = page.getByTestId('forecast-p50').locator('.money');
    await expect.poll(() => p50.getAttribute('data-value')).toMatch(/^\d+\.\d{6}$/);
    // the server's clock runs on, so the rest of today (and the P50) moves a little between the two asks
    const api = await server.api<{ projected: { p50: string } }>('/api/v1/forecast');
    expect(Number(await p50.getAttribute('data-value'))).toBeCloseTo(Number(api.projected.p50), 0);
    expect(await page.getByTestId('forecast').textContent()).toMatch(/P10 \$[\d,.]+ – P90 \$[\d,.]+/);
    const range = page.getByTestId('range-anomalies');
    await expect.poll(async () => (await range.textContent()) ?? '').toMatch(/Whole org|user|project|model/);
    await screenshot(page, 'overview-forecast');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
