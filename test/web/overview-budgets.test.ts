import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  signIn,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';

interface BudgetJson {
  id: string;
  status: { spent: string; projected: string; state: string };
}

// why: the demo's first answers on a loaded 2-core machine take tens of seconds
describe.skipIf(!hasChromium())('budgets on the overview', { timeout: 180_000 }, () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let state = '';

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    // a month budget between the spend so far and the projected month end: projected to exceed
    const probe = await server.api<BudgetJson>('/api/v1/budgets', {
      method: 'POST',
      body: { name: 'Probe', amount: '999999999' },
    });
    const spent = Number(probe.status.spent);
    const projected = Number(probe.status.projected);
    const tight = await server.api<BudgetJson>('/api/v1/budgets', {
      method: 'POST',
      body: { name: 'Tight month', amount: ((spent + projected) / 2).toFixed(2), thresholds: [100] },
    });
    state = tight.status.state;
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, server);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each budget with the Budgets page’s state badge, its projection and a legend', async () => {
    expect(state).toBe('projected_to_exceed');
    const tight = page.getByTestId('budget-use-tight-month');
    await tight.waitFor();
    expect(await tight.getByTestId('budget-state').textContent()).toBe('Projected to exceed');
    expect(await page.getByTestId('budget-use-probe').getByTestId('budget-state').textContent()).toBe(
      'On track',
    );
    const projection = tight.locator('.budget-projected');
    expect(await projection.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(0);
    const legend = page.getByTestId('budget-legend');
    expect(await legend.getByRole('listitem').allTextContents()).toEqual([
      ' Spent',
      ' Projected by the period’s end',
      ' Amount',
    ]);

    await page.goto(`${server.url}/budgets?id=tight-month`);
    const row = page.getByTestId('budget-state').first();
    await row.waitFor();
    expect(await page.getByTestId('budget-state').allTextContents()).toContain('Projected to exceed');
    await page.goto(`${server.url}/`);
    await page.getByTestId('total-spend').locator('.money').waitFor({ timeout: 120_000 });
    await screenshot(page, 'overview-budgets');
  });
});
