import type pg from 'pg';
import { exactBigint, spendRowFrom } from '../rows.ts';
import type { QueryDialect } from '../sql/params.ts';
import { spendSql } from '../sql/spend.ts';
import type { ReserveOutcome, ReserveRequest } from '../types.ts';

/**
 * Check-and-reserve across instances sharing PostgreSQL in two round trips: the first opens the
 * transaction, locks each budget's row (FOR UPDATE, in key order) and reads its live reservations and
 * its ledger spend in one statement; the second writes the reservations and commits, or rolls back a
 * refusal. why: reads after the locks see every reservation of the calls checked before, and a call's
 * record lands in the transaction that deletes its reservation (`recordCalls`), so one snapshot
 * counts each call once.
 */
export async function reserveInTwoTrips(
  pool: pg.Pool,
  dialect: QueryDialect,
  request: ReserveRequest,
): Promise<ReserveOutcome> {
  const { org, id, micros, at, expiresAt } = request;
  const checks = [...request.checks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const client = await pool.connect();
  let broken = false;
  // why: a multi-statement query runs in one round trip only without bound parameters, so values are quoted here.
  const lit = (v: unknown): string =>
    typeof v === 'number' || typeof v === 'bigint'
      ? String(v)
      : client.escapeLiteral(v instanceof Date ? v.toISOString() : String(v));
  const inline = ({ sql, params }: { sql: string; params: unknown[] }) =>
    sql.replace(/\$(\d+)/g, (_, n: string) => lit(params[Number(n) - 1]));
  const instant = (d: Date) => `CAST(${lit(d)} AS TIMESTAMPTZ)`;
  try {
    const first = [
      'BEGIN',
      `INSERT INTO gateway_budget_locks VALUES ${checks.map((c) => `(${lit(org)}, ${lit(c.key)})`).join(', ')}
       ON CONFLICT DO NOTHING`,
      `SELECT budget_key FROM gateway_budget_locks WHERE org = ${lit(org)}
       AND budget_key IN (${checks.map((c) => lit(c.key)).join(', ')}) ORDER BY budget_key FOR UPDATE`,
      // why: one statement per budget, so its reservations and its spend are read in one snapshot.
      ...checks.map(
        (c) => `WITH s AS (${inline(spendSql(c.spend, dialect))})
         SELECT s.*, r.reserved FROM (SELECT COALESCE(SUM(micros), 0) AS reserved FROM gateway_reservations
           WHERE org = ${lit(org)} AND budget_key = ${lit(c.key)} AND period_start = ${instant(c.periodStart)}
           AND expires_at > ${instant(at)}) r LEFT JOIN s ON true`,
      ),
    ].join(';\n');
    const results = (await client.query(first)) as unknown as pg.QueryResult[];
    const found: ReserveOutcome['checks'] = [];
    let refusedKey: string | null = null;
    for (const [i, c] of checks.entries()) {
      const read = results[3 + i]?.rows ?? [];
      const reserved = exactBigint(read[0]?.reserved);
      const rows = read.filter((r) => r.currency !== null).map((r) => spendRowFrom(r, c.spend.groupBy));
      const check = { key: c.key, spentMicros: c.spentOf(rows), reservedMicros: reserved };
      found.push(check);
      if (c.limitMicros !== null && check.spentMicros + check.reservedMicros + micros > c.limitMicros) {
        refusedKey = c.key;
        break;
      }
    }
    if (refusedKey !== null) {
      await client.query('ROLLBACK');
      return { ok: false, refusedKey, checks: found };
    }
    const values = checks.map(
      (c) =>
        `(${lit(org)}, ${lit(id)}, ${lit(c.key)}, ${instant(c.periodStart)}, ${micros}, ${instant(expiresAt)})`,
    );
    await client.query(
      [
        `INSERT INTO gateway_reservations VALUES ${values.join(', ')}`,
        // why: reservations of instances that died mid-call expire; their rows go the next time anyone reserves.
        `DELETE FROM gateway_reservations WHERE org = ${lit(org)} AND expires_at <= ${instant(at)}`,
        'COMMIT',
      ].join(';\n'),
    );
    return { ok: true, refusedKey: null, checks: found };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
