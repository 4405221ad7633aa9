import { decimalToScaled, formatMicros } from '../../domain/money.ts';
import { INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageInput } from '../../normalize/usage.ts';
import { bucketId } from '../http/ids.ts';
import type { MemberSpend, UsageEvent } from './schema.ts';

/** Fractional cents to exact micro-dollars (cents × 10^4), never through float arithmetic. */
const centsToMicros = (cents: number | string | null | undefined): bigint =>
  cents == null ? 0n : (decimalToScaled(String(cents), 4) ?? 0n);

/**
 * One usage event as one record, attributed to the member's email. Cursor bills it: the model cost
 * (`tokenUsage.totalCents`) plus Cursor's token fee, as the dashboard adds them. A call without token
 * usage (a request-based one, included in the plan) costs nothing beyond the seat.
 */
export function eventToInput(e: UsageEvent): UsageInput {
  const t = e.tokenUsage;
  const micros = centsToMicros(t?.totalCents) + centsToMicros(e.cursorTokenFee);
  const at = new Date(e.timestamp).toISOString();
  return {
    // why: events carry no id. Time, member and model name the call; the cost is left out because Cursor
    // revises it after the hour is aggregated, and a revised event must replace, not join, the first.
    id: bucketId(`cursor:event:${at}`, [e.userEmail, e.model]),
    timestamp: at,
    provider: 'cursor',
    service: 'chat',
    model: e.model,
    user: e.userEmail,
    tags: {
      agent: 'cursor',
      ...(e.kind ? { kind: e.kind } : {}),
      ...(e.maxMode ? { maxMode: 'true' } : {}),
      ...(e.requestsCosts != null ? { requestUnits: String(e.requestsCosts) } : {}),
      ...(e.isFreeBugbot ? { freeBugbot: 'true' } : {}),
    },
    inputTokens: t?.inputTokens ?? 0,
    outputTokens: t?.outputTokens ?? 0,
    cacheReadTokens: t?.cacheReadTokens ?? 0,
    cacheWriteTokens: t?.cacheWriteTokens ?? 0,
    requests: 1,
    cost: formatMicros(micros),
    currency: 'USD',
    costKind: 'billed',
  };
}

/**
 * A member's spend so far in the billing cycle as an invoice line (service `cost-report`, left out of
 * totals, which count the events): one line per member and cycle, replaced as the cycle's spend grows.
 */
export function spendToInput(cycleStart: number, m: MemberSpend): UsageInput {
  const start = new Date(cycleStart).toISOString();
  return {
    id: bucketId(`cursor:spend:${start}`, [m.email]),
    timestamp: start,
    provider: 'cursor',
    service: INVOICE_SERVICE,
    model: '(cursor team spend)',
    user: m.email,
    tags: {
      agent: 'cursor',
      ...(m.role ? { role: m.role } : {}),
      ...(m.fastPremiumRequests != null ? { fastPremiumRequests: String(m.fastPremiumRequests) } : {}),
    },
    inputTokens: 0,
    outputTokens: 0,
    requests: 0,
    cost: formatMicros(centsToMicros(m.spendCents)),
    currency: 'USD',
    costKind: 'billed',
  };
}
