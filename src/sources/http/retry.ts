/** How hard to retry: exponential backoff with jitter, capped. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  factor: number;
  maxMs: number;
  /** Share of each delay that is randomised (0 = none, 0.2 = ±20%). */
  jitter: number;
}

/** 5 s, 15 s, 45 s, then at most 60 s apart; four attempts in all. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseMs: 5_000,
  factor: 3,
  maxMs: 60_000,
  jitter: 0.2,
};

/** The wait before retry number `retry` (1 for the first retry), jittered so many clients spread out. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const plain = Math.min(policy.maxMs, policy.baseMs * policy.factor ** (retry - 1));
  const spread = plain * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.min(policy.maxMs, Math.round(plain + spread)));
}

/**
 * Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`; null when absent
 * or unreadable. Capped at `maxMs` so one bad header cannot stall a source for hours.
 */
export function retryAfterMs(header: string | null, now: Date, maxMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(maxMs, Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(maxMs, Math.max(0, at - now.getTime()));
}
