import { DIMENSIONS, type Dimension, INVOICE_SERVICE } from '../../domain/record.ts';
import type { UsageFilter } from '../types.ts';
import { columnOf } from '../usage/table.ts';
import type { Params, QueryDialect } from './params.ts';

/** Table column of each dimension: the column holding its record field (`user` is reserved in SQL). */
export const DIMENSION_COLUMNS = Object.fromEntries(
  DIMENSIONS.map((dimension) => [dimension, columnOf(dimension).name]),
) as Record<Dimension, string>;

/** Where the conditions run: the raw `usage` table, or the rollup where unset dimensions are ''. */
export type FilterTarget = { table: 'usage'; time: 'ts' } | { table: 'usage_hourly'; time: 'hour' };

/** Builds the WHERE clause of a filter; the org condition is always first. */
export function whereClause(
  filter: UsageFilter,
  params: Params,
  dialect: QueryDialect,
  target: FilterTarget,
): string {
  const conditions = [`org = ${params.add(filter.org)}`];
  // why: invoice lines restate spend that usage records count; only a query naming them sees them.
  if (!filter.dimensions?.service?.includes(INVOICE_SERVICE)) {
    conditions.push(`service <> ${params.add(INVOICE_SERVICE)}`);
  }
  for (const service of filter.excludeServices ?? []) conditions.push(`service <> ${params.add(service)}`);
  if (filter.from) conditions.push(`${target.time} >= ${params.instant(filter.from)}`);
  if (filter.to) conditions.push(`${target.time} < ${params.instant(filter.to)}`);
  for (const [dimension, values] of Object.entries(filter.dimensions ?? {})) {
    if (!values || values.length === 0) continue;
    const column = DIMENSION_COLUMNS[dimension as Dimension];
    const named = values.filter((v): v is string => v !== null);
    const parts = named.map((v) => `${column} = ${params.add(v)}`);
    if (named.length !== values.length) {
      parts.push(target.table === 'usage' ? `${column} IS NULL` : `${column} = ''`);
    }
    conditions.push(`(${parts.join(' OR ')})`);
  }
  if (filter.visibility) {
    const { teams, users } = filter.visibility;
    const parts = [
      ...teams.map((t) => `team = ${params.add(t)}`),
      ...users.map((u) => `user_id = ${params.add(u)}`),
    ];
    // why: a reader allowed nothing sees nothing, never everything.
    conditions.push(parts.length ? `(${parts.join(' OR ')})` : '1 = 0');
  }
  for (const [key, values] of Object.entries(filter.tags ?? {})) {
    if (values.length === 0) continue;
    const expr = dialect.tagValue(params, key);
    conditions.push(`(${values.map((v) => `${expr} = ${params.add(v)}`).join(' OR ')})`);
  }
  return conditions.join(' AND ');
}
