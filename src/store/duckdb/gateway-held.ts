import type { Statement } from '../engine.ts';
import type { QueryDialect } from '../sql/params.ts';
import type { ReserveOutcome, ReserveRequest } from '../types.ts';
import type { RunningSpend } from './gateway-spend.ts';

/** One call's reservation against one budget. */
interface Held {
  key: string;
  periodStart: number;
  micros: bigint;
  expiresAt: number;
}

/**
 * Reservations of calls in flight, kept in memory: one process holds a DuckDB file, so no other
 * instance needs to see them, and a check needs no write transaction (a DuckDB commit costs tens of
 * milliseconds, and calls would queue behind it).
 */
export class HeldReservations {
  private readonly calls = new Map<string, Held[]>();
  /** The sum of `calls` per org, budget and period. */
  private readonly totals = new Map<string, bigint>();
  /** No reservation expires before this. */
  private nextExpiry = Number.POSITIVE_INFINITY;

  constructor(
    private readonly spend: RunningSpend,
    private readonly read: Statement,
    private readonly dialect: QueryDialect,
  ) {}

  /**
   * Check-and-reserve in one synchronous step once the spend of each budget is known (in memory; see
   * RunningSpend): the reservations of calls in flight are summed, compared and this call's added with
   * no turn in between. why: a call's record lands and its reservation goes in one step too
   * (`recordCalls`), so a check counts each call exactly once, never twice and never not at all.
   */
  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const { org, id, micros } = request;
    const at = request.at.getTime();
    const checks = [...request.checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const spent = await this.spend.spentOf(checks, this.read, this.dialect, at);
    this.expire(at);
    const found: ReserveOutcome['checks'] = [];
    for (const [i, c] of checks.entries()) {
      const reserved = this.sum(org, c.key, c.periodStart.getTime());
      const check = { key: c.key, spentMicros: spent[i] ?? 0n, reservedMicros: reserved };
      found.push(check);
      if (c.limitMicros !== null && check.spentMicros + check.reservedMicros + micros > c.limitMicros) {
        return { ok: false, refusedKey: c.key, checks: found };
      }
    }
    const expiresAt = request.expiresAt.getTime();
    this.hold(
      org,
      id,
      checks.map((c) => ({ key: c.key, periodStart: c.periodStart.getTime(), micros, expiresAt })),
    );
    return { ok: true, refusedKey: null, checks: found };
  }

  settle(org: string, id: string): void {
    const held = this.calls.get(callKey(org, id));
    if (!held) return;
    this.calls.delete(callKey(org, id));
    for (const h of held) {
      const key = totalKey(org, h.key, h.periodStart);
      const left = (this.totals.get(key) ?? 0n) - h.micros;
      if (left === 0n) this.totals.delete(key);
      else this.totals.set(key, left);
    }
  }

  private hold(org: string, id: string, held: Held[]): void {
    this.calls.set(callKey(org, id), held);
    for (const h of held) {
      const key = totalKey(org, h.key, h.periodStart);
      this.totals.set(key, (this.totals.get(key) ?? 0n) + h.micros);
    }
    this.nextExpiry = Math.min(this.nextExpiry, held[0]?.expiresAt ?? Number.POSITIVE_INFINITY);
  }

  private sum(org: string, key: string, periodStart: number): bigint {
    return this.totals.get(totalKey(org, key, periodStart)) ?? 0n;
  }

  /** Reservations of calls the gateway never settled (it waited past their time) stop counting. */
  private expire(at: number): void {
    if (this.nextExpiry > at) return;
    this.nextExpiry = Number.POSITIVE_INFINITY;
    for (const [call, held] of this.calls) {
      const expiresAt = held[0]?.expiresAt ?? 0;
      if (expiresAt <= at) {
        const [org = '', id = ''] = call.split('\0');
        this.settle(org, id);
      } else this.nextExpiry = Math.min(this.nextExpiry, expiresAt);
    }
  }
}

function totalKey(org: string, key: string, periodStart: number): string {
  return `${org}\0${key}\0${periodStart}`;
}

function callKey(org: string, id: string): string {
  return `${org}\0${id}`;
}
