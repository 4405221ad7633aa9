import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Summary {
  totalCost: string;
}

describe.skipIf(!hasChromium())('overview page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const summaryQueries: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/summary') summaryQueries.push(url.search);
    });
    await signIn(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const total = () => page.getByTestId('total-spend').locator('.money').getAttribute('data-value');
  const bars = () => page.getByTestId('breakdown-bars').locator('.bar-label').allTextContents();
  /** The API's total for the range the page asked for last. */
  const apiTotal = async () =>
    (await server.api<Summary>(`/api/v1/summary${summaryQueries.at(-1)}`)).totalCost;

  it('shows the same total as the API for the same range', async () => {
    await expect.poll(total).toMatch(/^\d+\.\d{6}$/);
    expect(await total()).toBe(await apiTotal());
    expect(Number(await total())).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('total-spend').textContent()).toMatch(/\$[\d,]+\.\d\d/);
    expect(await page.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'overview');
  });

  it('changes the bars when the dimension changes', async () => {
    const byTeam = await bars();
    expect(byTeam.length).toBeGreaterThan(1);
    await page.getByLabel('By', { exact: true }).selectOption('model');
    await expect.poll(bars).not.toEqual(byTeam);
    expect(await bars()).toContain('claude-sonnet-4-5');
    expect(page.url()).toContain('by=model');
  });

  it('changes the totals when the range changes, and keeps the view in the URL', async () => {
    const before = await total();
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(total).not.toBe(before);
    expect(page.url()).toContain('range=7d');
    expect(await total()).toBe(await apiTotal());
    await page.reload();
    await expect.poll(total).toBe(await apiTotal());
    expect(await page.getByLabel('By', { exact: true }).inputValue()).toBe('model');
    expect(await page.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('takes a custom range from the calendar', async () => {
    await page.getByRole('button', { name: 'Custom' }).click();
    const dialog = page.getByRole('dialog', { name: 'Custom date range' });
    const days = dialog.locator('.rdp-day:not(.rdp-disabled):not(.rdp-outside) button');
    await days.nth(2).click();
    await days.nth(5).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await expect
      .poll(async () => summaryQueries.at(-1)?.includes('from=') && (await total()) === (await apiTotal()))
      .toBe(true);
  });

  it('filters by a value with a chip and drops the filter again', async () => {
    await page.getByRole('button', { name: '30 days' }).click();
    await page.getByLabel('By', { exact: true }).selectOption('team');
    await expect.poll(bars).toContain('platform');
    const all = await total();
    await page.getByTestId('breakdown-bars').getByRole('button', { name: 'platform', exact: true }).click();
    await page.getByRole('button', { name: 'Remove filter Team platform' }).waitFor();
    await expect.poll(total).not.toBe(all);
    expect(page.url()).toContain('team=platform');
    expect(await total()).toBe(await apiTotal());
    expect(Number(await total())).toBeLessThan(Number(all));
    await screenshot(page, 'overview-filtered');
    await page.getByRole('button', { name: 'Remove filter Team platform' }).click();
    await expect.poll(total).toBe(all);
  });

  it('adds a filter on any dimension from the filter bar', async () => {
    const all = await total();
    await page.getByRole('button', { name: 'Add filter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a filter' });
    await dialog.getByLabel('Dimension').selectOption('provider');
    await dialog.getByRole('button', { name: /^anthropic/ }).click();
    await page.getByRole('button', { name: 'Remove filter Provider anthropic' }).waitFor();
    await expect.poll(total).not.toBe(all);
    expect(await total()).toBe(await apiTotal());
    expect(page.url()).toContain('provider=anthropic');
    await page.getByRole('button', { name: 'Remove filter Provider anthropic' }).click();
    await expect.poll(total).toBe(all);
  });

  it('has no serious accessibility problems', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('fits a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('total-spend').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
