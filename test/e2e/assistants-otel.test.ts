import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
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
import { type ClaudeCall, collectClaudeMetrics, sendClaudeEvents } from '../helpers/claude-code-otel.ts';

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + offset * DAY_MS);
const dayText = (d: Date) => d.toISOString().slice(0, 10);

// Three days ago at noon UTC, so the custom range below holds them in any browser time zone near UTC.
const at = (minutes: number) => new Date(day(-3).getTime() + 12 * 3_600_000 + minutes * 60_000);
const call = (
  over: Partial<ClaudeCall> & Pick<ClaudeCall, 'email' | 'sequence' | 'costMicros'>,
): ClaudeCall => ({
  session: `s-${over.email}`,
  at: at(over.sequence),
  model: 'claude-sonnet-4-5',
  input: 1000,
  output: 500,
  cacheRead: 0,
  cacheCreation: 0,
  ...over,
});

const CALLS: ClaudeCall[] = [
  call({ email: 'ana@example.com', sequence: 1, costMicros: 1_234_567 }),
  call({ email: 'ana@example.com', sequence: 2, costMicros: 765_433 }),
  call({ email: 'ben@example.com', sequence: 1, costMicros: 42_100, model: 'claude-haiku-4-5' }),
];

interface SpendRow {
  user: string | null;
  cost: string;
  requests: number;
}

describe.skipIf(!hasChromium())(
  'Claude Code telemetry from the real OpenTelemetry SDK, per person on the dashboard',
  () => {
    let server: WebServer;
    let browser: Browser;
    let page: Page;
    const range = `from=${dayText(day(-5))}&to=${dayText(day(-1))}`;
    const period = `from=${dayText(day(-5))}&to=${dayText(day(0))}`;

    beforeAll(async () => {
      ensureWebBuild();
      [server, browser] = await Promise.all([startWebServer({ demo: false }), launchBrowser()]);
      const headers = { Authorization: `Bearer ${server.token}` };
      // The events go through the SDK's own OTLP/HTTP JSON exporter, as Claude Code sends them.
      await sendClaudeEvents(new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers }), CALLS);
      // Its counters for the same calls too: they describe the same money and must not add to it.
      const metrics = JsonMetricsSerializer.serializeRequest(await collectClaudeMetrics(CALLS, 'delta'));
      const sent = await fetch(`${server.url}/v1/metrics`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: Buffer.from(metrics as Uint8Array),
      });
      expect(sent.status).toBe(200);
      // Ana also uses Cursor (as its source books it); Cal only calls the API directly, with no assistant.
      const usage = await server.api<{ accepted: number }>('/api/v1/usage', {
        method: 'POST',
        body: [
          {
            id: 'cursor-ana-1',
            timestamp: at(30).toISOString(),
            provider: 'cursor',
            model: 'gpt-5',
            user: 'ana@example.com',
            cost: '0.500000',
            costKind: 'billed',
            requests: 3,
            tags: { agent: 'cursor' },
          },
          {
            id: 'api-cal-1',
            timestamp: at(31).toISOString(),
            provider: 'openai',
            model: 'gpt-5',
            user: 'cal@example.com',
            cost: '9.000000',
            costKind: 'billed',
            requests: 1,
          },
        ],
      });
      expect(usage.accepted).toBe(2);
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('books each call once per person, events and metrics together', async () => {
      const spend = await server.api<{ rows: SpendRow[] }>(
        `/api/v1/spend?${period}&groupBy=user&tag.agent=claude-code`,
      );
      const byUser = Object.fromEntries(spend.rows.map((r) => [r.user, r]));
      expect(byUser['ana@example.com']).toMatchObject({ cost: '2.000000', requests: 2 });
      expect(byUser['ben@example.com']).toMatchObject({ cost: '0.042100', requests: 1 });
      expect(Object.keys(byUser)).toHaveLength(2);
    });

    it('shows each person across tools, with the totals the API gives', async () => {
      await signIn(page, server, `/assistants?${range}`);
      const table = page.getByTestId('assistant-people');
      await table.waitFor();
      const rows = table.locator('tbody tr');
      expect(await rows.count()).toBe(2);
      // Most spent first; the person who only calls the API is not a coding-assistant user.
      expect(await rows.nth(0).getAttribute('data-user')).toBe('ana@example.com');
      expect(await rows.nth(1).getAttribute('data-user')).toBe('ben@example.com');
      const headers = await table.locator('thead th').allTextContents();
      expect(headers).toEqual(['Person', 'Claude Code', 'Cursor', 'Total', 'Requests']);
      const cell = (user: string, selector: string) =>
        table.locator(`tr[data-user="${user}"] ${selector} .money`).getAttribute('data-value');
      expect(await cell('ana@example.com', '[data-agent="claude-code"]')).toBe('2.000000');
      expect(await cell('ana@example.com', '[data-agent="cursor"]')).toBe('0.500000');
      expect(await table.locator('tr[data-user="ben@example.com"] [data-agent="cursor"]').textContent()).toBe(
        '—',
      );

      const api = await server.api<{ rows: SpendRow[] }>(
        `/api/v1/spend?${period}&groupBy=user&tag.agent=claude-code,cursor`,
      );
      expect(api.rows.map((r) => r.user).sort()).toEqual(['ana@example.com', 'ben@example.com']);
      for (const row of api.rows) {
        expect(await cell(row.user as string, '[data-total]')).toBe(row.cost);
      }
      await expect
        .poll(() => table.locator('tr[data-user="ana@example.com"] [data-total]').textContent())
        .toBe('$2.50');
      const tools = page.getByTestId('assistant-tools');
      expect(await tools.textContent()).toContain('Claude Code$2.04');
      await screenshot(page, 'assistants-per-person');
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('links a person to their records by tool on Explore', async () => {
      await page.getByRole('link', { name: 'ben@example.com' }).click();
      await page.waitForURL(/\/explore\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('user')).toBe('ben@example.com');
      expect(url.searchParams.get('group')).toBe('tag:agent');
    });
  },
);
