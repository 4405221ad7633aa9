/** `GET /api/v1/gateway/refusals`: calls the gateway refused, newest first. */
interface Refusal {
  at: string;
  /** The id of the token the call came with. */
  apiKey: string | null;
  upstream: string;
  model: string | null;
  reason: RefusalReason;
  budgetId: string | null;
  message: string;
}

type RefusalReason = 'budget' | 'rate_requests' | 'rate_tokens';

export interface RefusalsResponse {
  refusals: Refusal[];
}

export const REASON_LABELS: Record<RefusalReason, string> = {
  budget: 'Budget spent',
  rate_requests: 'Requests per minute',
  rate_tokens: 'Tokens per minute',
};
