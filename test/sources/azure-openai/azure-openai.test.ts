import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { revise, runReplaySuite } from '../replay-suite.ts';

const QUERY =
  '/v1/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.CostManagement/query';
const page = (name: string) => fixture('azure-openai', name);
type Page = { properties: { rows: (string | number)[][] } };

/** A recorded page as the server at `host` sends it: its nextLink points back there, its days in the period. */
function served(req: Recorded, body: unknown): unknown {
  const { timePeriod } = req.body as { timePeriod: { from: string; to: string } };
  const inPeriod = (d: number) => {
    const day = `${String(d).slice(0, 4)}-${String(d).slice(4, 6)}-${String(d).slice(6, 8)}`;
    return day >= timePeriod.from.slice(0, 10) && day <= timePeriod.to.slice(0, 10);
  };
  const p = JSON.parse(JSON.stringify(body).replace('http://REPLAY', `http://${req.headers.host}`)) as Page;
  p.properties.rows = p.properties.rows.filter((r) => inPeriod(Number(r[1])));
  return p;
}

/** Daily cost per meter and resource on Nov 1 and 2, over two pages joined by nextLink (page 2 spells aoai-prod in capitals, as cost rows can). */
function serve(req: Recorded, revised: boolean) {
  if (req.method !== 'POST' || req.path !== QUERY || req.query.get('api-version') !== '2025-03-01') {
    return { status: 404, body: { error: { code: 'NotFound', message: 'not a query' } } };
  }
  if (req.query.get('$skiptoken') === 'AQAAAA==') return { body: served(req, page('query-page2')) };
  // why: Azure rates usage late: aoai-prod's $3.75 of gpt-4o input on Nov 1 becomes $3.95.
  const first = page('query-page1');
  return { body: served(req, revised ? revise(first, '[3.75,', '[3.95,') : first) };
}

runReplaySuite({
  kind: 'azure-openai',
  settings: { scope: 'subscriptions/00000000-0000-0000-0000-000000000000' },
  spendQuery: '&service=cost-report',
  serve,
  isFollowUp: (req) => req.query.get('$skiptoken') !== null,
  bad: { body: page('query-bad'), error: /Azure Cost Management \/subscriptions\/0{8}.*\(page 2\).*Meter/ },
  keyOf: (req) => /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1],
  expected: {
    records: 5,
    cost: '12.863000',
    byUser: {},
    revisedCost: '13.063000',
    byTag: {
      tag: 'resource',
      cost: { 'aoai-prod': '12.450000', 'aoai-dev': '0.413000' },
    },
  },
});
