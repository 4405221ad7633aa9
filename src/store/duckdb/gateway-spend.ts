import type { UsageRecord } from '../../domain/record.ts';
import type { Statement } from '../engine.ts';
import { recordInFilter } from '../gateway/match.ts';
import { spendRowFrom } from '../rows.ts';
import type { QueryDialect } from '../sql/params.ts';
import { spendSql } from '../sql/spend.ts';
import type { InsertResult, ReserveCheck, SpendQuery, SpendRow } from '../types.ts';

/** One budget's spend in one period: per currency, as the ledger sums it. */
interface Entry {
  org: string;
  filter: SpendQuery;
  to: number;
  byCurrency: Map<string, bigint>;
}

/**
 * The ledger spend of each enforcing budget and period, kept in memory on DuckDB (one process owns the
 * file, so every write passes here): read once from the ledger, then moved by each write as it lands.
 * why exact: a read waits for the writes in flight and holds new ones back, so it never sees a write
 * that has not yet been applied (or misses one that has); an insert without duplicates adds its
 * records' costs, and any other usage write (a duplicate, replace, re-price, void, context) drops the
 * org's entries to be read again.
 */
export class RunningSpend {
  private readonly entries = new Map<string, Entry>();
  private inFlight = 0;
  private drained: (() => void)[] = [];
  private gate: Promise<void> | null = null;

  /** Runs a usage write; `landed` runs in the same step as it completes (null: it failed). */
  async write<T>(fn: () => Promise<T>, landed: (result: T | null) => void): Promise<T> {
    while (this.gate) await this.gate;
    this.inFlight++;
    try {
      const result = await fn();
      landed(result);
      return result;
    } catch (error) {
      landed(null);
      throw error;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.drained.splice(0)) wake();
    }
  }

  /** Takes inserted records into the running sums, or forgets the org's sums when some were duplicates. */
  inserted(records: readonly UsageRecord[], result: InsertResult | null): void {
    if (result === null || result.duplicates > 0 || result.inserted !== records.length) {
      for (const org of new Set(records.map((r) => r.org))) this.forget(org);
      return;
    }
    for (const entry of this.entries.values()) {
      for (const r of records) {
        if (r.costMicros === null || !recordInFilter(r, entry.filter)) continue;
        entry.byCurrency.set(r.currency, (entry.byCurrency.get(r.currency) ?? 0n) + BigInt(r.costMicros));
      }
    }
  }

  /** Drops an org's sums (or every org's, for null): the next check reads the ledger again. */
  forget(org: string | null): void {
    for (const [key, entry] of this.entries) if (org === null || entry.org === org) this.entries.delete(key);
  }

  /** The spend of each check, reading the ledger for those not yet known; answers in the same step as the last read. */
  async spentOf(
    checks: ReserveCheck[],
    read: Statement,
    dialect: QueryDialect,
    at: number,
  ): Promise<bigint[]> {
    for (const [key, entry] of this.entries) if (entry.to <= at) this.entries.delete(key);
    for (;;) {
      const known = checks.map((c) => this.entries.get(entryKey(c)));
      if (known.every((e) => e !== undefined)) {
        return checks.map((c, i) => c.spentOf(rowsOf(known[i] as Entry, c.spend)));
      }
      if (this.gate) {
        await this.gate;
        continue;
      }
      let open = () => {};
      this.gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      try {
        while (this.inFlight > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
        await Promise.all(checks.map((c) => this.seed(c, read, dialect)));
      } finally {
        this.gate = null;
        open();
      }
    }
  }

  private async seed(check: ReserveCheck, read: Statement, dialect: QueryDialect): Promise<void> {
    const key = entryKey(check);
    if (this.entries.has(key)) return;
    const filter: SpendQuery = { ...check.spend, groupBy: [] };
    const { sql, params } = spendSql(filter, dialect);
    const rows = (await read(sql, params)).map((r) => spendRowFrom(r, []));
    const byCurrency = new Map<string, bigint>();
    for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + r.costMicros);
    const to = check.spend.to?.getTime() ?? Number.POSITIVE_INFINITY;
    this.entries.set(key, { org: check.spend.org, filter, to, byCurrency });
  }
}

function entryKey(c: ReserveCheck): string {
  return `${c.key}\0${c.periodStart.getTime()}\0${JSON.stringify(c.spend)}`;
}

function rowsOf(entry: Entry, q: SpendQuery): SpendRow[] {
  return [...entry.byCurrency].map(([currency, costMicros]) => ({
    bucket: null,
    dims: Object.fromEntries(q.groupBy.map((g) => [g, null])),
    currency,
    costMicros,
    unpricedRequests: 0n,
    inputTokens: 0n,
    outputTokens: 0n,
    cacheReadTokens: 0n,
    cacheWriteTokens: 0n,
    reasoningTokens: 0n,
    requests: 0n,
  }));
}
