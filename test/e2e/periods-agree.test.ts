import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERIOD_IDS, type PeriodId } from '../../src/domain/periods.ts';
import { reportData } from '../../src/present/cli/commands/report.ts';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  signIn,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';
import { cli } from '../helpers/cli.ts';

/** The dashboard's URL name of each period (web/src/state/range.ts). */
const DASHBOARD_RANGE: Record<PeriodId, string> = {
  today: 'today',
  '7d': '7d',
  '30d': '30d',
  'this-week': 'wtd',
  'last-week': 'lastweek',
  'this-month': 'mtd',
  'last-month': 'lastmonth',
};

// why: UTC, a zone half an hour off UTC and one behind it; the demo's 90 days of spend has records on
// both sides of every local midnight, so a place reading a period in the wrong zone gets another total.
const ZONES = ['UTC', 'Asia/Kolkata', 'America/Los_Angeles'];

interface Totals {
  api: string;
  cliRemote: string;
  cliLocal: string;
  cliCommand?: string;
  dashboard: string;
}

describe.skipIf(!hasChromium())('one total per period in the API, the CLI and the dashboard', () => {
  let server: WebServer;
  let browser: Browser;
  const cwd = mkdtempSync(join(tmpdir(), 'spendlens-agree-'));

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function apiTotal(id: PeriodId, tz: string): Promise<string> {
    const query = new URLSearchParams({ period: id, tz });
    return (await server.api<{ totalCost: string }>(`/api/v1/summary?${query}`)).totalCost;
  }

  /** The real command, as a script runs it; in-process below for the rest (a spawn takes seconds here). */
  async function cliTotal(id: PeriodId, tz: string): Promise<string> {
    const args = ['report', '--period', id, '--tz', tz, '--json', '--server', server.url];
    const run = await cli(args, { cwd, env: { SPENDLENS_TOKEN: server.token } });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { totalCost: string; period: { id: string; tz: string } };
    expect(json.period).toMatchObject({ id, tz });
    return json.totalCost;
  }

  async function dashboardTotals(tz: string): Promise<Record<PeriodId, string>> {
    const context = await browser.newContext({ timezoneId: tz, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, server);
    const totals = {} as Record<PeriodId, string>;
    for (const id of PERIOD_IDS) {
      await page.goto(`${server.url}/?range=${DASHBOARD_RANGE[id]}`);
      const total = page.getByTestId('total-spend').locator('.money');
      // why: the first page on a loaded machine waits for the server's first rollup reads.
      await total.waitFor({ timeout: 90_000 });
      totals[id] = (await total.getAttribute('data-value')) ?? '';
    }
    await context.close();
    return totals;
  }

  it.each(ZONES)('agree on every named period in %s', { timeout: 180_000 }, async (tz) => {
    const now = new Date();
    const dashboard = await dashboardTotals(tz);
    const seen: Record<string, Totals> = {};
    await Promise.all(
      PERIOD_IDS.map(async (id) => {
        const remote = { url: server.url, token: server.token };
        const [api, viaServer, local, command] = await Promise.all([
          apiTotal(id, tz),
          reportData({ remote }, { period: id, tz }, now),
          reportData({ ctx: server.ctx }, { period: id, tz }, now),
          id === 'last-month' ? cliTotal(id, tz) : undefined,
        ]);
        if (local.kind !== 'summary' || viaServer.kind !== 'summary') throw new Error(`${id}: not a summary`);
        const totals = { api, cliRemote: viaServer.totalCost, cliLocal: local.totalCost };
        seen[id] = { ...totals, dashboard: dashboard[id], ...(command ? { cliCommand: command } : {}) };
      }),
    );
    for (const id of PERIOD_IDS) {
      const { api } = seen[id] as Totals;
      expect(api, id).toMatch(/^\d+\.\d{6}$/);
      const command = id === 'last-month' ? { cliCommand: api } : {};
      expect(seen[id], id).toEqual({ api, cliRemote: api, cliLocal: api, dashboard: api, ...command });
    }
    // The demo spends every day: a period that held nothing would agree without saying anything.
    for (const id of PERIOD_IDS.filter((p) => p !== 'today'))
      expect(Number(seen[id]?.api), id).toBeGreaterThan(0);
    expect(Number(seen['30d']?.api)).toBeGreaterThan(Number(seen['7d']?.api));
    expect(seen['last-month']?.api).not.toBe(seen['30d']?.api);
  });

  it('reads days in the zone asked for: the totals differ between zones', { timeout: 60_000 }, async () => {
    const [utc, kolkata] = await Promise.all([apiTotal('7d', 'UTC'), apiTotal('7d', 'Asia/Kolkata')]);
    expect(utc).not.toBe(kolkata);
  });
});
