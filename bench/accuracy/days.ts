// Replayed provider days: seeded per-request traffic for one day per provider and scenario, and the
// bill each day's requests make at list prices (bills.ts). Shared by `npm run bench:accuracy` and
// test/e2e/accuracy.test.ts; provider-api.ts serves both as the providers' admin API pages.
import { createRandom, type Random, streamSeed } from '../../src/sources/demo/random.ts';
import { type BillLine, billOf } from './bills.ts';

export type Provider = 'openai' | 'anthropic';

/** One request as the provider saw it. Audio tokens are parts of `input`, `cacheRead` and `output`. */
export interface Call {
  provider: Provider;
  at: number;
  project: string;
  apiKey: string;
  user: string | null;
  /** The model as the provider reports it (dated where it dates its models). */
  model: string;
  tier: 'standard' | 'batch' | 'flex' | 'priority';
  speed: 'standard' | 'fast';
  geo: 'global' | 'us' | 'not_available';
  /** Uncached input. */
  input: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
  audioInput: number;
  audioCacheRead: number;
  audioOutput: number;
  webSearches: number;
  fileSearches: number;
}

export interface ReplayedDay {
  provider: Provider;
  scenario: string;
  /** YYYY-MM-DD, UTC. */
  day: string;
  calls: Call[];
  /** The provider's cost lines for the day, each rounded to micro-dollars once. */
  lines: BillLine[];
  /** The positive lines summed exactly, in micro-dollars. */
  chargesMicros: bigint;
  /** The negative lines (credits), ≤ 0. */
  creditsMicros: bigint;
}

/** The instant every replay is seen from: after the last day, with all days in the daily backfill. */
export const REPLAY_NOW = new Date('2026-03-20T00:00:00Z');
export const REPLAY_BACKFILL_DAYS = 19;

const DAY_MS = 86_400_000;

interface Scenario {
  provider: Provider;
  name: string;
  day: string;
  calls: (r: Random, day: number) => Call[];
  /** A credit on the day's bill, in micro-dollars (negative). */
  creditMicros?: bigint;
}

const PROJECTS: Record<Provider, string[]> = {
  anthropic: ['wrkspc_01Search', 'wrkspc_01Support'],
  openai: ['proj_Search', 'proj_Support'],
};

function call(r: Random, provider: Provider, day: number, over: Partial<Call>): Call {
  const p = r.int(0, 1);
  return {
    provider,
    at: day + r.int(0, DAY_MS - 1),
    project: PROJECTS[provider][p] as string,
    apiKey: `${provider === 'openai' ? 'key_' : 'apikey_01'}${p}${r.int(0, 1)}`,
    user: provider === 'openai' ? `user_${r.int(1, 4)}` : null,
    model: '',
    tier: 'standard',
    speed: 'standard',
    geo: provider === 'anthropic' ? 'not_available' : 'global',
    input: r.int(500, 40_000),
    cacheRead: 0,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output: r.int(100, 3_000),
    audioInput: 0,
    audioCacheRead: 0,
    audioOutput: 0,
    webSearches: 0,
    fileSearches: 0,
    ...over,
  };
}

const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

const SONNET = 'claude-sonnet-4-5-20250929';

