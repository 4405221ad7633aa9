import type { AppContext } from '../app/context.ts';

/** No limit: a window count never reaches it. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

export type RateVerdict =
  | { ok: true; addTokens: (tokens: number) => Promise<void> }
  | { ok: false; message: string; headers: Record<string, string> };

/**
 * Counts a call against its key's requests-per-minute and tokens-per-minute limits (`[gateway] rpm`,
 * `tpm`) in a fixed minute window kept on the store, so every instance counts the same window. Tokens
 * are known only when a call ends: a key over its tokens is refused from its next call on.
 */
export async function takeRate(ctx: AppContext, org: string, key: string, now: Date): Promise<RateVerdict> {
  const { rpm, tpm } = ctx.config.gateway;
  if (rpm === undefined && tpm === undefined) return { ok: true, addTokens: async () => {} };
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const limits = { requests: rpm ?? UNLIMITED, tokens: tpm ?? UNLIMITED };
  const taken = await ctx.gateway.takeRequest(org, key, minute, limits);
  if (taken.ok) {
    return {
      ok: true,
      addTokens: (tokens) =>
        tokens > 0 ? ctx.gateway.addRateTokens(org, key, minute, tokens) : Promise.resolve(),
    };
  }
  const retry = Math.max(1, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000));
  const byTokens = taken.tokens >= limits.tokens;
  const message = byTokens
    ? `spendlens rate limit reached for this key on tokens per minute: limit ${tpm}, used ${taken.tokens}. Please try again in ${retry}s.`
    : `spendlens rate limit reached for this key on requests per minute: limit ${rpm}, used ${taken.requests}. Please try again in ${retry}s.`;
  return {
    ok: false,
    message,
    headers: { 'retry-after': String(retry), 'x-spendlens-limit': byTokens ? 'tokens' : 'requests' },
  };
}
