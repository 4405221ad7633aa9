import { createHash } from 'node:crypto';

/** Waits until a request for a credential fits within its per-minute budget. */
export interface RateLimiter {
  /** Rejects with the signal's reason when it aborts while waiting. */
  take(credential: string, signal?: AbortSignal): Promise<void>;
}

const WINDOW_MS = 60_000;

/**
 * A sliding one-minute window per credential, keyed by the credential's hash so the key itself is
 * never held as a map key. Sources sharing a key share its budget.
 */
export function createRateLimiter(deps: {
  perMinute: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}): RateLimiter {
  const sent = new Map<string, number[]>();
  return {
    async take(credential, signal) {
      const key = createHash('sha256').update(credential).digest('hex');
      for (;;) {
        const now = deps.now();
        const recent = (sent.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
        if (recent.length < deps.perMinute) {
          recent.push(now);
          sent.set(key, recent);
          return;
        }
        await deps.sleep((recent[0] as number) + WINDOW_MS - now, signal);
      }
    },
  };
}
