import { exactBigint, spendRowFrom } from '../rows.ts';
import type { ReserveOutcome, ReserveRequest, SpendRow } from '../types.ts';
import type { Run } from './gateway.ts';
import type { QueryDialect } from './params.ts';
import { spendSql } from './spend.ts';

/**
 * Check-and-reserve inside a transaction PostgreSQL opened: for each budget in key order, take its lock
 * row (`lockSql`, FOR UPDATE), sum its live reservations of the period, then read the ledger. why this
 * order: a call that settles in between (record written, then reservation deleted) is then counted
 * twice, never missed.
 */
export async function reserveIn(
  run: Run,
  dialect: QueryDialect,
  request: ReserveRequest,
  lockSql: string,
): Promise<ReserveOutcome> {
  const { org, id, micros, at, expiresAt } = request;
  const checks = [...request.checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const found: ReserveOutcome['checks'] = [];
  for (const c of checks) {
    await run('INSERT INTO gateway_budget_locks VALUES ($1, $2) ON CONFLICT DO NOTHING', [org, c.key]);
    await run(lockSql, [org, c.key]);
    const reserved = await run(
      `SELECT COALESCE(SUM(micros), 0) AS reserved FROM gateway_reservations
       WHERE org = $1 AND budget_key = $2 AND period_start = CAST($3 AS TIMESTAMPTZ) AND expires_at > CAST($4 AS TIMESTAMPTZ)`,
      [org, c.key, c.periodStart.toISOString(), at.toISOString()],
    );
    const { sql, params } = spendSql(c.spend, dialect);
    const rows: SpendRow[] = (await run(sql, params)).map((r) => spendRowFrom(r, c.spend.groupBy));
    const check = {
      key: c.key,
      spentMicros: c.spentOf(rows),
      reservedMicros: exactBigint(reserved[0]?.reserved),
    };
    found.push(check);
    if (c.limitMicros !== null && check.spentMicros + check.reservedMicros + micros > c.limitMicros) {
      return { ok: false, refusedKey: c.key, checks: found };
    }
  }
  for (const c of checks) {
    await run(
      `INSERT INTO gateway_reservations VALUES ($1, $2, $3, CAST($4 AS TIMESTAMPTZ), $5, CAST($6 AS TIMESTAMPTZ))`,
      [org, id, c.key, c.periodStart.toISOString(), micros.toString(), expiresAt.toISOString()],
    );
  }
  // why: reservations of instances that died mid-call expire; their rows go the next time anyone reserves.
  await run('DELETE FROM gateway_reservations WHERE org = $1 AND expires_at <= CAST($2 AS TIMESTAMPTZ)', [
    org,
    at.toISOString(),
  ]);
  return { ok: true, refusedKey: null, checks: found };
}
