import { z } from 'zod';
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

const fields = z.looseObject({
  model: z.string().max(200).optional().catch(undefined),
  stream: z.boolean().optional().catch(undefined),
  max_tokens: z.number().int().min(0).optional().catch(undefined),
  max_completion_tokens: z.number().int().min(0).optional().catch(undefined),
  max_output_tokens: z.number().int().min(0).optional().catch(undefined),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish().catch(undefined),
});

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
  const parsed = fields.safeParse(json);
  if (!parsed.success) return none;
  const f = parsed.data;
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
