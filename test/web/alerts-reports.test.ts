import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAlertDeps } from '../../src/app/alerts/deps.ts';
import { evaluateAlerts } from '../../src/app/alerts/evaluate.ts';
import { raiseAlert } from '../../src/app/alerts/raise.ts';
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

interface AlertJson {
  id: string;
  event: string;
  title: string;
  budgetId: string | null;
  deliveries: { channel: string; status: string; attempts: number; error: string | null }[];
}

interface ReportJson {
  id: string;
  kind: string;
  total: string;
  previousTotal: string;
}

/** A local port nothing listens on, so a webhook to it fails at once (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe.skipIf(!hasChromium())('alerts and reports pages', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let deadUrl: string;
  const logged: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    // why: a failing channel is retried with backoff; the test has no need to wait the real delays
    setAlertDeps(server.ctx, { sleep: async () => {}, log: (line) => logged.push(line) });
    deadUrl = `http://127.0.0.1:${await closedPort()}/spendlens-hook`;
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    // why: a locator that never matches fails with its name, instead of the whole test timing out
    page.setDefaultTimeout(10_000);
    await signIn(page, server, '/alerts');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const channel = (id: string) => page.getByTestId(`channel-${id}`);
  const nav = (label: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();

  it('says what channels are for when there are none', async () => {
    await page.getByRole('heading', { name: 'No channels yet' }).waitFor();
    await page.getByRole('heading', { name: 'No alerts yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a log channel and a webhook with a write-only URL', async () => {
    await page.getByRole('button', { name: 'Add a channel' }).click();
    let form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Kind').selectOption('log');
    await form.getByLabel('Channel ID').fill('ops-log');
    await form.getByRole('button', { name: 'Add channel' }).click();
    await channel('ops-log').waitFor();

    await page.getByRole('button', { name: 'Add a channel' }).click();
    form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Kind').selectOption('webhook');
    await form.getByLabel('Channel ID').fill('hook');
    await form.getByLabel('URL', { exact: true }).fill(deadUrl);
    await form.getByLabel('Signing secret').fill('hook-signing-secret-123');
    expect(await form.getByLabel('URL', { exact: true }).getAttribute('type')).toBe('password');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'channel-form');
    await form.getByRole('button', { name: 'Add channel' }).click();
    await channel('hook').waitFor();
    expect(await channel('hook').textContent()).toContain('/…/hook');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(deadUrl);
    expect(body).not.toContain('hook-signing-secret-123');

    await channel('hook').getByRole('button', { name: 'Edit hook' }).click();
    form = page.getByRole('form', { name: 'Edit channel hook' });
    expect(await form.getByLabel('URL', { exact: true }).inputValue()).toBe('');
    expect(await form.textContent()).toContain('Stored URL http://127.0.0.1:');
    await form.getByRole('button', { name: 'Save channel' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved channel hook' }).count())
      .toBe(1);
  });

  it('sends a test on each channel and shows the outcome', async () => {
    await channel('ops-log').getByRole('button', { name: 'Send a test to ops-log' }).click();
    await expect
      .poll(() => channel('ops-log').getByTestId('channel-test-result').textContent())
      .toBe('Test delivered.');
    expect(logged.some((l) => l.startsWith('Alert triggered: spendlens test alert'))).toBe(true);

    await channel('hook').getByRole('button', { name: 'Send a test to hook' }).click();
    await expect
      .poll(() => channel('hook').getByTestId('channel-test-result').textContent())
      .toMatch(/^Test failed: /);
  });

  it('shows a budget alert with each channel’s delivery, as the API records it', async () => {
    await server.api('/api/v1/budgets', {
      method: 'POST',
      body: {
        id: 'tiny',
        name: 'Tiny org budget',
        scope: { dimension: 'org' },
        period: 'month',
        amount: '1',
      },
    });
    await evaluateAlerts(server.ctx, server.ctx.now(), (event) => raiseAlert(server.ctx, event));
    const { alerts } = await server.api<{ alerts: AlertJson[] }>('/api/v1/alerts?event=budget_exceeded');
    const exceeded = alerts.find((a) => a.budgetId === 'tiny');
    expect(exceeded).toBeDefined();
    if (!exceeded) return;
    expect(exceeded.deliveries.find((d) => d.channel === 'ops-log')?.status).toBe('delivered');
    const failed = exceeded.deliveries.find((d) => d.channel === 'hook');
    expect(failed).toMatchObject({ status: 'failed' });

    // the alerts were raised behind the page's back: load it afresh rather than from its 30-second cache
    await page.reload();
    const item = page.getByTestId(`alert-${exceeded.id}`);
    await item.waitFor();
    expect(await item.getByTestId('delivery-ops-log').getByTestId('delivery-status').textContent()).toBe(
      'Delivered',
    );
    const hook = item.getByTestId('delivery-hook');
    expect(await hook.getByTestId('delivery-status').textContent()).toBe('Failed');
    expect(await hook.textContent()).toContain(`${failed?.attempts} attempts`);
    expect(await hook.getByTestId('delivery-error').textContent()).toBe(failed?.error);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'alerts');

    await page.getByLabel('Event').selectOption('budget_exceeded');
    await expect.poll(() => page.getByTestId('alerts').locator('> li').count()).toBe(alerts.length);
    expect(new URL(page.url()).searchParams.get('event')).toBe('budget_exceeded');

    await item.getByRole('link', { name: exceeded.title }).click();
    await page.getByTestId('budget-tiny').waitFor();
    expect(await page.getByTestId('budget-tiny').getAttribute('aria-current')).toBe('true');
  });

  it('lists a weekly report with its week-on-week numbers, and its CSV downloads', async () => {
    const report = await server.api<ReportJson>('/api/v1/reports/run', {
      method: 'POST',
      body: { kind: 'weekly' },
    });
    expect(report.kind).toBe('weekly');
    await nav('Reports');
    const row = page.getByTestId(`report-${report.id}`);
    await row.waitFor();
    expect(await row.getAttribute('aria-pressed')).toBe('true');
    const numbers = page.getByTestId('week-on-week');
    await numbers.waitFor();
    const values = await numbers
      .locator('.report-compare .money')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(values.slice(0, 2)).toEqual([report.total, report.previousTotal]);
    expect(
      await numbers
        .getByRole('table', { name: /week on week/ })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${report.id}.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(2);
    const html = await page.request.get(`${server.url}/api/v1/reports/${report.id}/html`);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain('<html');
  });

  it('shows a daily summary against its baseline, filtered by kind', async () => {
    const daily = await server.api<ReportJson>('/api/v1/reports/run', {
      method: 'POST',
      body: { kind: 'daily' },
    });
    expect(daily.kind).toBe('daily');
    await page.reload();
    await page.getByRole('button', { name: 'Daily', exact: true }).click();
    const row = page.getByTestId(`report-${daily.id}`);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('report-list').getByRole('button').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('kind')).toBe('daily');
    const numbers = page.getByTestId('daily-numbers');
    await numbers.waitFor();
    expect(await numbers.locator('.report-compare .money').first().getAttribute('data-value')).toBe(
      daily.total,
    );
    await numbers.getByRole('button', { name: 'Model' }).click();
    expect(
      await numbers.getByRole('table', { name: 'Top models' }).locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reports-daily');
  });

  it('fits a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const label of ['Reports', 'Alerts']) {
      await page.goto(`${server.url}/${label.toLowerCase()}`);
      await page.getByRole('heading', { name: label, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, label).toBeLessThanOrEqual(1);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
