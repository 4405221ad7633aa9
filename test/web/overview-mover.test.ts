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

const DAY = 86_400_000;
const WEEK = Date.parse('2026-11-09T00:00:00Z');
const BEFORE = WEEK - 7 * DAY;
// eight users who spend the same each day of both weeks, all above the newcomer
const STEADY = { ann: 70, bob: 60, cat: 50, dan: 40, eve: 30, fay: 20, gus: 15, hal: 12 };

function ledger() {
  const out: Record<string, unknown>[] = [];
  const add = (at: number, user: string, cost: number) =>
    out.push({
      id: `m${out.length}`,
      timestamp: new Date(at + 12 * 3_600_000).toISOString(),
      provider: 'openai',
      model: 'gpt-4.1',
      user,
      cost: cost.toFixed(6),
      inputTokens: 1000,
      outputTokens: 100,
    });
  for (let d = 0; d < 7; d++) {
    for (const [user, cost] of Object.entries(STEADY)) {
      add(BEFORE + d * DAY, user, cost);
      add(WEEK + d * DAY, user, cost);
    }
    // zoe grows from nothing to $5 a day: the biggest change of anyone still spending, ranked ninth
    add(WEEK + d * DAY, 'zoe', 5);
  }
  // gone spent $500 the week before and nothing since: the biggest change of all, with no series to show
  add(BEFORE, 'gone', 500);
  return out;
}

describe.skipIf(!hasChromium())('stack by user keeps the biggest mover of the period out of Other', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer({ demo: false }), launchBrowser()]);
    const answer = await server.api<{ accepted: number }>('/api/v1/usage', {
      method: 'POST',
      body: ledger(),
    });
    expect(answer.accepted).toBe(ledger().length);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
    page = await context.newPage();
    await signIn(page, server, '/?from=2026-11-09&to=2026-11-15&stack=user');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the newcomer as its own series, in place of the sixth by spend, and the rest as Other', async () => {
    const legend = page.getByTestId('trend-chart').locator('.legend li[data-series]');
    const names = () => legend.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-series')));
    await expect.poll(names, { timeout: 30_000 }).toContain('zoe');
    expect(await names()).toEqual(['ann', 'bob', 'cat', 'dan', 'eve', 'zoe', 'Other']);
    expect(await page.getByTestId('trend-chart').textContent()).not.toContain('gone');
    await screenshot(page, 'overview-mover');
  }, 90_000);
});
