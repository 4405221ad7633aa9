import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { revise, runReplaySuite } from '../replay-suite.ts';

const PATH = '/v1/organizations/usage_report/claude_code';
const page = (name: string) => fixture('claude-code-analytics', name);
const empty = { data: [], has_more: false, next_page: null };

/** Day 2026-11-01 has two pages; the rest of the backfill is empty, as for a quiet org. */
function serve(req: Recorded, revised: boolean) {
  if (req.path !== PATH || req.query.get('starting_at') !== '2026-11-01') return { body: empty };
  if (req.query.get('page') === 'page_MjAyNi0xMS0wMXwy') return { body: page('day-2026-11-01-page2') };
  const first = page('day-2026-11-01-page1');
  // why: Anthropic revises a day as late sessions land; 87 cents become 95.
  return { body: revised ? revise(first, '"amount":87', '"amount":95') : first };
}

runReplaySuite({
  kind: 'claude-code-analytics',
  serve,
  isFollowUp: (req) => req.query.get('page') !== null,
  bad: {
    body: page('day-2026-11-01-bad'),
    error: /claude_code \(2026-11-01, page 2\).*model_breakdown\.0\.model/,
  },
  keyOf: (req) => req.headers['x-api-key'] as string | undefined,
  expected: {
    records: 5,
    cost: '2.750000',
    byUser: { 'dev@example.com': '1.290000', 'ops@example.com': '1.410000' },
    revisedCost: '2.830000',
    byTag: {
      tag: 'terminal',
      cost: {
        vscode: '1.290000',
        'iTerm.app': '1.410000',
        'non-interactive': '0.050000',
      },
    },
  },
});
