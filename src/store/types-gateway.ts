import type { UsageRecord } from '../domain/record.ts';
import type { InsertResult, SpendQuery, SpendRow } from './types.ts';

/** One enforcing budget (or one value of a budget of every value) a gateway call counts against. */
export interface ReserveCheck {
  /** The budget's id, or `<id>:<value>` for one value of a budget of every value. */
  key: string;
  /** When the budget's period under way began: reservations of earlier periods no longer count. */
  periodStart: Date;
  /** The ledger spend of the budget's scope in the period. */
  spend: SpendQuery;
  /** The spend rows in micro-units of the budget's currency (pure: runs inside the lock). */
  spentOf: (rows: SpendRow[]) => bigint;
  /** Refuse past this (a hard budget); null: only measure (a soft one). */
  limitMicros: bigint | null;
}

/** A call's reservation of its estimated cost against every enforcing budget it falls under. */
export interface ReserveRequest {
  org: string;
  /** The call's id (the same for each budget it reserves against). */
  id: string;
  micros: bigint;
  at: Date;
  /** A reservation never settled (its instance died) stops counting then. */
  expiresAt: Date;
  checks: ReserveCheck[];
}

export interface ReserveOutcome {
  ok: boolean;
  /** The hard budget that would be crossed. */
  refusedKey: string | null;
  /** What each budget checked (up to the refused one) had spent and reserved before this call. */
  checks: { key: string; spentMicros: bigint; reservedMicros: bigint }[];
}

/** A call the gateway refused, for the dashboard. */
export interface GatewayRefusal {
  org: string;
  at: Date;
  apiKey: string | null;
  upstream: string;
  model: string | null;
  reason: 'budget' | 'rate_requests' | 'rate_tokens';
  budgetId: string | null;
  message: string;
}

/** What the gateway needs of the store: reservations, call records, rate windows and refusals. */
export interface GatewayStore {
  /** Gateway: reserves a call's estimate against its enforcing budgets, atomically across instances. */
  reserveSpend(request: ReserveRequest): Promise<ReserveOutcome>;
  /** Gateway: removes a call's reservations once its record is written. */
  settleReservation(org: string, id: string): Promise<void>;
  /** Gateway: writes finished calls' records and releases their reservations in the same step. */
  recordCalls(records: UsageRecord[], settle: { org: string; id: string }[]): Promise<InsertResult>;
  /** Gateway: a count of this process's writes to tokens, users, teams and budgets (for its caches). */
  gatewayChanges(): number;
  /** Gateway: counts a request in a key's minute window unless it is full; answers the window's counts. */
  takeRequest(
    org: string,
    apiKey: string,
    minute: Date,
    limits: { requests: number; tokens: number },
  ): Promise<{ ok: boolean; requests: number; tokens: number }>;
  addRateTokens(org: string, apiKey: string, minute: Date, tokens: number): Promise<void>;
  insertRefusal(refusal: GatewayRefusal): Promise<void>;
  /** The org's refused gateway calls, newest first. */
  listRefusals(org: string, limit: number): Promise<GatewayRefusal[]>;
}
