import type { UsageInput } from '../../normalize/usage.ts';
import type { Scalar, Span } from './schema.ts';

type Attrs = Map<string, Scalar>;

// OTel's `gen_ai.provider.name` values (and the older `gen_ai.system` ones) that spendlens spells otherwise.
const PROVIDERS: Record<string, string> = {
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  gemini: 'google',
  vertex_ai: 'google',
  'aws.bedrock': 'bedrock',
  aws_bedrock: 'bedrock',
  'azure.ai.openai': 'azure-openai',
  az_openai: 'azure-openai',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  x_ai: 'xai',
};

// why: agent, workflow and tool spans may carry the summed usage of the chat spans under them; counting
// them too would bill the same tokens twice.
const AGGREGATE_OPERATIONS = new Set(['invoke_agent', 'invoke_workflow', 'create_agent', 'execute_tool']);

const USAGE_KEYS = [
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.prompt_tokens',
  'gen_ai.usage.completion_tokens',
  'gen_ai.usage.cost',
];

/** What a span turned into: a usage record, nothing (not a GenAI inference span), or a rejection. */
export type SpanOutcome =
  | { kind: 'usage'; item: UsageInput }
  | { kind: 'ignored' }
  | { kind: 'rejected'; message: string };

/**
 * A GenAI inference span as a raw usage record. OTel counts cache reads and writes inside
 * `gen_ai.usage.input_tokens`, so they are subtracted here; `gen_ai.usage.cost` is a billed USD amount.
 * Attribution: span attributes win over resource ones; `spendlens.user|team|project` over the standard keys.
 */
export function spanToUsage(span: Span, own: Attrs, resource: Attrs): SpanOutcome {
  const op = text(own, 'gen_ai.operation.name');
  if (!USAGE_KEYS.some((key) => own.has(key)) || (op && AGGREGATE_OPERATIONS.has(op))) {
    return { kind: 'ignored' };
  }
  const model = text(own, 'gen_ai.response.model') ?? text(own, 'gen_ai.request.model');
  if (!model) return { kind: 'rejected', message: 'no gen_ai.response.model or gen_ai.request.model' };
  const cost = own.get('gen_ai.usage.cost');
  if (typeof cost === 'boolean') return { kind: 'rejected', message: 'gen_ai.usage.cost: must be a number' };
  const pick = (...keys: string[]) => first(own, keys) ?? first(resource, keys);
  const env = pick('deployment.environment.name', 'deployment.environment');
  return {
    kind: 'usage',
    item: {
      id: `otel:${span.traceId.toLowerCase()}:${span.spanId.toLowerCase()}`,
      source: 'otlp',
      timestamp: nanosToIso(span.startTimeUnixNano),
      provider: provider(pick('gen_ai.provider.name', 'gen_ai.system')),
      service: op === 'embeddings' ? 'embeddings' : 'chat',
      model,
      user: pick('spendlens.user', 'enduser.id', 'user.id'),
      team: pick('spendlens.team'),
      project: pick('spendlens.project', 'service.name'),
      tags: env ? { env } : {},
      ...tokens(own),
      ...(cost === undefined ? {} : { cost, costKind: 'billed' }),
    },
  };
}

/** Token counts with cache tokens taken out of input, where OTel counts them. */
function tokens(own: Attrs): Partial<UsageInput> {
  const cacheRead = count(
    own,
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
  );
  const cacheWrite = count(
    own,
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
  );
  const input = count(own, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens');
  return {
    inputTokens: Math.max(0, input - cacheRead - cacheWrite),
    outputTokens: count(own, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: count(own, 'gen_ai.usage.reasoning.output_tokens'),
  };
}

function provider(name: string | undefined): string {
  if (!name) return 'unknown';
  const key = name.trim().toLowerCase();
  return PROVIDERS[key] ?? key;
}

function first(attrs: Attrs, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = text(attrs, key);
    if (value) return value;
  }
  return undefined;
}

function text(attrs: Attrs, key: string): string | undefined {
  const value = attrs.get(key);
  return value === undefined || value === '' ? undefined : String(value);
}

/** A token count; a value that is not a whole number passes through so validation names it. */
function count(attrs: Attrs, ...keys: string[]): number {
  for (const key of keys) {
    const value = attrs.get(key);
    if (value !== undefined) return typeof value === 'string' ? Number(value) : (value as number);
  }
  return 0;
}

/** Unix nanoseconds (a decimal string or number) as an ISO instant with millisecond precision. */
function nanosToIso(nanos: string | number): string {
  const ms = BigInt(nanos) / 1_000_000n;
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? String(nanos) : date.toISOString();
}
