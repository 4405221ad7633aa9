import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGateway } from '../gateway/harness.ts';
import { TEST_TOKEN } from '../helpers/app.ts';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  seriousViolations,
  signIn,
  type WebServer,
} from '../helpers/browser.ts';

describe.skipIf(!hasChromium())('the gateway on the dashboard', () => {
  let gw: GatewayHarness;
  let browser: Browser;
  let page: Page;
  let refusal: string;

  /** The harness's app as the browser helpers see a server. */
  const server = (): WebServer => ({
    url: gw.url,
    token: TEST_TOKEN,
    ctx: gw.app.ctx,
    app: gw.app.app,
    api: async () => {
      throw new Error('not used');
    },
    close: () => gw.close(),
  });

  beforeAll(async () => {
    ensureWebBuild();
    [gw, browser] = await Promise.all([startGateway(), launchBrowser()]);
    const add = (payload: Record<string, unknown>) =>
      gw.app.app.inject({ method: 'POST', url: '/api/v1/budgets', headers: gw.app.auth, payload });
    const scope = (value: string) => ({ dimension: 'project', value });
    await add({
      id: 'nightly-cap',
      name: 'Nightly cap',
      amount: '0.002',
      period: 'day',
      scope: scope('nightly'),
      enforce: 'hard',
    });
    await add({ id: 'eval-watch', name: 'Eval watch', amount: '5', scope: scope('eval'), enforce: 'soft' });
    await add({ id: 'report-only', name: 'Report only', amount: '5', scope: scope('other') });
    const made = await gw.app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: gw.app.auth,
      payload: { scopes: ['gateway'], label: 'nightly job' },
    });
    const client = new OpenAI({
      apiKey: (made.json() as { token: string }).token,
      baseURL: `${gw.url}/proxy/openai/v1`,
      defaultHeaders: { 'X-Spendlens-Project': 'nightly' },
      maxRetries: 0,
    });
    // the call's estimate (≈ 2.5k µ$) alone passes the 2000 µ$ budget: refused before it is sent
    const refused = await client.chat.completions
      .create({ model: 'gpt-4o', max_tokens: 250, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    // the message as the gateway wrote it (the SDK's own puts the status before it)
    refusal = ((refused as InstanceType<typeof OpenAI.RateLimitError>).error as { message: string }).message;
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server(), '/budgets');
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('marks which budgets the gateway enforces, hard or soft', async () => {
    const badge = (id: string) => page.getByTestId(`budget-${id}`).getByTestId('budget-enforce');
    await expect.poll(() => badge('nightly-cap').textContent()).toBe('Hard limit');
    expect(await badge('eval-watch').textContent()).toBe('Soft limit');
    expect(await badge('report-only').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the gateway keys and the refused call with the message its client got', async () => {
    await page.goto(`${gw.url}/settings`);
    const keys = page.getByTestId('gateway-keys');
    await keys.waitFor();
    expect(await keys.getByRole('listitem').allTextContents()).toEqual([
      'gateway test every team · last used never',
      expect.stringMatching(/^nightly job every team · last used \d{1,2} [A-Z][a-z]{2} \d{4}, /),
    ]);
    const rows = page.getByTestId('gateway-refusals').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['nightly job', 'openai · gpt-4o', `Budget spent${refusal}`]);
    expect(refusal).toContain('"Nightly cap"');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'settings-gateway');
  });
});
