import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';

// why: screenshots to look at after a run ($TMPDIR/spendlens-screens), not files of the repository.
const SCREENS = join(tmpdir(), 'spendlens-screens');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  // why: a screenshot of grey placeholders shows nothing to look at
  await page
    .getByTestId('total-spend')
    .locator('.money')
    .or(page.getByTestId('pivot'))
    .first()
    .waitFor({ timeout: 120_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/** `expect.poll` with room for a loaded machine: the default second is too short for a page and its API. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

/** The query of the page's URL, as a map, for asserting what the URL records. */
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

// why: each step waits for real API answers on a loaded 2-core machine; a minute or two is not a hang.
describe.skipIf(!hasChromium())(
  'overview: drill-down, series colours, today and partial buckets',
  { timeout: 240_000 },
  () => {
    let server: WebServer;
    let browser: Browser;
    let page: Page;
    const summaries: string[] = [];

    beforeAll(async () => {
      ensureWebBuild();
      [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      page.setDefaultTimeout(60_000);
      page.on('request', (r) => {
        if (new URL(r.url()).pathname === '/api/v1/summary') summaries.push(r.url());
      });
      await signIn(page, server);
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const bars = () => page.getByTestId('breakdown-bars').locator('.bar-label').allTextContents();
    const breakdownTitle = () => page.getByRole('heading', { name: /^Spend by / }).textContent();
    const legend = () => page.getByTestId('trend-chart').locator('.legend li[data-series]');
    const colourOf = (name: string) =>
      page.getByTestId('trend-chart').locator(`.legend li[data-series="${name}"]`).getAttribute('data-color');

    it('drills a breakdown row into the next dimension, records it in the URL, and goes back', async () => {
      await poll(bars).toContain('platform');
      expect(await breakdownTitle()).toBe('Spend by team');
      await page.getByTestId('breakdown-bars').getByRole('button', { name: 'platform', exact: true }).click();
      // team → user: platform's people, never "platform 100%"
      await poll(() => query(page)).toMatchObject({ team: 'platform', by: 'user' });
      await poll(breakdownTitle).toBe('Spend by user');
      await page.getByRole('button', { name: 'Remove filter Team platform' }).waitFor();
      const users = await bars();
      expect(users.length).toBeGreaterThan(1);
      expect(users).not.toContain('platform');
      await shot(page, 'drill-team-platform');

      // why: a service account spends on one model in one project: its drill rightly shows one bar
      const user = await userOfManyModels(server, summaries.at(-1) ?? '', 'platform', users);
      await page.getByTestId('breakdown-bars').getByRole('button', { name: user, exact: true }).click();
      await poll(() => query(page)).toMatchObject({ team: 'platform', user });
      const by = query(page).by;
      expect(['model', 'project', 'context']).toContain(by);
      await poll(bars).not.toEqual(users);
      expect((await bars()).length).toBeGreaterThan(1);

      await page.goBack();
      await poll(() => query(page)).toEqual({ team: 'platform', by: 'user' });
      await poll(bars).toEqual(users);
      await page.goBack();
      await poll(() => query(page)).toEqual({});
      await poll(bars).toContain('platform');
      expect(await breakdownTitle()).toBe('Spend by team');
    });

    it('drills a trend bar into its series: stack by model becomes stack by project', async () => {
      // why: back from the drill above, the chart redraws for the whole org; read its legend once settled.
      await poll(() => page.getByText(/stacked by model/).count()).toBe(1);
      await poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      const first = await legend().first().getAttribute('data-series');
      expect(first).toBeTruthy();
      // the first Bar layer draws the first series; its bars carry the click. why the tallest: today's
      // bar is partial and may be a sliver (or nothing) early in the day.
      const paths = page.locator('.recharts-bar').first().locator('.recharts-bar-rectangle path');
      const heights = await paths.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
      // why: on a loaded machine a click can land while the chart redraws under the pointer; a person
      // clicks again, and so does the test (at most three times), asserting the drill the click makes.
      for (let attempt = 0; attempt < 3 && query(page).model === undefined; attempt++) {
        await paths.nth(heights.indexOf(Math.max(...heights))).click();
        await expect
          .poll(() => query(page).model, { timeout: 10_000 })
          .toBeDefined()
          .catch(() => undefined);
      }
      await poll(() => query(page)).toMatchObject({ model: first, stack: 'project' });
      await poll(() => page.getByText(/stacked by project/).count()).toBe(1);
      await page.goBack();
      await poll(() => query(page)).toEqual({});
    });

    it('keeps a series colour across ranges and pages', async () => {
      await page.goto(`${server.url}/?range=30d`);
      await poll(() => colourOf('gemini-2.5-pro')).toMatch(/^#[0-9a-f]{6}$/);
      const colour = await colourOf('gemini-2.5-pro');
      const all30 = await legend().evaluateAll((lis) => lis.map((li) => li.getAttribute('data-color')));
      // named series of one chart never share a colour
      expect(new Set(all30).size).toBe(all30.length);

      await page.getByRole('button', { name: '7 days' }).click();
      await poll(() => query(page).range).toBe('7d');
      await poll(() => colourOf('gemini-2.5-pro')).toBe(colour);
      await shot(page, 'colours-7d');

      await page.getByLabel('By', { exact: true }).selectOption('model');
      const bar = page
        .getByTestId('breakdown-bars')
        .locator('li', { hasText: 'gemini-2.5-pro' })
        .locator('.bar-fill');
      await poll(() => bar.getAttribute('data-color')).toBe(colour);

      await page.goto(`${server.url}/explore`);
      const swatch = page.getByTestId('pivot').locator('[data-series="gemini-2.5-pro"] .swatch');
      await poll(() => swatch.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(colour));
      await shot(page, 'colours-explore');
    });

    it('shows today by the hour, an hourly average, and distinct axis labels', async () => {
      // a weekly bucket left in the URL by a longer range does not carry into today
      await page.goto(`${server.url}/?range=today&bucket=week`);
      await page.getByTestId('trend-chart').waitFor();
      await poll(() => page.getByText('Hourly, stacked by model').count()).toBe(1);
      const buckets = page.getByRole('group', { name: 'Bucket' }).getByRole('button');
      expect(await buckets.allTextContents()).toEqual(['Hourly']);
      await poll(() => summaries.at(-1)).toContain('tz=');
      const asked = new URL(summaries.at(-1) ?? '');
      const summary = await server.api<{ days: number }>(`/api/v1/summary${asked.search}`);
      if (summary.days < 1) {
        await page.getByRole('region', { name: 'Average per hour' }).waitFor();
        expect(await page.getByRole('region', { name: 'Average per day' }).count()).toBe(0);
        const text = await page.getByRole('region', { name: 'Average per hour' }).textContent();
        expect(text).toMatch(/\$\d[\d,]*\.\d\d/);
        expect(text).toMatch(/over \d+ hours?/);
      }
      const ticks = await page.locator('.recharts-yAxis-tick-labels text').allTextContents();
      expect(ticks.length).toBeGreaterThan(1);
      expect(new Set(ticks).size).toBe(ticks.length);
      for (const t of ticks) expect(t).toMatch(/^\$(\d[\d,]*(\.\d{2,3})?|\d+(\.\d+)?K)$/);
      // one day: the hours alone on the time axis, each once, and no fraction of a day anywhere
      const hours = await page.locator('.recharts-xAxis-tick-labels text').allTextContents();
      expect(hours.length).toBeGreaterThan(1);
      expect(new Set(hours).size).toBe(hours.length);
      for (const h of hours) expect(h).toMatch(/^\d{1,2} (AM|PM)$/);
      expect(await page.getByText(/over 0\.\d+ days?/).count()).toBe(0);
      await shot(page, 'today');
    });

    it('marks the weeks a range cuts as partial, with a note in the legend', async () => {
      // Wednesday 4 Nov to Friday 20 Nov 2026: the first and the last week are cut, the middle one is whole
      await page.goto(`${server.url}/?from=2026-11-04&to=2026-11-20&bucket=week`);
      await poll(() => page.getByText('Weekly, stacked by model').count()).toBe(1);
      const note = page.getByTestId('partial-note');
      await poll(() => note.textContent()).toMatch(/partial week \(2 buckets/);
      const columns = await barOpacities(page);
      expect(columns).toEqual([0.4, 1, 0.4]);
      await shot(page, 'partial-weeks');

      // the last 30 days by week: this week is under way, so the last bar is partial
      await page.goto(`${server.url}/?range=30d&bucket=week`);
      await poll(() => page.getByText('Weekly, stacked by model').count()).toBe(1);
      await poll(async () => (await barOpacities(page)).at(-1)).toBe(0.4);
      await shot(page, 'partial-weeks-30d');
    });
  },
);

/** The first of `users` (in the order shown) of `team` who spent on more than one model in the page's range. */
async function userOfManyModels(
  server: WebServer,
  summaryUrl: string,
  team: string,
  users: string[],
): Promise<string> {
  const asked = new URL(summaryUrl).searchParams;
  const query = new URLSearchParams({ team, groupBy: 'user,model' });
  for (const key of ['from', 'to', 'tz']) query.set(key, asked.get(key) ?? '');
  const { rows } = await server.api<{ rows: { user: string | null }[] }>(`/api/v1/spend?${query}`);
  const found = users.find((u) => rows.filter((r) => r.user === u).length > 1);
  if (!found) throw new Error(`no user of ${team} spent on two models: the demo changed`);
  return found;
}

/** `#4e79a7` → `rgb(78, 121, 167)`, as the browser reports a computed colour. */
function rgb(hex: string | null): string {
  const n = Number.parseInt((hex ?? '#000000').slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The fill opacity of each bucket's bars in the first series, left to right. */
async function barOpacities(page: Page): Promise<number[]> {
  return page
    .locator('.recharts-bar')
    .first()
    .locator('.recharts-bar-rectangle path')
    .evaluateAll((paths) =>
      paths
        .map((p) => ({ x: p.getBoundingClientRect().x, o: Number(p.getAttribute('fill-opacity') ?? '1') }))
        .sort((a, b) => a.x - b.x)
        .map((p) => p.o),
    );
}
