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

describe.skipIf(!hasChromium())('an empty ledger', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer({ demo: false }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says how to fill it: import a file, or start with the demo', async () => {
    await page.getByRole('heading', { name: 'Nothing recorded yet' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('spendlens serve --demo');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'overview-empty');
    await page.getByRole('link', { name: 'Import a file' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  });

  it('tells a period without spend from an empty ledger', async () => {
    await server.api('/api/v1/usage', {
      method: 'POST',
      body: { timestamp: '2025-01-15T10:00:00Z', provider: 'openai', model: 'gpt-4o', inputTokens: 10 },
    });
    await page.goto(`${server.url}/?range=7d`);
    await page.getByRole('heading', { name: 'No spend in last 7 days' }).waitFor();
    await page.goto(`${server.url}/explore`);
    await page.getByRole('heading', { name: 'No spend in this period' }).waitFor();
  });
});
