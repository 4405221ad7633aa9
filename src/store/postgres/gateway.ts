import type pg from 'pg';
import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import type { QueryDialect } from '../sql/params.ts';
import { reserveInTwoTrips } from './gateway-reserve.ts';

/**
 * The gateway methods of the PostgreSQL store. Reserving locks each budget's row FOR UPDATE in one
 * transaction (two round trips), so instances sharing the database check and reserve one call at a
 * time per budget.
 */
export function postgresGatewayMethods(
  pool: pg.Pool,
  write: <T>(fn: () => Promise<T>) => Promise<T>,
  dialect: QueryDialect,
): GatewayMethods {
  const statements = gatewayStatements(
    async (sql, params) => (await write(() => pool.query(sql, params))).rows,
    async (sql, params) => (await pool.query(sql, params)).rows,
  );
  return {
    ...statements,
    reserveSpend: (request) => write(() => reserveInTwoTrips(pool, dialect, request)),
  };
}
