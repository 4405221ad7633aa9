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

interface UsageList {
  records: { team?: string | null }[];
}

describe.skipIf(!hasChromium())('settings and reconciliation pages', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server, '/settings');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds an attribution rule that re-applies to past records', async () => {
    const before = await server.api<UsageList>('/api/v1/usage?user=ana.silva');
    expect(before.records.length).toBeGreaterThan(0);
    expect(before.records.every((r) => r.team !== 'research')).toBe(true);

    await page.getByRole('button', { name: 'Add a rule' }).click();
    const form = page.getByRole('form', { name: 'New attribution rule' });
    await form.getByLabel('Match').selectOption('user');
    await form.getByLabel('Value').fill('ana.silva');
    await form.getByLabel('Set team').fill('research');
    await form.getByRole('button', { name: 'Save rule' }).click();

    const rules = page.getByTestId('rules');
    await rules.getByText('user = ana.silva').waitFor();
    expect(await rules.textContent()).toContain('team → research');
    expect(await page.locator('main').textContent()).toMatch(/re-applies all rules to past records/);
    expect(await page.getByRole('status').filter({ hasText: 'past records' }).count()).toBe(1);

    const after = await server.api<UsageList>('/api/v1/usage?user=ana.silva');
    expect(after.records.length).toBeGreaterThan(0);
    expect(after.records.every((r) => r.team === 'research')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings');
  });

  it('shows reconciliation as a table or an empty state that explains billed figures', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reconciliation' })
      .click();
    const table = page.getByTestId('reconciliation');
    const empty = page.getByRole('heading', { name: 'No billed figures in this period' });
    await table.or(empty).waitFor();
    if (await empty.isVisible()) {
      expect(await page.locator('main').textContent()).toMatch(/cost reports.*FOCUS/s);
    } else {
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'reconciliation');
  });
});
