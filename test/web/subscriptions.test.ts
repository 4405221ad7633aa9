import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  seriousViolations,
  signIn,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';

interface SpendJson {
  rows: { user?: string | null; service?: string; cost: string }[];
}
interface SubscriptionsJson {
  subscriptions: { id: string; monthlyTotal: string; ledgerUser: string | null; startDate: string }[];
}

describe.skipIf(!hasChromium())('seats and subscriptions on the budgets page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const monthStart = `${new Date().toISOString().slice(0, 7)}-01`;
  const seatSpend = async () => {
    const spend = await server.api<SpendJson>(
      `/api/v1/spend?groupBy=user,service&from=${monthStart}T00:00:00Z&to=2100-01-01T00:00:00Z`,
    );
    return spend.rows.filter((r) => r.user === 'ana@example.com' && r.service === 'seat');
  };

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer({ demo: false }), launchBrowser()]);
    await server.api('/api/v1/usage', {
      method: 'POST',
      body: [
        {
          id: 'one',
          timestamp: new Date().toISOString(),
          provider: 'openai',
          model: 'gpt-4o',
          user: 'ana@example.com',
          cost: '1.25',
        },
      ],
    });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server, '/budgets');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says what seats are for when there are none', async () => {
    await page.getByRole('heading', { name: 'No seats or subscriptions yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the server's error next to the amount when it is negative", async () => {
    await page.getByRole('button', { name: 'Add a subscription' }).click();
    const form = page.getByRole('form', { name: 'New subscription' });
    expect(await form.getByLabel('First day').inputValue()).toBe(monthStart);
    await form.getByLabel('Vendor').selectOption('cursor');
    await form.getByLabel('Plan').fill('Pro');
    await form.getByLabel('User').fill('ana@example.com');
    await form.getByLabel('Amount per month').fill('-20');
    await form.getByRole('button', { name: 'Add subscription' }).click();
    await expect.poll(() => form.getByLabel('Amount per month').getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('must not be negative');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds the seat: listed with its monthly fee, and its days in the holder’s spend as "seat"', async () => {
    const form = page.getByRole('form', { name: 'New subscription' });
    await form.getByLabel('Amount per month').fill('20');
    await form.getByRole('button', { name: 'Add subscription' }).click();
    const row = page.getByTestId('subscription-cursor-ana-example-com');
    await row.waitFor();
    expect(await row.textContent()).toContain('$20.00');
    expect(await row.textContent()).toContain('ana@example.com');
    expect(await page.getByRole('status').first().textContent()).toContain('Added cursor-ana-example-com');
    const listed = await server.api<SubscriptionsJson>('/api/v1/subscriptions');
    expect(listed.subscriptions).toEqual([
      expect.objectContaining({
        id: 'cursor-ana-example-com',
        monthlyTotal: '20.000000',
        ledgerUser: 'ana@example.com',
        startDate: monthStart,
      }),
    ]);
    // From the 1st through today: today's day of the month in shares of the month's $20.
    const now = new Date();
    const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    const expected = (20_000_000n * BigInt(now.getUTCDate())) / BigInt(days);
    const seat = await seatSpend();
    expect(seat.map((r) => r.cost)).toEqual([
      `${expected / 1_000_000n}.${String(expected % 1_000_000n).padStart(6, '0')}`,
    ]);
    // The card's "This month" is the same figure, to the cent.
    await expect
      .poll(() => row.getByTestId('subscription-month').textContent())
      .toBe(`$${Number(seat[0]?.cost).toFixed(2)}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('removes the seat and its days after asking', async () => {
    await page.getByRole('button', { name: 'Remove cursor-ana-example-com' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { name: 'No seats or subscriptions yet' }).waitFor();
    expect(await seatSpend()).toEqual([]);
  });
});
