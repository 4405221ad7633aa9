import { type Dimension, type GroupKey, isDimension } from '../../domain/record.ts';
import { HOUR_MS, zoneOffsetMinutes } from '../../lib/time.ts';
import type { SpendQuery } from '../types.ts';
import { columnsOfKind } from '../usage/table.ts';
import { DIMENSION_COLUMNS, type FilterTarget, whereClause } from './filter.ts';
import { Params, type QueryDialect } from './params.ts';
import { ROLLUP_DIMS } from './rollup-columns.ts';

/** The token and request counts, each summed under its own name. */
const COUNTS = columnsOfKind('count').map((c) => c.name);

/**
 * True when the hourly rollup answers the query exactly: no tags involved, hour-aligned bounds,
 * and bucket boundaries in `tz` that fall on whole UTC hours.
 */
export function canUseRollup(q: SpendQuery): boolean {
  if (q.groupBy.some((g) => !ROLLUP_KEYS.has(g))) return false;
  if (q.tags && Object.keys(q.tags).length > 0) return false;
  const filtered = Object.entries(q.dimensions ?? {}).filter(([, values]) => values && values.length > 0);
  if (filtered.some(([d]) => !ROLLUP_KEYS.has(d))) return false;
  if (q.bucket === 'hour' && !q.tz) return alignedBounds(q);
  if (!alignedBounds(q)) return false;
  if (!q.tz || q.tz === 'UTC') return true;
  const probes = [q.from, q.to].filter((d): d is Date => !!d);
  return probes.every((d) => zoneOffsetMinutes(q.tz as string, d) % 60 === 0);
}

/** Dimensions the hourly rollup keeps (see ROLLUP_DIMS). */
const ROLLUP_KEYS = new Set<string>(
  (Object.entries(DIMENSION_COLUMNS) as [Dimension, string][])
    .filter(([, column]) => (ROLLUP_DIMS as readonly string[]).includes(column))
    .map(([dimension]) => dimension),
);

function alignedBounds(q: SpendQuery): boolean {
  return [q.from, q.to].every((d) => !d || d.getTime() % HOUR_MS === 0);
}

/** Builds the aggregate query; columns come back as bucket, d0…dn, currency, then the sums. */
export function spendSql(q: SpendQuery, dialect: QueryDialect): { sql: string; params: unknown[] } {
  const rollup = canUseRollup(q);
  const target: FilterTarget = rollup
    ? { table: 'usage_hourly', time: 'hour' }
    : { table: 'usage', time: 'ts' };
  const params = new Params();
  const where = whereClause(q, params, dialect, target);
  const select: string[] = [];
  const groups: string[] = [];
  if (q.bucket) {
    // why: both engines run their sessions in UTC, and zone conversion per row is the costliest part.
    const tz = !q.tz || q.tz === 'UTC' ? null : params.add(q.tz);
    const expr = tz
      ? `date_trunc('${q.bucket}', ${target.time} AT TIME ZONE ${tz}) AT TIME ZONE ${tz}`
      : dialect.utcBucket(q.bucket, target.time);
    select.push(`${expr} AS bucket`);
    groups.push(expr);
  }
  q.groupBy.forEach((key, i) => {
    const expr = groupExpr(key, params, dialect, rollup);
    select.push(`${expr} AS d${i}`);
    groups.push(expr);
  });
  select.push('currency');
  groups.push('currency');
  const unpriced = rollup
    ? 'SUM(unpriced_requests)'
    : `SUM(CASE WHEN cost_kind = 'unpriced' THEN requests ELSE 0 END)`;
  select.push(
    'COALESCE(SUM(cost_micros), 0) AS cost_micros',
    `${unpriced} AS unpriced_requests`,
    ...COUNTS.map((c) => `SUM(${c}) AS ${c}`),
  );
  // why: the DuckDB rollup holds partial sums; a key that re-pricing emptied sums to zero records.
  const having = rollup ? ' HAVING SUM(records) <> 0' : '';
  const sql = `SELECT ${select.join(', ')} FROM ${target.table} WHERE ${where} GROUP BY ${groups.join(', ')}${having}`;
  return { sql, params: params.values };
}

function groupExpr(key: GroupKey, params: Params, dialect: QueryDialect, rollup: boolean): string {
  if (isDimension(key)) {
    const column = DIMENSION_COLUMNS[key];
    return rollup && key !== 'costKind' ? `NULLIF(${column}, '')` : column;
  }
  return dialect.tagValue(params, key.slice('tag:'.length));
}
