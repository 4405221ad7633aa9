import { readFileSync } from 'node:fs';
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

interface Spend {
  totals: { cost: string };
}

describe.skipIf(!hasChromium())('explore page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const spendQueries: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    ).newPage();
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/spend' && url.searchParams.get('groupBy')?.includes(','))
        spendQueries.push(url.search);
    });
    await signIn(page, server, '/explore?group=team,user');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const table = () => page.getByTestId('pivot');
  const column = (n: number) => table().locator(`tbody tr td:nth-child(${n})`).allTextContents();

  it('pivots by two dimensions with a total equal to the API', async () => {
    await table().waitFor();
    expect(await table().locator('thead th').allTextContents()).toEqual([
      'Team',
      'User',
      'Requests',
      'Input',
      'Output',
      'Cache read',
      'Cache write',
      'Reasoning',
      'Cost',
      'Per 1K out',
      'Share',
      'Trend',
    ]);
    const expected = await server.api<Spend>(`/api/v1/spend${spendQueries.at(-1)}`);
    const total = await table().locator('tfoot .money').getAttribute('data-value');
    expect(total).toBe(expected.totals.cost);
    expect(await column(1)).toContain('platform');
    await screenshot(page, 'explore');
  });

  it('sorts by a column and keeps the order in the URL', async () => {
    await table().getByRole('button', { name: 'Requests' }).click();
    await expect.poll(() => page.url()).toContain('sort=requests.desc');
    const requests = (await column(3)).map((t) => Number(t.replace(/,/g, '')));
    expect(requests).toEqual([...requests].sort((a, b) => b - a));
    await table().getByRole('button', { name: 'Requests' }).click();
    await expect.poll(() => page.url()).toContain('sort=requests.asc');
  });

  it('exports exactly the rows and columns shown, in the order shown', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe(
      'Team,User,Requests,Input tokens,Output tokens,Cache read tokens,Cache write tokens,Reasoning tokens,Cost (USD),Cost per 1K output tokens (USD),Share',
    );
    const shownUsers = await column(2);
    expect(csv.slice(1).map((line) => line.split(',')[1])).toEqual(shownUsers);
    const shownCosts = await table()
      .locator('tbody tr td:nth-child(9) .money')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(csv.slice(1).map((line) => line.split(',')[8])).toEqual(shownCosts);
  });

  it('has no serious accessibility problems', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});