/** The scenarios, one provider day each. Long context is Sonnet 4.5 before its tier ended (2026-03-31). */
export const SCENARIOS: Scenario[] = [
  {
    provider: 'anthropic',
    name: 'long context',
    day: '2026-03-02',
    // why: about one request in eight passes 200k; priced on the day's totals, all of them would.
    calls: (r, d) =>
      times(96, (i) =>
        call(r, 'anthropic', d, {
          model: SONNET,
          input: i % 8 === 0 ? r.int(205_000, 600_000) : r.int(2_000, 90_000),
          cacheRead: r.chance(0.3) ? r.int(1_000, 50_000) : 0,
          output: r.int(200, 6_000),
        }),
      ),
  },
  {
    provider: 'anthropic',
    name: 'cached',
    day: '2026-03-03',
    calls: (r, d) =>
      times(80, () =>
        call(r, 'anthropic', d, {
          model: r.pick(['claude-haiku-4-5-20251001', 'claude-opus-4-5-20251101']),
          input: r.int(200, 5_000),
          cacheRead: r.int(10_000, 120_000),
          cacheWrite5m: r.chance(0.4) ? r.int(1_000, 20_000) : 0,
          cacheWrite1h: r.chance(0.3) ? r.int(1_000, 30_000) : 0,
        }),
      ),
  },
  {
    provider: 'anthropic',
    name: 'batch',
    day: '2026-03-04',
    calls: (r, d) =>
      times(70, () => call(r, 'anthropic', d, { model: SONNET, tier: r.chance(0.7) ? 'batch' : 'standard' })),
  },
  {
    provider: 'anthropic',
    name: 'web search',
    day: '2026-03-05',
    calls: (r, d) => times(90, () => call(r, 'anthropic', d, { model: SONNET, webSearches: r.int(0, 6) })),
  },
  {
    provider: 'anthropic',
    name: 'fast mode',
    day: '2026-03-09',
    calls: (r, d) =>
      times(60, () =>
        call(r, 'anthropic', d, {
          model: 'claude-opus-4-6',
          speed: r.chance(0.5) ? 'fast' : 'standard',
          geo: r.chance(0.25) ? 'us' : 'global',
          cacheRead: r.chance(0.5) ? r.int(5_000, 60_000) : 0,
        }),
      ),
  },
  {
    provider: 'anthropic',
    name: 'credits',
    day: '2026-03-10',
    calls: (r, d) => times(50, () => call(r, 'anthropic', d, { model: 'claude-haiku-4-5-20251001' })),
    creditMicros: -5_000_000n,
  },
  {
    provider: 'openai',
    name: 'cached',
    day: '2026-03-03',
    calls: (r, d) =>
      times(90, () =>
        call(r, 'openai', d, {
          model: r.pick(['gpt-5-2025-08-07', 'gpt-4.1-2025-04-14']),
          input: r.int(500, 8_000),
          cacheRead: r.int(5_000, 100_000),
        }),
      ),
  },
  {
    provider: 'openai',
    name: 'batch',
    day: '2026-03-04',
    calls: (r, d) =>
      times(80, () =>
        call(r, 'openai', d, { model: 'gpt-4.1-2025-04-14', tier: r.chance(0.7) ? 'batch' : 'standard' }),
      ),
  },
  {
    provider: 'openai',
    name: 'web search',
    day: '2026-03-05',
    calls: (r, d) =>
      times(90, () =>
        call(r, 'openai', d, {
          model: 'gpt-4.1-2025-04-14',
          input: r.int(300, 4_000),
          output: r.int(50, 800),
          webSearches: r.int(0, 5),
          fileSearches: r.chance(0.4) ? r.int(1, 4) : 0,
        }),
      ),
  },
  {
    provider: 'openai',
    name: 'audio',
    day: '2026-03-06',
    calls: (r, d) =>
      times(70, () => {
        const audioInput = r.int(1_000, 20_000);
        const audioCacheRead = r.chance(0.5) ? r.int(1_000, 10_000) : 0;
        const audioOutput = r.int(500, 8_000);
        return call(r, 'openai', d, {
          model: 'gpt-realtime-2025-08-28',
          input: audioInput + r.int(100, 2_000),
          cacheRead: audioCacheRead + (r.chance(0.5) ? r.int(100, 3_000) : 0),
          output: audioOutput + r.int(50, 500),
          audioInput,
          audioCacheRead,
          audioOutput,
        });
      }),
  },
  {
    provider: 'openai',
    name: 'flex and priority',
    day: '2026-03-09',
    calls: (r, d) =>
      times(90, () => {
        const model = r.pick(['gpt-5-2025-08-07', 'gpt-4.1-2025-04-14']);
        const tiers = model.startsWith('gpt-5')
          ? (['flex', 'priority', 'standard'] as const)
          : (['priority', 'standard'] as const);
        return call(r, 'openai', d, {
          model,
          tier: r.pick(tiers),
          cacheRead: r.chance(0.4) ? r.int(1_000, 30_000) : 0,
        });
      }),
  },
  {
    provider: 'openai',
    name: 'credits',
    day: '2026-03-10',
    calls: (r, d) => times(60, () => call(r, 'openai', d, { model: 'gpt-5-2025-08-07' })),
    creditMicros: -25_000_000n,
  },
];

/** Every replayed day, generated from its seed: the same seed always gives the same days and bills. */
export function replayedDays(seed = 12): ReplayedDay[] {
  return SCENARIOS.map((s) => {
    const r = createRandom(streamSeed('accuracy', seed, s.provider, s.name));
    const dayStart = Date.parse(`${s.day}T00:00:00Z`);
    const calls = s.calls(r, dayStart).sort((a, b) => a.at - b.at);
    const lines = billOf(s.provider, s.day, calls, s.creditMicros);
    const sum = (pick: (m: bigint) => boolean) =>
      lines.filter((l) => pick(l.micros)).reduce((acc, l) => acc + l.micros, 0n);
    return {
      provider: s.provider,
      scenario: s.name,
      day: s.day,
      calls,
      lines,
      chargesMicros: sum((m) => m > 0n),
      creditsMicros: sum((m) => m < 0n),
    };
  });
}
