import { spendRowFrom } from '../rows.ts';
import type { Run } from '../sql/gateway.ts';
import type { QueryDialect } from '../sql/params.ts';
import { spendSql } from '../sql/spend.ts';
import type { ReserveOutcome, ReserveRequest } from '../types.ts';

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
 * milliseconds, and calls would queue behind it). `reserve` must run one at a time.
 */
export class HeldReservations {
  private readonly calls = new Map<string, Held[]>();

  /**
   * Check-and-reserve: for each budget in key order, sum its live reservations of the period, then read
   * the ledger. why this order: a call that settles in between (record written, then reservation
   * released) is then counted twice, never missed.
   */
  async reserve(read: Run, dialect: QueryDialect, request: ReserveRequest): Promise<ReserveOutcome> {
    const { org, id, micros } = request;
    const at = request.at.getTime();
    this.expire(at);
    const checks = [...request.checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const found: ReserveOutcome['checks'] = [];
    for (const c of checks) {
      const reservedMicros = this.sum(org, c.key, c.periodStart.getTime());
      const { sql, params } = spendSql(c.spend, dialect);
      const rows = (await read(sql, params)).map((r) => spendRowFrom(r, c.spend.groupBy));
      const check = { key: c.key, spentMicros: c.spentOf(rows), reservedMicros };
      found.push(check);
      if (c.limitMicros !== null && check.spentMicros + reservedMicros + micros > c.limitMicros) {
        return { ok: false, refusedKey: c.key, checks: found };
      }
    }
    const expiresAt = request.expiresAt.getTime();
    this.calls.set(
      callKey(org, id),
      checks.map((c) => ({ key: c.key, periodStart: c.periodStart.getTime(), micros, expiresAt })),
    );
    return { ok: true, refusedKey: null, checks: found };
  }

  settle(org: string, id: string): void {
    this.calls.delete(callKey(org, id));
  }

  private sum(org: string, key: string, periodStart: number): bigint {
    let total = 0n;
    for (const [call, held] of this.calls) {
      if (!call.startsWith(`${org}\0`)) continue;
      for (const h of held) if (h.key === key && h.periodStart === periodStart) total += h.micros;
    }
    return total;
  }

  /** Reservations of calls the gateway never settled (it waited past their time) stop counting. */
  private expire(at: number): void {
    for (const [call, held] of this.calls) if ((held[0]?.expiresAt ?? 0) <= at) this.calls.delete(call);
  }
}

function callKey(org: string, id: string): string {
  return `${org}\0${id}`;
}
