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
 * milliseconds, and calls would queue behind it).
 */
export class HeldReservations {
  private readonly calls = new Map<string, Held[]>();

  /**
   * Check-and-reserve without a turn: the reservations of calls in flight are summed and this call's is
   * added in one synchronous step, then the ledger is read and the reservation withdrawn if a hard budget
   * would be passed. why: two calls checking at once each count the other's reservation or come after
   * it, so together they never pass a budget (at worst one is refused that a turn would have let
   * through); a call settling in between (record written, then released) is counted twice, never missed.
   */
  async reserve(read: Run, dialect: QueryDialect, request: ReserveRequest): Promise<ReserveOutcome> {
    const { org, id, micros } = request;
    const at = request.at.getTime();
    this.expire(at);
    const checks = [...request.checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const reserved = checks.map((c) => this.sum(org, c.key, c.periodStart.getTime()));
    const expiresAt = request.expiresAt.getTime();
    this.calls.set(
      callKey(org, id),
      checks.map((c) => ({ key: c.key, periodStart: c.periodStart.getTime(), micros, expiresAt })),
    );
    const spent = await Promise.all(
      checks.map(async (c) => {
        const { sql, params } = spendSql(c.spend, dialect);
        return c.spentOf((await read(sql, params)).map((r) => spendRowFrom(r, c.spend.groupBy)));
      }),
    ).catch((error: unknown) => {
      this.settle(org, id);
      throw error;
    });
    const found: ReserveOutcome['checks'] = [];
    for (const [i, c] of checks.entries()) {
      const check = { key: c.key, spentMicros: spent[i] ?? 0n, reservedMicros: reserved[i] ?? 0n };
      found.push(check);
      if (c.limitMicros !== null && check.spentMicros + check.reservedMicros + micros > c.limitMicros) {
        this.settle(org, id);
        return { ok: false, refusedKey: c.key, checks: found };
      }
    }
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
