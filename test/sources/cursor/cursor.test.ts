import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { revise, runReplaySuite } from '../replay-suite.ts';

const page = (name: string) => fixture('cursor', name);
const bodyOf = (req: Recorded) => req.body as { page?: number; startDate?: number; endDate?: number };
const FIRST = Date.parse('2026-11-01T10:00:00.125Z');
const LAST = Date.parse('2026-11-02T15:00:00Z');
const noEvents = {
  totalUsageEventsCount: 0,
  pagination: { numPages: 0, currentPage: 1, pageSize: 100, hasNextPage: false, hasPreviousPage: false },
  usageEvents: [],
};

/** Events on Nov 1 and 2 over two pages, served to a POST whose range holds them; the cycle's spend. */
function serve(req: Recorded, revised: boolean) {
  if (req.method !== 'POST') return { status: 405, body: { error: 'Method Not Allowed' } };
  const body = bodyOf(req);
  if (req.path === '/v1/teams/spend') return { body: page('spend-page1') };
  if (req.path !== '/v1/teams/filtered-usage-events') return { status: 404, body: { error: 'Not Found' } };
  if ((body.startDate ?? 0) > FIRST || (body.endDate ?? 0) <= LAST) return { body: noEvents };
  if (body.page === 2) {
    // why: Cursor revises an event's cost once the hour is aggregated: 7.31 cents become 9.31.
    const second = page('events-page2');
    return { body: revised ? revise(second, '"totalCents":7.31', '"totalCents":9.31') : second };
  }
  return { body: page('events-page1') };
}

runReplaySuite({
  kind: 'cursor',
  serve,
  isFollowUp: (req) => (bodyOf(req).page ?? 1) > 1,
  bad: { body: page('events-bad'), error: /Cursor \/teams\/filtered-usage-events \(page 2\).*userEmail/ },
  keyOf: (req) => {
    const basic = /^Basic (.+)$/.exec(String(req.headers.authorization))?.[1];
    return basic === undefined ? undefined : Buffer.from(basic, 'base64').toString().replace(/:$/, '');
  },
  expected: {
    // four events and one cycle-spend line per member (invoice lines, left out of the totals)
    records: 6,
    cost: '0.684993',
    byUser: { 'dev@example.com': '0.206023', 'ops@example.com': '0.478970' },
    revisedCost: '0.704993',
    byTag: { tag: 'kind', cost: { 'Usage-based': '0.684993', 'Included in Business': '0.000000' } },
  },
});
