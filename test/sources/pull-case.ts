import { fixture, type Recorded } from '../helpers/replay-server.ts';

/** A bucket the synthetic pages hold: one usage row of `tokens` input tokens. */
export interface SynthBucket {
  start: number;
  end: number;
  tokens: number;
}

/** What the shared pull suite needs to know of one provider's API. */
export interface PullCase {
  kind: 'openai' | 'anthropic';
  /** Paths as the replay server sees them (base URL path prefix included). */
  usagePath: string;
  costPath: string;
  settings: Record<string, unknown>;
  pages: { usage: unknown[]; bad: unknown; cost: unknown };
  /** A page of synthetic buckets, for windows the fixtures do not cover. */
  synthetic(buckets: SynthBucket[], more: boolean): unknown;
  startOf(req: Recorded): number;
  /** The credential as the provider receives it. */
  keyOf(req: Recorded): string | undefined;
  /** Billed total of the cost fixture, as the API prints it, and its number of lines. */
  billed: string;
  costLines: number;
}

const DAY = 86_400_000;

export const openaiCase: PullCase = {
  kind: 'openai',
  usagePath: '/v1/organization/usage/completions',
  costPath: '/v1/organization/costs',
  settings: { endpoints: ['completions'] },
  pages: {
    usage: [1, 2, 3].map((n) => fixture('openai', `completions-page${n}`)),
    bad: fixture('openai', 'completions-bad'),
    cost: fixture('openai', 'costs-page1'),
  },
  synthetic: (buckets, more) => ({
    object: 'page',
    data: buckets.map((b) => ({
      object: 'bucket',
      start_time: b.start / 1000,
      end_time: b.end / 1000,
      results: [
        {
          object: 'organization.usage.completions.result',
          input_tokens: b.tokens,
          output_tokens: 10,
          num_model_requests: 1,
          project_id: 'proj_synth',
          user_id: 'user-synth',
          api_key_id: null,
          model: 'gpt-4o-mini-2024-07-18',
          batch: null,
          service_tier: null,
        },
      ],
    })),
    has_more: more,
    next_page: more ? 'page_synth' : null,
  }),
  startOf: (req) => Number(req.query.get('start_time')) * 1000,
  keyOf: (req) => /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1],
  billed: '0.018300',
  costLines: 2,
};

export const anthropicCase: PullCase = {
  kind: 'anthropic',
  usagePath: '/v1/organizations/usage_report/messages',
  costPath: '/v1/organizations/cost_report',
  // why: the legacy reports, forced; the Analytics API and the automatic choice have their own tests.
  settings: { api: 'legacy' },
  pages: {
    usage: [1, 2, 3].map((n) => fixture('anthropic', `usage-page${n}`)),
    bad: fixture('anthropic', 'usage-bad'),
    cost: fixture('anthropic', 'cost-page1'),
  },
  synthetic: (buckets, more) => ({
    data: buckets.map((b) => ({
      starting_at: new Date(b.start).toISOString(),
      ending_at: new Date(b.end).toISOString(),
      results: [
        {
          uncached_input_tokens: b.tokens,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          cache_read_input_tokens: 0,
          output_tokens: 10,
          server_tool_use: { web_search_requests: 0 },
          api_key_id: null,
          workspace_id: 'wrkspc_synth',
          model: 'claude-sonnet-4-20250514',
          service_tier: 'standard',
        },
      ],
    })),
    has_more: more,
    next_page: more ? 'page_synth' : null,
  }),
  startOf: (req) => Date.parse(String(req.query.get('starting_at'))),
  keyOf: (req) => req.headers['x-api-key'] as string | undefined,
  billed: '4.623450',
  costLines: 3,
};

/** Day-wide synthetic buckets from `from` (inclusive) to `to` (exclusive). */
export function days(from: number, to: number, tokens = 1000): SynthBucket[] {
  const out: SynthBucket[] = [];
  for (let t = from; t < to; t += DAY) out.push({ start: t, end: t + DAY, tokens });
  return out;
}
