import { createHash } from 'node:crypto';
import type { UsageInput } from '../../normalize/usage.ts';
import type { FieldValue, Point } from './parse.ts';

export const PRECISIONS = ['ns', 'us', 'ms', 's'] as const;
export type Precision = (typeof PRECISIONS)[number];

const NANOS_PER: Record<Precision, bigint> = { ns: 1n, us: 1_000n, ms: 1_000_000n, s: 1_000_000_000n };

/** Tags with a meaning of their own; every other tag becomes a record tag. */
const RESERVED_TAGS = new Set([
  'model',
  'provider',
  'user_id',
  'project_id',
  'team_id',
  'team',
  'service',
  'currency',
]);

// Token fields beside `tokens`, by the record field they fill.
const TOKEN_FIELDS = {
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  reasoningTokens: 'reasoning_tokens',
  requests: 'requests',
} as const;

/** Guesses the provider from a model name when the point carries no `provider` tag. */
export function inferProvider(model: string): string {
  const name = model.toLowerCase();
  if (/^(gpt|o1|o3|o4|chatgpt|text-embedding|dall-e|whisper|tts)/.test(name)) return 'openai';
  if (name.startsWith('claude')) return 'anthropic';
  if (name.startsWith('gemini')) return 'google';
  return 'unknown';
}

/** The point's time in nanoseconds since the epoch; `now` when it has no timestamp. */
export function timestampNanos(point: Point, precision: Precision, now: Date): bigint {
  if (point.timestamp === null) return BigInt(now.getTime()) * NANOS_PER.ms;
  return BigInt(point.timestamp) * NANOS_PER[precision];
}

/**
 * An `ai_costs` point as a raw usage record. `tokens` counts as input tokens unless the point has
 * `input_tokens` or `output_tokens` fields; `cost` is a billed amount in USD, or in the `currency` tag.
 * The id hashes measurement, tags and time, so the same point written twice is one record.
 */
export function pointToUsage(point: Point, nanos: bigint): UsageInput {
  const tag = (key: string) => point.tags[key];
  const model = tag('model');
  const tags = Object.fromEntries(Object.entries(point.tags).filter(([key]) => !RESERVED_TAGS.has(key)));
  const cost = point.fields.cost;
  return {
    id: `influx:${pointId(point, nanos)}`,
    source: 'influx',
    timestamp: new Date(Number(nanos / 1_000_000n)).toISOString(),
    provider: tag('provider') ?? (model ? inferProvider(model) : 'unknown'),
    service: tag('service'),
    model: model as string,
    user: tag('user_id'),
    team: tag('team_id') ?? tag('team'),
    project: tag('project_id'),
    tags,
    ...tokenCounts(point.fields),
    ...(cost ? { cost: cost.kind === 'boolean' ? String(cost.value) : cost.text, costKind: 'billed' } : {}),
    currency: tag('currency'),
  };
}

function tokenCounts(fields: Record<string, FieldValue>): Partial<UsageInput> {
  const counts: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(TOKEN_FIELDS)) {
    const value = fields[field];
    if (value) counts[name] = value.value;
  }
  const tokens = fields.tokens;
  // why: `tokens` is one total with no split; counted as input so token sums stay whole.
  if (tokens && !fields.input_tokens && !fields.output_tokens) counts.inputTokens = tokens.value;
  return counts as Partial<UsageInput>;
}

function pointId(point: Point, nanos: bigint): string {
  const tags = Object.entries(point.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = JSON.stringify([point.measurement, tags, nanos.toString()]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
