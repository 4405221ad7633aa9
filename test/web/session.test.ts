import type { Browser, BrowserContext, Page } from 'playwright-core';
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

describe.skipIf(!hasChromium())('signing in and the frame', () => {
  let server: WebServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes an API token instead of a password, and refuses a wrong one', async () => {
    await page.goto(`${server.url}/explore?group=team`);
    await page.getByRole('button', { name: 'Use an API token instead' }).click();
    await page.getByLabel('API token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('signs in with the admin token into an HttpOnly, SameSite=Lax session cookie', async () => {
    await page.getByLabel('API token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the page the link named, with its view, opens after signing in
    await page.getByRole('heading', { level: 1, name: 'Explore' }).waitFor();
    expect(page.url()).toContain('group=team');
    const [session] = (await context.cookies()).filter((c) => c.name === 'spendlens_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  /** Presses Tab (or Shift+Tab) until the focused element reads `name`; fails after 12 presses. */
  const tabTo = async (name: string, key = 'Tab') => {
    let focused = '';
    for (let i = 0; i < 12 && focused !== name; i++) {
      await page.keyboard.press(key);
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe(name);
  };

  it('moves between pages with the keyboard alone', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const steps: [string, string][] = [
      ['Explore', 'Tab'],
      ['Import', 'Tab'],
      ['Pricing', 'Tab'],
      ['Overview', 'Shift+Tab'],
    ];
    for (const [target, key] of steps) {
      await tabTo(target, key);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: target }).waitFor();
      const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
      expect(await current.textContent()).toContain(target);
    }
  });

  it('offers a skip link to the page content', async () => {
    await page.goto(`${server.url}/pricing`);
    await page.getByRole('heading', { level: 1, name: 'Pricing' }).waitFor();
    await tabTo('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('answers an unknown path with a page that leads back', async () => {
    await page.goto(`${server.url}/no/such/page`);
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    expect((await context.cookies()).filter((c) => c.name === 'spendlens_session')).toEqual([]);
    await page.reload();
    await page.getByLabel('Email').waitFor();
    await signIn(page, server);
  });
});
