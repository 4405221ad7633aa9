import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceRunner } from '../../../src/app/sources/runner.ts';
import { DEFAULT_RETRY } from '../../../src/sources/http/retry.ts';
import { assistantSpend } from '../../../web/src/pages/assistants/assistants.ts';
import { startTestApp, type TestApp, testEngines } from '../../helpers/app.ts';
import { fixture, type Recorded, type ReplayServer, startReplayServer } from '../../helpers/replay-server.ts';
import { REPLAY_KEY, revise } from '../replay-suite.ts';

const SEATS = '/v1/orgs/acme/copilot/billing/seats';
const NOW = new Date('2026-12-05T12:00:00Z');
const PRICES = { business: '19', enterprise: '39' };
const NOVEMBER = 'from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z';

/**
 * Four seats over two pages: octocat (business, since March), hubot (business, created 20:00 on Nov 10
 * in UTC-8, so Nov 11 in UTC), monalisa (enterprise, cancelled: last day paid Nov 20), dependabot (plan
 * "pro", which has no price). No premium-request usage, so every record is a seat's day.
 */
function seatsServer(pages: { page1: unknown; page2: unknown }) {
  return (req: Recorded) => {
    if (req.path === SEATS) return { body: req.query.get('page') === '2' ? pages.page2 : pages.page1 };
    return { body: { timePeriod: { year: 2026 }, organization: 'acme', usageItems: [] } };
  };
}
const PAGES = {
  page1: fixture('copilot', 'seats-priced-page1'),
  page2: fixture('copilot', 'seats-priced-page2'),
};

