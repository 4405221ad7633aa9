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
import { type ReplayServer, startReplayServer } from '../helpers/replay-server.ts';

const KEY = 'sk-admin-REPLAY-browser-test-0123456789';
const DAY = 86_400;
/** A day bucket two days back, so it falls in the default 30-day view. */
const BUCKET = Math.floor(Date.now() / 1000 / DAY) * DAY - 2 * DAY;

const emptyPage = { object: 'page', data: [], has_more: false, next_page: null };
const usagePage = {
  object: 'page',
  data: [
    {
      object: 'bucket',
      start_time: BUCKET,
      end_time: BUCKET + DAY,
      results: [
        {
          object: 'organization.usage.completions.result',
          input_tokens: 120_000,
          input_cached_tokens: 0,
          output_tokens: 9_500,
          num_model_requests: 212,
          project_id: 'proj_replay',
          user_id: 'replay-user',
          api_key_id: 'key_replay',
          model: 'gpt-4o-mini-2024-07-18',
          batch: null,
          service_tier: null,
        },
      ],
    },
  ],
  has_more: false,
  next_page: null,
};

interface UsageList {
  records: { user?: string | null; model: string }[];
}

describe.skipIf(!hasChromium())('sources page', () => {
  let server: WebServer;
  let replay: ReplayServer;
  let browser: Browser;
  let page: Page;

  const openai = () =>
    startReplayServer((req) => {
      if (req.headers.authorization !== `Bearer ${KEY}`) return { status: 401, body: { error: 'bad key' } };
      const start = Number(req.query.get('start_time'));
      const end = Number(req.query.get('end_time') || Number.POSITIVE_INFINITY);
      const inWindow = start <= BUCKET && BUCKET < end;
      return { body: req.path.endsWith('/usage/completions') && inWindow ? usagePage : emptyPage };
    });

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser, replay] = await Promise.all([startWebServer(), launchBrowser(), openai()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server, '/sources');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await replay?.close();
  });

  const row = () => page.getByTestId('source-openai-replay');

  it('says what to do when there are no sources', async () => {
    await page.getByRole('heading', { name: 'No sources yet' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Add an OpenAI or Anthropic admin key');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds an OpenAI source, syncs it, and its records arrive', async () => {
    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByRole('form', { name: 'New source' });
    await form.getByLabel('Kind').selectOption('openai');
    await form.getByLabel('Source ID').fill('openai-replay');
    await form.getByLabel('Base URL').fill(`${replay.url}/v1`);
    await form.getByLabel('Admin key').fill(KEY);
    expect(await form.getByLabel('Admin key').getAttribute('type')).toBe('password');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Add source' }).click();

    await row().waitFor();
    expect(await row().getByTestId('source-status').textContent()).toBe('Never synced');
    expect(await row().textContent()).toContain('••••6789');
    expect(await page.locator('body').textContent()).not.toContain('REPLAY');

    await row().getByRole('button', { name: 'Sync openai-replay now' }).click();
    // why: a first sync walks every usage endpoint over the backfill window; give a loaded machine time.
    await expect
      .poll(() => row().getByTestId('source-status').textContent(), { timeout: 30_000 })
      .toBe('Healthy');
    await expect
      .poll(async () => Number((await row().getByTestId('source-records').textContent())?.replace(/\D/g, '')))
      .toBeGreaterThan(0);
    expect(replay.requests.some((r) => r.path === '/v1/organization/usage/completions')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sources');

    const usage = await server.api<UsageList>('/api/v1/usage?user=replay-user');
    expect(usage.records.length).toBeGreaterThan(0);
    expect(usage.records[0]?.model).toContain('gpt-4o-mini');
  });

  it('edits a source without touching its key, and shows a failing sync in words', async () => {
    await row().getByRole('button', { name: 'Edit openai-replay' }).click();
    const form = page.getByRole('form', { name: 'Edit source openai-replay' });
    expect(await form.getByLabel('Admin key').inputValue()).toBe('');
    expect(await form.textContent()).toContain('Stored key ••••6789');
    await form.getByLabel('Poll interval').fill('10m');
    await form.getByRole('button', { name: 'Save source' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved source' }).count()).toBe(1);
    const after = await server.api<{ settings: { poll: string }; keyHint: string }>(
      '/api/v1/sources/openai-replay',
    );
    expect(after).toMatchObject({ settings: { poll: '10m' }, keyHint: '••••6789' });
    // the key was kept: a sync still authenticates
    await row().getByRole('button', { name: 'Sync openai-replay now' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Synced openai-replay' }).count())
      .toBe(1);
    expect(await row().getByTestId('source-status').textContent()).toBe('Healthy');

    replay.handle(() => ({ status: 401, body: { error: { message: 'invalid admin key' } } }));
    await row().getByRole('button', { name: 'Sync openai-replay now' }).click();
    await expect.poll(() => row().getByTestId('source-status').textContent()).toBe('Failing');
    expect(await row().getByTestId('source-error').textContent()).toMatch(/401/);
  });

  it('fits a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await row().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('deletes a source after confirmation', async () => {
    await row().getByRole('button', { name: 'Delete openai-replay' }).click();
    await row().getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { name: 'No sources yet' }).waitFor();
    const list = await server.api<{ sources: unknown[] }>('/api/v1/sources');
    expect(list.sources).toEqual([]);
  });
});
