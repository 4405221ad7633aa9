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

describe.skipIf(!hasChromium())('pricing page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await server.api('/api/v1/usage', {
      method: 'POST',
      body: {
        id: 'mystery-1',
        timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        provider: 'acme',
        model: 'acme-large-1',
        user: 'ana.silva',
        inputTokens: 2_000_000,
        outputTokens: 1_000_000,
      },
    });
    await signIn(page, server, '/pricing');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const total = () => page.getByTestId('pricing-total').locator('.money').getAttribute('data-value');

  it('lists the catalog and the unpriced model', async () => {
    await page.getByTestId('catalog').waitFor();
    expect(await page.getByTestId('catalog').textContent()).toContain('claude-sonnet-4-5');
    expect(await page.getByTestId('unpriced').textContent()).toContain('acme-large-1');
    await expect.poll(() => page.getByTestId('pricing-unpriced').textContent()).toBe('1');
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('gemini');
    expect(await page.getByTestId('catalog').textContent()).not.toContain('claude');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('prices an unpriced model, re-prices its records and the totals move', async () => {
    await expect.poll(total).toMatch(/^\d+\.\d{6}$/);
    const before = (await total()) as string;
    await page.getByRole('button', { name: 'Set price for acme-large-1' }).click();
    const form = page.getByRole('form', { name: 'Price for acme-large-1' });
    await form.getByLabel('Input $ / 1M tokens').fill('5');
    await form.getByLabel('Output $ / 1M tokens').fill('15');
    await screenshot(page, 'pricing-form');
    await form.getByRole('button', { name: 'Save and re-price' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent())
      .toContain('re-priced 1 record.');
    // 2M input at $5/M + 1M output at $15/M = $25
    await expect.poll(total).toBe((Number(before) + 25).toFixed(6));
    expect(await page.getByTestId('pricing-unpriced').textContent()).toBe('0');
    expect(await page.getByTestId('unpriced').count()).toBe(0);
    expect(await page.getByTestId('overrides').textContent()).toContain('acme-large-1');
    await screenshot(page, 'pricing');

    await page.getByRole('link', { name: 'Open the overview' }).click();
    const overview = page.getByTestId('total-spend').locator('.money');
    await expect.poll(() => overview.getAttribute('data-value')).toBe(await total());
    const api = await server.api<Summary>(
      `/api/v1/summary?from=${new Date(Date.now() - 86_400_000).toISOString()}`,
    );
    expect(Number(api.totalCost)).toBeGreaterThanOrEqual(25);
  });

  it("shows the server's reason when a price is not valid", async () => {
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.getByRole('button', { name: 'Add a price' }).click();
    const form = page.getByRole('form', { name: 'New price' });
    await form.getByLabel('Provider').fill('acme');
    await form.getByLabel('Model').fill('acme-small');
    await form.getByLabel('Input $ / 1M tokens').fill('cheap');
    await form.getByLabel('Output $ / 1M tokens').fill('1');
    await form.getByRole('button', { name: 'Save and re-price' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toContain('decimal price');
  });
});
