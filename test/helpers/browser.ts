import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { refreshAnomalies } from '../../src/app/analysis/refresh.ts';
import { ensureAdminToken } from '../../src/app/auth.ts';
import type { AppContext } from '../../src/app/context.ts';
import { loadDemo } from '../../src/app/demo.ts';
import { ensureOwner } from '../../src/app/identity/owner.ts';
import { openContext } from '../../src/app/open.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildApp } from '../../src/present/http/app.ts';
import { WEB_DIST } from '../../src/present/http/routes/web.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const BROWSER_TOKEN = 'browser-test-admin-token-0123456789';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Whether browser tests can run. Without Chromium they skip with a message, except in CI
 * (`CI=true`), where a missing browser is a failure: `.ci/run` installs it.
 */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is not installed at ${CHROMIUM}: browser tests skipped (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`${message}; in CI this is a failure`);
  console.warn(message);
  return false;
}

/** Builds the dashboard when web/dist is missing or older than a source file; one build at a time. */
export function ensureWebBuild(): void {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource(join(ROOT, 'web'))) return;
  const lock = join(ROOT, 'web', '.build-lock');
  // why: a lock left by a killed run would otherwise make every later run wait for nothing
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    waitFor(() => !existsSync(lock), 120_000);
    return;
  }
  try {
    // why: Vitest sets NODE_ENV=test, under which Vite would bundle React's slow development build.
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function waitFor(done: () => boolean, timeoutMs: number): void {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
}

export interface WebServer {
  url: string;
  token: string;
  ctx: AppContext;
  app: FastifyInstance;
  /** GET or send JSON to the API with the admin token, as a script would. */
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real spendlens on a fresh DuckDB file in a temp directory, listening on a free local port; with
 * `owner`, started as `serve` is with SPENDLENS_OWNER_EMAIL and SPENDLENS_OWNER_PASSWORD.
 */
export async function startWebServer(
  options: { demo?: boolean; owner?: { email: string; password: string } } = {},
): Promise<WebServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendlens-web-'));
  const owner = options.owner
    ? { SPENDLENS_OWNER_EMAIL: options.owner.email, SPENDLENS_OWNER_PASSWORD: options.owner.password }
    : {};
  const config = loadConfig({ dataDir }, { SPENDLENS_ADMIN_TOKEN: BROWSER_TOKEN, ...owner });
  const ctx = await openContext(config);
  await ensureAdminToken(ctx);
  if (options.owner) await ensureOwner(ctx);
  // why: `serve --demo` examines the demo's history at start (the scheduler's catch-up); done here before
  // the first page, so a page's wait is for the page, not for the first examination of 400 days.
  if (options.demo ?? true) {
    await loadDemo(ctx);
    await refreshAnomalies(ctx, config.org);
  }
  const app = buildApp(ctx);
  const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', 'localhost');
  return {
    url,
    token: BROWSER_TOKEN,
    ctx,
    app,
    async api<T>(path: string, init: { method?: string; body?: unknown } = {}) {
      const response = await fetch(url + path, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${BROWSER_TOKEN}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return (await response.json()) as T;
    },
    async close() {
      await app.close();
      await ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Signs in with the admin token (the sign-in page's API token form) and waits for the navigation. */
export async function signIn(page: Page, server: WebServer, path = '/'): Promise<void> {
  await page.goto(server.url + path);
  await page.getByRole('button', { name: 'Use an API token instead' }).click();
  await page.getByLabel('API token').fill(server.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Signs in with an account's email and password and waits for the navigation. */
export async function signInAs(
  page: Page,
  server: WebServer,
  account: { email: string; password: string },
  path = '/',
): Promise<void> {
  await page.goto(server.url + path);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is now. */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; help: string; nodes: string[] }[]> {
  // why: a card refreshing after a change is dimmed on purpose (.busy); judge the page once it has settled.
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .busy'), null, { timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForTimeout(250);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
