import { formatMicros } from '../../domain/money.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import type { MetricSample, SampleValues } from './metrics.ts';
import { nanosToIso, pickText, stableId } from './values.ts';

/** Where a cumulative series stood after its last booked point (kept in that record's tags). */
export interface SeriesPosition {
  time: string;
  values: SampleValues;
}

const COUNTERS = ['input', 'output', 'cacheRead', 'cacheWrite', 'reasoning', 'tool'] as const;

/**
 * One metric sample as a record for its interval, or null when it adds nothing. A delta point is its own
 * interval. A cumulative point is the difference from the series' last booked position: a point at or
 * before that position was booked already (a resend), and a total that went down means the process
 * restarted without a new start time, so the whole total is new.
 */
export function sampleToUsage(sample: MetricSample, previous: SeriesPosition | null): UsageInput | null {
  if (previous && BigInt(previous.time) >= BigInt(sample.time)) return null;
  const base = sample.cumulative && previous && !wentDown(sample.values, previous.values) ? previous : null;
  const delta = subtract(sample.values, base?.values ?? null);
  if (delta.cost === null || delta.cost === 0n) {
    if (COUNTERS.every((c) => delta[c] === 0)) return null;
  }
  const from = base?.time ?? sample.start ?? sample.time;
  const session = pickText(sample.attrs, 'session.id');
  const tags: Record<string, string> = { agent: sample.agent, signal: 'metric', series: sample.series };
  if (session) tags.session = session;
  if (sample.cumulative) {
    tags.upTo = sample.time;
    tags.total = serialize(sample.values);
  }
  const team = pickText(sample.attrs, 'spendlens.team', 'team.id');
  const project = pickText(sample.attrs, 'spendlens.project');
  return {
    id: stableId(`${sample.agent}-metric`, sample.series, sample.time),
    source: 'otlp',
    timestamp: nanosToIso(from) ?? (nanosToIso(sample.time) as string),
    endTimestamp: nanosToIso(sample.time) as string,
    model: sample.model,
    user: pickText(sample.attrs, 'user.email', 'user.account_uuid', 'user.account_id'),
    ...(team ? { team } : {}),
    ...(project ? { project } : {}),
    tags,
    requests: 0,
    ...tokens(sample.agent, delta),
    ...(delta.cost === null ? {} : { cost: formatMicros(delta.cost), costKind: 'billed' as const }),
  };
}

/** The position a booked cumulative record carries, or null when its tags hold none. */
export function positionOf(tags: Record<string, string>): SeriesPosition | null {
  if (!tags.upTo || !tags.total) return null;
  const [cost, ...counts] = tags.total.split(',');
  const values = { cost: cost ? BigInt(cost) : null } as SampleValues;
  COUNTERS.forEach((c, i) => {
    values[c] = Number(counts[i] ?? 0);
  });
  return { time: tags.upTo, values };
}

function serialize(v: SampleValues): string {
  return [v.cost === null ? '' : String(v.cost), ...COUNTERS.map((c) => String(v[c]))].join(',');
}

function wentDown(now: SampleValues, before: SampleValues): boolean {
  if (now.cost !== null && before.cost !== null && now.cost < before.cost) return true;
  return COUNTERS.some((c) => now[c] < before[c]);
}

function subtract(now: SampleValues, before: SampleValues | null): SampleValues {
  if (!before) return now;
  const out = { cost: now.cost === null ? null : now.cost - (before.cost ?? 0n) } as SampleValues;
  for (const c of COUNTERS) out[c] = now[c] - before[c];
  return out;
}

/** Token fields as the ledger counts them (input without cache, reasoning inside output). */
function tokens(
  agent: MetricSample['agent'],
  v: SampleValues,
): Pick<
  UsageInput,
  'provider' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens'
> {
  if (agent === 'gemini-cli') {
    const cached = Math.min(v.cacheRead, v.input);
    return {
      provider: 'google',
      inputTokens: v.input - cached + v.tool,
      cacheReadTokens: cached,
      outputTokens: v.output + v.reasoning,
      reasoningTokens: v.reasoning,
    };
  }
  return {
    provider: agent === 'codex' ? 'openai' : 'anthropic',
    inputTokens: v.input,
    outputTokens: v.output,
    cacheReadTokens: v.cacheRead,
    cacheWriteTokens: v.cacheWrite,
  };
}
