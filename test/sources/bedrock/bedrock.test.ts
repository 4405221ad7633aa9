import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { REPLAY_KEY, revise, runReplaySuite } from '../replay-suite.ts';
import { signedWith } from './sigv4.ts';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const page = (name: string) => fixture('bedrock', name);
const target = (req: Recorded) => String(req.headers['x-amz-target']);
const bodyOf = (req: Recorded) =>
  req.body as { NextPageToken?: string; TimePeriod?: { Start: string; End: string } };

/** Keeps the days of a recorded page that fall in the request's period, as Cost Explorer would. */
function within(req: Recorded, body: unknown): unknown {
  const { Start = '', End = '' } = bodyOf(req).TimePeriod ?? {};
  const p = body as { ResultsByTime: { TimePeriod: { Start: string } }[] };
  return {
    ...p,
    ResultsByTime: p.ResultsByTime.filter((r) => r.TimePeriod.Start >= Start && r.TimePeriod.Start < End),
  };
}

/** The Bedrock services, then their daily cost per usage type on Nov 1 and 2 over two pages. */
function serve(req: Recorded, revised: boolean) {
  if (req.method !== 'POST') return { status: 405, body: { message: 'Method Not Allowed' } };
  if (target(req) === 'AWSInsightsIndexService.GetDimensionValues') return { body: page('services') };
  if (target(req) !== 'AWSInsightsIndexService.GetCostAndUsage') {
    return { status: 400, body: { __type: 'UnknownOperationException' } };
  }
  if (bodyOf(req).NextPageToken === 'AAMA-EXAMPLE-eyJwYWdlIjoyfQ==')
    return { body: within(req, page('cost-page2')) };
  // why: Cost Explorer rates usage late: Claude's $4.2031 of input on Nov 1 becomes $4.4031.
  const first = page('cost-page1');
  return { body: within(req, revised ? revise(first, '"4.2031"', '"4.4031"') : first) };
}

runReplaySuite({
  kind: 'bedrock',
  settings: { accessKeyId: ACCESS_KEY_ID },
  spendQuery: '&service=cost-report',
  serve,
  isFollowUp: (req) => bodyOf(req).NextPageToken !== undefined,
  bad: { body: page('cost-bad'), error: /AWS Cost Explorer GetCostAndUsage \(page 2\).*Keys/ },
  keyOf: (req) => (signedWith(req, ACCESS_KEY_ID, REPLAY_KEY) ? REPLAY_KEY : undefined),
  expected: {
    records: 6,
    cost: '14.815400',
    byUser: {},
    revisedCost: '15.015400',
    byTag: {
      tag: 'awsService',
      cost: { 'Amazon Bedrock': '2.012300', 'Claude Sonnet 4.5 (Amazon Bedrock Edition)': '12.803100' },
    },
  },
});
