import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { revise, runReplaySuite } from '../replay-suite.ts';

const SEATS = '/v1/orgs/acme/copilot/billing/seats';
const USAGE = '/v1/organizations/acme/settings/billing/premium_request/usage';
const page = (name: string) => fixture('copilot', name);
const day = (req: Recorded) =>
  [req.query.get('year'), req.query.get('month'), req.query.get('day')]
    .map((p) => p?.padStart(2, '0'))
    .join('-');

/** Three seats over two pages; usage for octocat and hubot on Nov 1 and monalisa on Nov 2, none elsewhere. */
function serve(req: Recorded, revised: boolean) {
  if (req.path === SEATS)
    return { body: page(req.query.get('page') === '2' ? 'seats-page2' : 'seats-page1') };
  if (req.path !== USAGE) return { status: 404, body: { message: 'Not Found' } };
  const name = `usage-${day(req)}-${req.query.get('user')}`;
  if (!['usage-2026-11-01-octocat', 'usage-2026-11-01-hubot', 'usage-2026-11-02-monalisa'].includes(name)) {
    return { body: { timePeriod: { year: 2026 }, organization: 'acme', usageItems: [] } };
  }
  // why: GitHub settles a day's usage late: hubot's $2.40 becomes $2.60.
  const hubot = name === 'usage-2026-11-01-hubot';
  return { body: revised && hubot ? revise(page(name), '"netAmount":2.4', '"netAmount":2.6') : page(name) };
}

runReplaySuite({
  kind: 'copilot',
  settings: { organization: 'acme' },
  serve,
  isFollowUp: (req) => req.path === SEATS && req.query.get('page') !== '1',
  bad: {
    body: page('seats-bad'),
    error: /GitHub \/orgs\/acme\/copilot\/billing\/seats \(page 2\).*assignee\.login/,
  },
  keyOf: (req) => /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1],
  expected: {
    records: 4,
    cost: '35.545000',
    byUser: { octocat: '0.800000', hubot: '2.400000', monalisa: '32.345000' },
    revisedCost: '35.745000',
    byTag: { tag: 'unitType', cost: { requests: '3.200000', credits: '32.345000' } },
  },
});
