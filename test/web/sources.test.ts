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

/** A source as `GET /api/v1/sources/:id` answers it. */
interface Stored {
  kind: string;
  settings: Record<string, unknown>;
  keyHint: string | null;
}

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

  /** Opens the add form on a kind and checks its help text says where the credential comes from. */
  const addForm = async (kind: string, help: RegExp) => {
    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByRole('form', { name: 'New source' });
    await form.getByLabel('Kind').selectOption(kind);
    expect(await form.getByTestId('source-kind-help').textContent()).toMatch(help);
    return form;
  };
  const saved = (id: string) =>
    expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `Added source ${id}` })
          .count(),
      )
      .toBe(1);

  it('offers every kind with its own help text', async () => {
    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByRole('form', { name: 'New source' });
    const kinds = await form
      .getByLabel('Kind')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(kinds.sort()).toEqual(
      [
        'activity',
        'anthropic',
        'azure-openai',
        'bedrock',
        'claude-code-analytics',
        'copilot',
        'cursor',
        'feed',
        'openai',
        'openrouter',
      ].sort(),
    );
    const helps = new Set<string>();
    for (const kind of kinds) {
      await form.getByLabel('Kind').selectOption(kind);
      helps.add(String(await form.getByTestId('source-kind-help').textContent()));
    }
    expect(helps.size).toBe(kinds.length);
    await form.getByLabel('Kind').selectOption('copilot');
    expect(await form.getByLabel('GitHub organization').getAttribute('required')).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('adds an AWS Bedrock source: the access key id is a setting, the secret is sealed and never shown', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETKEY';
    const form = await addForm('bedrock', /ce:GetCostAndUsage/);
    await form.getByLabel('Source ID').fill('aws-bedrock');
    await form.getByLabel('Base URL').fill(`${replay.url}/aws`);
    await form.getByLabel('Access key ID').fill('AKIAIOSFODNN7EXAMPLE');
    await form.getByLabel('Secret access key').fill(secret);
    expect(await form.getByLabel('Secret access key').getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: 'Add source' }).click();
    await saved('aws-bedrock');
    const stored = await server.api<Stored>('/api/v1/sources/aws-bedrock');
    expect(stored).toMatchObject({
      kind: 'bedrock',
      settings: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      keyHint: '••••TKEY',
    });
    expect(Object.keys(stored.settings)).not.toContain('scope');
    const list = await server.api<unknown>('/api/v1/sources');
    expect(JSON.stringify([stored, list])).not.toContain('SECRET');
    expect(await page.locator('body').textContent()).not.toContain('SECRET');
  });

  it('adds an Azure OpenAI source with its scope and app registration; the client secret is never shown', async () => {
    const form = await addForm('azure-openai', /Cost Management Reader/);
    await form.getByLabel('Source ID').fill('azure-aoai');
    await form.getByLabel('Base URL').fill(`${replay.url}/azure`);
    await form.getByLabel('Scope').fill('subscriptions/11111111-2222-3333-4444-555555555555');
    await form.getByLabel('Tenant ID').fill('contoso.onmicrosoft.com');
    await form.getByLabel('Client ID').fill('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    await form.getByLabel('Client secret or access token').fill('azure-client-SECRET-value-7788');
    await form.getByRole('button', { name: 'Add source' }).click();
    await saved('azure-aoai');
    const stored = await server.api<Stored>('/api/v1/sources/azure-aoai');
    expect(stored).toMatchObject({
      kind: 'azure-openai',
      settings: {
        scope: 'subscriptions/11111111-2222-3333-4444-555555555555',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      },
      keyHint: '••••7788',
    });
    expect(Object.keys(stored.settings)).not.toContain('accessKeyId');
    const list = await server.api<unknown>('/api/v1/sources');
    expect(JSON.stringify([stored, list])).not.toContain('SECRET');
    expect(await page.locator('body').textContent()).not.toContain('SECRET');

    // Editing keeps the key and the scope; the form shows them without the secret.
    await page.getByTestId('source-azure-aoai').getByRole('button', { name: 'Edit azure-aoai' }).click();
    const edit = page.getByRole('form', { name: 'Edit source azure-aoai' });
    expect(await edit.getByLabel('Scope').inputValue()).toBe(
      'subscriptions/11111111-2222-3333-4444-555555555555',
    );
    expect(await edit.getByLabel('Client secret or access token').inputValue()).toBe('');
    await edit.getByLabel('Tenant ID').fill('');
    await edit.getByLabel('Client ID').fill('');
    await edit.getByRole('button', { name: 'Save source' }).click();
    await expect
      .poll(async () => (await server.api<Stored>('/api/v1/sources/azure-aoai')).settings.tenantId ?? 'gone')
      .toBe('gone');
    expect((await server.api<Stored>('/api/v1/sources/azure-aoai')).keyHint).toBe('••••7788');
  });

  it('adds an Anthropic source forced to the legacy reports', async () => {
    const form = await addForm('anthropic', /read:analytics.*Admin API key/);
    await form.getByLabel('Source ID').fill('anthropic-admin');
    await form.getByLabel('Base URL').fill(`${replay.url}/anthropic`);
    await form.getByLabel('API', { exact: true }).selectOption('legacy');
    await form.getByLabel('Analytics or Admin key').fill('sk-ant-admin01-SECRET-0000');
    await form.getByRole('button', { name: 'Add source' }).click();
    await saved('anthropic-admin');
    const stored = await server.api<Stored>('/api/v1/sources/anthropic-admin');
    expect(stored).toMatchObject({ kind: 'anthropic', settings: { api: 'legacy' } });
    expect(JSON.stringify(stored)).not.toContain('SECRET');

    // After a sync, the row says which Anthropic API the source reads.
    replay.handle(() => ({ body: { data: [], has_more: false, next_page: null } }));
    const anthropicRow = page.getByTestId('source-anthropic-admin');
    await anthropicRow.getByRole('button', { name: 'Sync anthropic-admin now' }).click();
    await expect
      .poll(
        () =>
          anthropicRow
            .getByTestId('source-detail')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/Admin API usage and cost reports.*set by api = "legacy"/);
    expect(await anthropicRow.getByTestId('source-status').textContent()).toBe('Healthy');
  });

  it('adds a Copilot source with seat prices; editing one price keeps a plan set through the API', async () => {
    const form = await addForm('copilot', /gives no seat prices/);
    await form.getByLabel('Source ID').fill('gh-copilot');
    await form.getByLabel('GitHub organization').fill('acme');
    await form.getByLabel('Business seat price (USD a month)').fill('19');
    await form.getByLabel('GitHub token').fill('ghp_SECRET_0123456789');
    await form.getByRole('button', { name: 'Add source' }).click();
    await saved('gh-copilot');
    const stored = await server.api<Stored>('/api/v1/sources/gh-copilot');
    expect(stored.settings).toMatchObject({ organization: 'acme', seatPrices: { business: '19' } });

    // A plan the form has no field for, set through the API, survives an edit of the form's prices.
    const { id: _id, ...settings } = stored.settings;
    await server.api('/api/v1/sources/gh-copilot', {
      method: 'PUT',
      body: { ...settings, seatPrices: { business: '19', pro: '10' } },
    });
    await page.reload();
    await page.getByTestId('source-gh-copilot').getByRole('button', { name: 'Edit gh-copilot' }).click();
    const edit = page.getByRole('form', { name: 'Edit source gh-copilot' });
    expect(await edit.getByLabel('Business seat price (USD a month)').inputValue()).toBe('19');
    await edit.getByLabel('Business seat price (USD a month)').fill('');
    await edit.getByLabel('Enterprise seat price (USD a month)').fill('39.00');
    await edit.getByRole('button', { name: 'Save source' }).click();
    await expect
      .poll(async () => (await server.api<Stored>('/api/v1/sources/gh-copilot')).settings.seatPrices)
      .toEqual({ enterprise: '39.00', pro: '10' });

    // A price that is not one is refused beside its field.
    await page.getByTestId('source-gh-copilot').getByRole('button', { name: 'Edit gh-copilot' }).click();
    const again = page.getByRole('form', { name: 'Edit source gh-copilot' });
    await again.getByLabel('Enterprise seat price (USD a month)').fill('-5');
    await again.getByRole('button', { name: 'Save source' }).click();
    await expect.poll(() => again.getByText('must be USD per seat per month').count()).toBeGreaterThan(0);
    await again.getByRole('button', { name: 'Cancel' }).click();
  });
});
