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

interface BudgetJson {
  id: string;
  name: string;
  amount: string;
  thresholds: number[];
  status: { spent: string; percent: number; state: string };
}

interface SpendJson {
  rows: { team?: string | null; cost: string }[];
}

describe.skipIf(!hasChromium())('budgets page and the overview budget use', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let team: string;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const spend = await server.api<SpendJson>('/api/v1/spend?groupBy=team');
    team = spend.rows.map((r) => r.team).find((t): t is string => typeof t === 'string' && t !== '') ?? 'ml';
    await signIn(page, server, '/budgets');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = () => page.getByTestId('budget-team-monthly');
  const api = () => server.api<BudgetJson>('/api/v1/budgets/team-monthly');

  /** The row shows what the API says: spent exactly, the percent, and the bar's value. */
  async function expectRowMatchesApi() {
    const budget = await api();
    await expect
      .poll(() => row().getByTestId('budget-percent').textContent())
      .toBe(`${budget.status.percent}%`);
    expect(await row().getByTestId('budget-spent').locator('.money').getAttribute('data-value')).toBe(
      budget.status.spent,
    );
    expect(Number(await row().getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(
      budget.status.percent,
    );
    return budget;
  }

  it('says what a budget is for when there are none', async () => {
    await page.getByRole('heading', { name: 'No budgets yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a field error from the server next to its field', async () => {
    await page.getByRole('button', { name: 'Add a budget' }).click();
    const form = page.getByRole('form', { name: 'New budget' });
    await form.getByLabel('Name').fill('Team monthly');
    await form.getByLabel('Amount').fill('-5');
    await form.getByRole('button', { name: 'Add budget' }).click();
    await expect.poll(() => form.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('must be a positive amount');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'budget-form');
  });

  it('creates a team budget in the form and shows its live status', async () => {
    const form = page.getByRole('form', { name: 'New budget' });
    await form.getByLabel('Budget ID').fill('team-monthly');
    await form.getByLabel('Scope').selectOption('team');
    await form.getByLabel('Team value').fill(team);
    await form.getByLabel('Period').selectOption('month');
    await form.getByLabel('Amount').fill('500');
    expect(await form.getByLabel('Thresholds (%)').inputValue()).toBe('50, 80, 100');
    await form.getByRole('button', { name: 'Add budget' }).click();

    await row().waitFor();
    const budget = await expectRowMatchesApi();
    expect(budget).toMatchObject({ name: 'Team monthly', amount: '500', thresholds: [50, 80, 100] });
    expect(await row().textContent()).toContain(`team ${team}`);
    expect(await row().textContent()).toMatch(/Resets \d{1,2} \w{3}/);
    expect(await row().getByTestId('budget-pace').textContent()).toMatch(/^(At this pace|Over by)/);
    expect(await row().getAttribute('aria-current')).toBe('true');
    expect(new URL(page.url()).searchParams.get('id')).toBe('team-monthly');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'budgets');
  });

  it('edits the budget, and the status follows the new amount', async () => {
    const before = await api();
    await row().getByRole('button', { name: 'Edit Team monthly' }).click();
    const form = page.getByRole('form', { name: 'Edit budget Team monthly' });
    expect(await form.getByLabel('Team value').inputValue()).toBe(team);
    await form.getByLabel('Amount').fill('100000');
    await form.getByLabel('Thresholds (%)').fill('25, 50, 90');
    await form.getByRole('button', { name: 'Save budget' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved budget' }).count()).toBe(1);

    const after = await expectRowMatchesApi();
    expect(after).toMatchObject({ amount: '100000', thresholds: [25, 50, 90] });
    expect(after.status.spent).toBe(before.status.spent);
    expect(after.status.percent).toBeLessThan(before.status.percent || 1);
  });

  it('selects a budget from the link an alert carries', async () => {
    await page.goto(`${server.url}/`);
    await page.goto(`${server.url}/budgets?id=team-monthly`);
    await row().waitFor();
    expect(await row().getAttribute('aria-current')).toBe('true');
  });

  it('shows the budget on the overview, linking to it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    const card = page.getByTestId('budget-use-team-monthly');
    await card.waitFor();
    const budget = await api();
    expect(Number(await card.getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(
      budget.status.percent,
    );
    expect(await card.textContent()).toContain('Team monthly');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'overview-budget-use');
    await card.getByRole('link', { name: 'Team monthly' }).click();
    await row().waitFor();
    expect(new URL(page.url()).pathname).toBe('/budgets');
  });

  it('fits a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await row().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('creates a budget for every user in the form and lists each user under it', async () => {
    await page.goto(`${server.url}/budgets`);
    await page.getByRole('button', { name: 'Add a budget' }).click();
    const form = page.getByRole('form', { name: 'New budget' });
    await form.getByLabel('Name').fill('Per user');
    await form.getByLabel('Scope').selectOption('user');
    await form.getByLabel('Every user, each with this budget of its own').check();
    expect(await form.getByLabel('User value').count()).toBe(0);
    await form.getByLabel('Amount').fill('5');
    await form.getByRole('button', { name: 'Add budget' }).click();

    const perUser = page.getByTestId('budget-per-user');
    await perUser.waitFor();
    const budget = await server.api<
      BudgetJson & { members: { value: string; status: { percent: number } }[] }
    >('/api/v1/budgets/per-user');
    expect(budget).toMatchObject({ scope: { dimension: 'user', each: true } });
    expect(budget.members.length).toBeGreaterThan(0);
    expect(await perUser.textContent()).toContain('every user, each on its own');
    const first = budget.members[0]!;
    const line = perUser.getByTestId(`budget-member-${first.value}`);
    expect(await line.textContent()).toContain(`${first.status.percent}%`);
    expect(await perUser.locator('tbody tr').count()).toBe(Math.min(10, budget.members.length));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'budget-per-user');

    await page.goto(`${server.url}/budgets?id=per-user&member=${encodeURIComponent(first.value)}`);
    await expect.poll(() => line.getAttribute('aria-current')).toBe('true');
    await perUser.getByRole('button', { name: 'Delete Per user' }).click();
    await perUser.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => perUser.count()).toBe(0);
  });

  it('deletes the budget after confirmation', async () => {
    await row().getByRole('button', { name: 'Delete Team monthly' }).click();
    await row().getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { name: 'No budgets yet' }).waitFor();
    expect((await server.api<{ budgets: unknown[] }>('/api/v1/budgets')).budgets).toEqual([]);
  });
});
