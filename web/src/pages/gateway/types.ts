import type { z } from 'zod';
import type { Refusals } from '../../../../src/domain/api/operations.ts';

/** `GET /api/v1/gateway/refusals`: calls the gateway refused, newest first (the contract's type). */
export type RefusalsResponse = z.infer<typeof Refusals>;
type RefusalReason = RefusalsResponse['refusals'][number]['reason'];

export const REASON_LABELS: Record<RefusalReason, string> = {
  budget: 'Budget spent',
  rate_requests: 'Requests per minute',
  rate_tokens: 'Tokens per minute',
};
