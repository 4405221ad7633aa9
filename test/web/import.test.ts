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

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const record = (i: number, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `import-${i}`,
    timestamp: hoursAgo(2 + (i % 48)),
    provider: 'openai',
    model: 'gpt-4o',
    user: 'importer',
    project: 'imported',
    inputTokens: 1000,
    outputTokens: 100,
    ...over,
  });

describe.skipIf(!hasChromium())('import page', () => {
  let server: WebServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const total = () => page.getByTestId('total-spend').locator('.money').getAttribute('data-value');
  const upload = async (name: string, text: string) => {
    await page
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByRole('button', { name: /^Import [\d,]+ records$/ }).click();
    await page.getByTestId('import-accepted').waitFor();
  };
  const problems = () =>
    page
      .getByTestId('import-problems')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );

  it('imports a JSONL file and reports each bad line by its line number', async () => {
    await expect.poll(total).toMatch(/^\d+\.\d{6}$/);
    const before = await total();
    await page.getByRole('link', { name: 'Import' }).click();
    const lines = [
      record(1),
      '',
      record(2),
      '{"oops": ',
      record(3, { timestamp: '2026-11-02T10:00:00' }),
      record(4),
    ];
    await upload('usage.jsonl', lines.join('\n'));
    expect(await page.getByTestId('import-accepted').textContent()).toBe('3');
    const rows = await problems();
    expect(rows.map((r) => r[0])).toEqual(['4', '5']);
    expect(rows[0]?.[2]).toContain('not valid JSON');
    expect(rows[1]).toEqual(['5', 'timestamp', expect.stringContaining('has no time zone')]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'import');

    await page.getByRole('link', { name: 'See them on the overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByRole('button', { name: '30 days' }).click();
    // 3 × (1000 input at $2.50/M + 100 output at $10/M) = 3 × $0.0035
    await expect.poll(total).toBe((Number(before) + 0.0105).toFixed(6));
  });

  it('imports a CSV file with tags and maps rejections back to lines', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    const csv = [
      'id,timestamp,provider,model,user,inputTokens,outputTokens,tags.env',
      `csv-1,${hoursAgo(3)},anthropic,claude-sonnet-4-5,csv-user,2000,300,prod`,
      '',
      `csv-2,${hoursAgo(4)},,claude-sonnet-4-5,csv-user,2000,300,prod`,
      `csv-3,${hoursAgo(5)},anthropic,claude-sonnet-4-5,csv-user,-5,300,dev`,
    ].join('\n');
    await upload('usage.csv', csv);
    expect(await page.getByTestId('import-accepted').textContent()).toBe('1');
    const rows = await problems();
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['4', 'provider'],
      ['5', 'inputTokens'],
    ]);
  });

  it('sends a large file in batches and still finds the line of each rejection', async () => {
    const lines = Array.from({ length: 6_200 }, (_, i) =>
      i === 5_499 ? record(10_000 + i, { provider: '' }) : record(10_000 + i),
    );
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'big.jsonl', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    const posts: number[] = [];
    page.on(
      'request',
      (r) =>
        r.url().endsWith('/api/v1/usage') &&
        r.method() === 'POST' &&
        posts.push(r.postDataBuffer()?.length ?? 0),
    );
    await page.getByRole('button', { name: 'Import 6,200 records' }).click();
    await page.getByTestId('import-accepted').waitFor();
    expect(posts).toHaveLength(2);
    expect(await page.getByTestId('import-accepted').textContent()).toBe('6,199');
    expect((await problems()).map((r) => [r[0], r[1]])).toEqual([['5500', 'provider']]);
  });
});
