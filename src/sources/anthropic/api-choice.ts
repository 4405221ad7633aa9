import { createHash } from 'node:crypto';
import type { PullContext } from '../http/adapter.ts';
import { PullError } from '../http/errors.ts';

/** The two Anthropic report APIs a key may reach. */
type AnthropicApi = 'analytics' | 'legacy';

const DETAIL: Record<AnthropicApi, string> = {
  analytics: 'reads the Enterprise Analytics API (/v1/organizations/analytics/*, per user and product)',
  legacy: 'reads the Admin API usage and cost reports (/v1/organizations/usage_report/messages, cost_report)',
};

// why: remembered per key, so a new key (an Admin key replaced by an Analytics key) is tried afresh;
// a short hash says which key without keeping it.
const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/** The API forced by the source's `api` setting, or the one remembered for its key; null: not known yet. */
function knownApi(ctx: PullContext): AnthropicApi | null {
  const forced = ctx.settings.api;
  if (forced === 'analytics' || forced === 'legacy') return forced;
  const notes = ctx.notes ?? {};
  const api = notes.api;
  return (api === 'analytics' || api === 'legacy') && notes.apiKey === fingerprint(ctx.key) ? api : null;
}

/** Remembers which API the source reads, and says so in its status. */
function rememberApi(ctx: PullContext, api: AnthropicApi, why: string): void {
  if (!ctx.notes) return;
  ctx.notes.api = api;
  ctx.notes.apiKey = fingerprint(ctx.key);
  ctx.notes.apiWhy = why;
  ctx.notes.detail = `${DETAIL[api]}: ${why}`;
}

/**
 * Reads with the API the source is set to or known to reach; with `api = "auto"` and nothing known,
 * tries the Analytics API first and falls back to the legacy reports when it refuses the key (an Admin
 * key gets 401/403 there) or is not there (404), remembering the outcome for the next syncs.
 */
export async function withApi<T>(ctx: PullContext, read: (api: AnthropicApi) => Promise<T>): Promise<T> {
  const known = knownApi(ctx);
  if (known && ctx.settings.api === known) {
    // why: a forced choice is not remembered, so going back to "auto" probes the key afresh.
    if (ctx.notes) ctx.notes.detail = `${DETAIL[known]}: set by api = "${known}"`;
    return read(known);
  }
  if (known) {
    // why: the status may still tell of a forced choice since undone.
    rememberApi(ctx, known, ctx.notes?.apiWhy ?? 'remembered for this key');
    return read(known);
  }
  try {
    const out = await read('analytics');
    rememberApi(ctx, 'analytics', 'the key has the read:analytics scope');
    return out;
  } catch (error) {
    // why: an Admin key gets 401/403 there; a base URL (a proxy) without /analytics/* answers 404.
    const absent = error instanceof PullError && (error.kind === 'auth' || error.status === 404);
    if (!absent) throw error;
    const out = await read('legacy');
    const why =
      error.status === 404
        ? 'the Analytics API is not found there (404)'
        : `the Analytics API refused the key (${error.status}), an Admin key`;
    rememberApi(ctx, 'legacy', why);
    return out;
  }
}
