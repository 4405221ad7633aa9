import type { AlertDelivery } from '../../store/types.ts';
import { ChannelError } from '../channels/errors.ts';
import type { Channel, OutgoingAlert } from '../channels/index.ts';
import type { AlertEvent } from './event.ts';

export interface RetryPolicy {
  maxAttempts: number;
  /** The first wait; each retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxAttempts'> = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

export interface DeliverDeps {
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  /** Called after every attempt with the delivery so far, so progress is recorded as it happens. */
  onAttempt?: (delivery: AlertDelivery) => Promise<void> | void;
}

/**
 * Sends one alert on one channel, retrying with exponential backoff (or the receiver's `Retry-After`)
 * until it is delivered, the failure is permanent, or `maxAttempts` are spent. Never throws: the
 * outcome is the returned delivery.
 */
export async function deliver(
  name: string,
  channel: Channel,
  message: { event: AlertEvent; alert: OutgoingAlert },
  policy: RetryPolicy,
  deps: DeliverDeps,
): Promise<AlertDelivery> {
  let delivery: AlertDelivery = {
    channel: name,
    status: 'pending',
    attempts: 0,
    lastAttemptAt: null,
    error: null,
  };
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const at = deps.now().toISOString();
    let failure: ChannelError | null = null;
    try {
      await channel.send(message.event, message.alert);
    } catch (error) {
      failure = error instanceof ChannelError ? error : new ChannelError(String(error));
    }
    const last = failure === null || failure.permanent || attempt === policy.maxAttempts;
    delivery = {
      channel: name,
      status: failure === null ? 'delivered' : last ? 'failed' : 'pending',
      attempts: attempt,
      lastAttemptAt: at,
      error: failure?.message ?? null,
    };
    await deps.onAttempt?.(delivery);
    if (last) return delivery;
    await deps.sleep(retryDelay(attempt, failure, policy));
  }
  return delivery;
}

/** The wait before attempt `attempt + 1`: the receiver's Retry-After, else base × 2^(attempt−1), capped. */
function retryDelay(attempt: number, failure: ChannelError | null, policy: RetryPolicy): number {
  if (failure?.retryAfterMs != null) return failure.retryAfterMs;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
