import type { UpstreamKind } from '../config/gateway.ts';

/** What the gateway reads of a call before forwarding it; the body itself passes unchanged but for one field. */
export interface CallRequest {
  model: string | null;
  stream: boolean;
  /** The ledger's service: `chat` or `embeddings`; null for calls that cost nothing (listing models, counting tokens). */
  service: 'chat' | 'embeddings' | null;
  /** The output tokens the call may use at most, as the client set them (null: no limit given). */
  maxTokens: number | null;
  /** The body to forward: as sent, or with `stream_options.include_usage` added. */
  body: Buffer;
  /** The gateway asked for the usage chunk: the client must not see it. */
  stripUsage: boolean;
}

/** A JSON object, as opposed to an array, null or a scalar. */
type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A count of tokens a client may set: a whole, non-negative, exactly representable number. */
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;

/**
 * The fields read of a body, each left out when it is not of its type (a field the gateway cannot
 * read does not refuse the call: the provider judges the body). why by hand, not a schema: this runs on
 * every call, and a schema parse cost more than the rest of reading the call.
 */
function fieldsOf(json: JsonObject) {
  const { model, stream, stream_options: options } = json;
  return {
    model: typeof model === 'string' && model.length <= 200 ? model : undefined,
    stream: typeof stream === 'boolean' ? stream : undefined,
    max_tokens: count(json.max_tokens),
    max_completion_tokens: count(json.max_completion_tokens),
    max_output_tokens: count(json.max_output_tokens),
    stream_options:
      options === null
        ? null
        : isObject(options) &&
            (options.include_usage === undefined || typeof options.include_usage === 'boolean')
          ? (options as JsonObject & { include_usage?: boolean })
          : undefined,
  };
}

/** Paths (after /v1) whose calls are metered; the rest pass through unrecorded. */
function serviceOf(kind: UpstreamKind, path: string): CallRequest['service'] {
  const bare = path.split('?')[0] ?? path;
  if (kind === 'anthropic') return bare === '/messages' ? 'chat' : null;
  if (bare === '/embeddings') return 'embeddings';
  return ['/chat/completions', '/responses', '/completions'].includes(bare) ? 'chat' : null;
}

/** Reads a call's body; a body that is not JSON (a file upload) is forwarded as it is. */
export function readCall(kind: UpstreamKind, method: string, path: string, raw: Buffer | null): CallRequest {
  const body = raw ?? Buffer.alloc(0);
  const service = method === 'POST' ? serviceOf(kind, path) : null;
  const none = { model: null, stream: false, service, maxTokens: null, body, stripUsage: false };
  if (service === null || body.length === 0) return none;
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return none;
  }
  if (!isObject(json)) return none;
  const f = fieldsOf(json);
  const stream = f.stream === true;
  const maxTokens = f.max_tokens ?? f.max_completion_tokens ?? f.max_output_tokens ?? null;
  const base = { model: f.model ?? null, stream, service, maxTokens, body, stripUsage: false };
  const chat = path.startsWith('/chat/completions') || path.startsWith('/completions');
  // why: OpenAI sends a streamed call's usage only when asked; without it the call could not be billed.
  if (kind === 'openai' && chat && stream && f.stream_options?.include_usage !== true) {
    const withUsage = {
      ...(json as object),
      stream_options: { ...(f.stream_options ?? {}), include_usage: true },
    };
    return { ...base, body: Buffer.from(JSON.stringify(withUsage)), stripUsage: true };
  }
  return base;
}