describe.each(await testEngines('the Copilot seats tests'))(
  'copilot seats booked from the seats list (%s)',
  { timeout: 120_000 },
  (engine) => {
    let t: TestApp;
    let server: ReplayServer;

    beforeEach(async () => {
      server = await startReplayServer(seatsServer(PAGES));
      t = await startTestApp({}, () => NOW, engine);
      sourceRunner(t.ctx, { sleep: async () => {}, random: () => 0.5, retry: DEFAULT_RETRY, log: () => {} });
    });
    afterEach(async () => {
      await t.close();
      await server.close();
    });

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: t.auth, payload: payload as object });
    const settings = (seatPrices?: Record<string, string>) => ({
      kind: 'copilot',
      organization: 'acme',
      baseUrl: `${server.url}/v1`,
      backfillDays: 40,
      // why: the usage stream asks once per seat and day; the default 100 a minute would take a minute here.
      rateLimit: 10_000,
      ...(seatPrices ? { seatPrices } : {}),
    });
    const addSource = async (seatPrices?: Record<string, string>) => {
      const res = await api('POST', '/api/v1/sources', {
        id: 'gh',
        key: REPLAY_KEY,
        ...settings(seatPrices),
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    const sync = async () => (await api('POST', '/api/v1/sources/gh/sync')).json();
    const byUser = async (range: string) => {
      const res = await api('GET', `/api/v1/spend?${range}&service=seat&groupBy=user`);
      const rows = res.json().rows as { user: string; cost: string }[];
      return Object.fromEntries(rows.map((r) => [r.user, r.cost]));
    };
    const seatCount = async () =>
      (await api('GET', '/api/v1/spend?from=2026-01-01&to=2027-01-01&service=seat&groupBy=user')).json()
        .rows as { user: string; requests: number }[];
    const count = () => t.ctx.usage.countUsage(t.ctx.config.org);

    it('books each priced seat per UTC day: a month sums to its fee, a seat created mid-month pays its days, a cancellation stops it', async () => {
      await addSource(PRICES);
      // Backfill from Oct 26: octocat 6 + 30 + 5 days, hubot Nov 11 to Dec 5 (25), monalisa Oct 26 to Nov 20 (26).
      expect(await sync()).toMatchObject({ ok: true, inserted: 92, rejected: 0 });
      expect(await count()).toBe(92);
      // November: octocat's full $19; hubot 20 of 30 days of $19, cut at exact boundaries; monalisa 20 of 30 days of $39.
      expect(await byUser(NOVEMBER)).toEqual({
        octocat: '19.000000',
        hubot: '12.666667',
        monalisa: '26.000000',
      });
      // Whole span: Oct 26-31 is 6/31 of the month's fee, Dec 1-5 is 5/31.
      expect(await byUser('from=2026-10-01&to=2027-01-01')).toEqual({
        octocat: '25.741936',
        hubot: '15.731183',
        monalisa: '33.548388',
      });
      const nov20 = await api(
        'GET',
        '/api/v1/usage?user=monalisa&from=2026-11-20T00:00:00Z&to=2026-11-22T00:00:00Z',
      );
      const records = nov20.json().records as Record<string, unknown>[];
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        id: 'copilot:seat:monalisa:2026-11-20',
        source: 'gh',
        provider: 'github',
        service: 'seat',
        model: 'copilot-enterprise',
        user: 'monalisa',
        cost: '1.300000',
        currency: 'USD',
        costKind: 'billed',
        tags: { agent: 'copilot', costKind: 'subscription', vendor: 'copilot', plan: 'enterprise' },
      });
      // The Coding assistants page (spend by user and tag:agent) shows each person's seat under Copilot.
      const agents = await api('GET', `/api/v1/spend?${NOVEMBER}&groupBy=user,tag:agent`);
      const people = assistantSpend(agents.json().rows).people;
      expect(people.map((p) => [p.user, p.byTool, p.total])).toEqual([
        ['monalisa', { copilot: '26.000000' }, '26.000000'],
        ['octocat', { copilot: '19.000000' }, '19.000000'],
        ['hubot', { copilot: '12.666667' }, '12.666667'],
      ]);
      expect((await api('GET', '/api/v1/sources/gh')).json().detail).toBe(
        'books 3 of 4 Copilot seats per day at business $19, enterprise $39 a month; not booked, no price in seat_prices for their plan_type: dependabot (pro)',
      );
    });

    it('adds and rewrites nothing when synced twice', async () => {
      await addSource(PRICES);
      await sync();
      expect(await sync()).toMatchObject({ ok: true, inserted: 0, replaced: 0 });
      expect(await count()).toBe(92);
    });

    it('re-books the days it re-reads (the last 31) at a changed price, and only the seats whose price changed', async () => {
      await addSource(PRICES);
      await sync();
      const put = await api('PUT', '/api/v1/sources/gh', settings({ business: '21', enterprise: '39' }));
      expect(put.statusCode, put.body).toBe(200);
      // Re-read from Nov 4: octocat's 32 days and hubot's 25; monalisa's price is the same.
      expect(await sync()).toMatchObject({ ok: true, inserted: 0, replaced: 57 });
      expect(await count()).toBe(92);
      // octocat: Nov 1-3 at $19 (1.90), Nov 4-30 at $21 (18.90); hubot's November all at $21.
      expect(await byUser(NOVEMBER)).toEqual({
        octocat: '20.800000',
        hubot: '14.000000',
        monalisa: '26.000000',
      });
      expect(await byUser('from=2026-12-01T00:00:00Z&to=2026-12-06T00:00:00Z')).toEqual({
        octocat: '3.387096',
        hubot: '3.387096',
      });
    });

    it('removes the days after a cancellation that moved earlier; a seat no longer listed keeps its days', async () => {
      await addSource(PRICES);
      await sync();
      const page1 = PAGES.page1 as { total_seats: number; seats: { assignee: { login: string } }[] };
      const withoutHubot = { total_seats: 3, seats: page1.seats.filter((s) => s.assignee.login !== 'hubot') };
      const earlier = revise(PAGES.page2, '"2026-11-20"', '"2026-11-15"') as object;
      server.handle(seatsServer({ page1: withoutHubot, page2: { ...earlier, total_seats: 3 } }));
      expect(await sync()).toMatchObject({ ok: true, inserted: 0, replaced: 0 });
      expect(await count()).toBe(92 - 5);
      expect(await byUser(NOVEMBER)).toEqual({
        octocat: '19.000000',
        hubot: '12.666667',
        monalisa: '19.500000',
      });
    });

    it('books no seat without seat_prices, and says so in the status', async () => {
      await addSource();
      expect(await sync()).toMatchObject({ ok: true, inserted: 0 });
      expect(await seatCount()).toEqual([]);
      expect((await api('GET', '/api/v1/sources/gh')).json().detail).toMatch(
        /^4 Copilot seats are not booked: set seat_prices \(USD per seat per month by plan_type/,
      );
    });

    it('refuses a seat price that is not an exact non-negative amount, naming the setting', async () => {
      for (const bad of ['-19', '19.1234567', 'nineteen']) {
        const res = await api('POST', '/api/v1/sources', {
          id: 'gh',
          key: REPLAY_KEY,
          ...settings({ business: bad }),
        });
        expect(res.statusCode, bad).toBe(400);
        expect(res.body).toContain('seatPrices.business');
      }
      await addSource({ business: '0', enterprise: '39.50' });
      await sync();
      // A free plan writes no days; $39.50 over November's 30 days: 20 days are 26.333333.
      expect(await byUser(NOVEMBER)).toEqual({ monalisa: '26.333333' });
    });
  },
);
