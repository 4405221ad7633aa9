// The dashboard's speed in Chromium against a demo server (issue 3 targets): the overview interactive
// within 1.5 s, a range or dimension change redrawn within 300 ms, first-page JavaScript under 400 KB
// gzipped. Times come from the page's own performance timeline: the overview sets the mark
// `spendlens:overview-ready` in the frame after its data is drawn.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import {
  CHROMIUM,
  ensureWebBuild,
  launchBrowser,
  startWebServer,
  type WebServer,
} from '../test/helpers/browser.ts';

const READY = 'spendlens:overview-ready';
const LOADS = 5;

/** Measures the overview on 90 days of demo data and returns the figures by name. */
export async function benchWeb(): Promise<Record<string, number | string>> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}`);
  ensureWebBuild();
  const server = await startWebServer();
  const browser = await launchBrowser();
  try {
    await coldLoad(browser, server); // warms the server's store, not the browser
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, server));
    const last = loads[loads.length - 1] as Awaited<ReturnType<typeof coldLoad>>;
    const dimensions = await redraws(last.page, ['model', 'user', 'project', 'provider'], (page, value) =>
      page.getByLabel('By', { exact: true }).selectOption(value),
    );
    const ranges = await redraws(
      last.page,
      ['7 days', 'Month to date', 'Last month', 'Today'],
      (page, name) => page.getByRole('button', { name, exact: true }).click(),
    );
    const ready = loads.map((l) => l.readyMs);
    return {
      'overview interactive, median ms (target ≤ 1500)': median(ready),
      'overview interactive, worst ms': Math.max(...ready),
      'DOMContentLoaded, median ms': median(loads.map((l) => l.domContentLoadedMs)),
      'redraw after a range change, median ms (target ≤ 300)': median(ranges),
      'redraw after a range change, worst ms': Math.max(...ranges),
      'redraw after a dimension change, median ms (target ≤ 300)': median(dimensions),
      'redraw after a dimension change, worst ms': Math.max(...dimensions),
      'first-page JavaScript, KB gzipped (target < 400)': round(last.scriptBytes / 1024),
      'first-page JavaScript files': last.scripts,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Opens the overview in a fresh browser context (empty HTTP cache) and reads its timings. */
async function coldLoad(browser: Browser, server: WebServer) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.request.post(`${server.url}/api/session`, { data: { token: server.token } });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, READY);
  const timings = await page.evaluate((name) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
      new URL(r.name).pathname.endsWith('.js'),
    );
    return {
      readyMs: performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      scriptBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
      scripts: scripts.length,
    };
  }, READY);
  return {
    page,
    ...timings,
    readyMs: round(timings.readyMs),
    domContentLoadedMs: round(timings.domContentLoadedMs),
  };
}

/**
 * Runs in the page before an action: resolves `window.__redraw` with the time from the event that
 * begins the action (a press or a choice, not the script's call) to the next ready mark.
 * why: a string, because the TypeScript loader wraps named functions in a helper the page lacks.
 */
const ARM_REDRAW = `(() => {
  window.__t0 = 0;
  const stamp = () => { if (!window.__t0) window.__t0 = performance.now(); };
  addEventListener('pointerdown', stamp, { once: true, capture: true });
  addEventListener('input', stamp, { once: true, capture: true });
  window.__redraw = new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      const mark = list.getEntries().find((e) => e.name === '${READY}');
      if (!mark) return;
      observer.disconnect();
      resolve(mark.startTime - window.__t0);
    });
    observer.observe({ type: 'mark' });
  });
})()`;

/** For each step: the time from the user's action to the next ready mark, in the page's clock. */
async function redraws(page: Page, steps: string[], act: (page: Page, step: string) => Promise<unknown>) {
  const times: number[] = [];
  for (const step of steps) {
    await page.evaluate(ARM_REDRAW);
    await act(page, step);
    times.push(
      round(await page.evaluate(() => (window as unknown as { __redraw: Promise<number> }).__redraw)),
    );
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

// `node bin/run-ts.js bench/web.ts` runs it alone.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const figures = await benchWeb();
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
}
