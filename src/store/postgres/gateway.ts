import type pg from 'pg';
import { type GatewayMethods, gatewayStatements } from '../sql/gateway.ts';
import { reserveIn } from '../sql/gateway-reserve.ts';
import type { QueryDialect } from '../sql/params.ts';
import { transaction } from './pool.ts';

/**
 * The gateway methods of the PostgreSQL store. Reserving locks each budget's row FOR UPDATE in one
 * transaction, so instances sharing the database check and reserve one call at a time per budget.
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
    reserveSpend: (request) =>
      write(() =>
        transaction(pool, (client) =>
          reserveIn(
            async (sql, params) => (await client.query(sql, params)).rows,
            dialect,
            request,
            'SELECT 1 FROM gateway_budget_locks WHERE org = $1 AND budget_key = $2 FOR UPDATE',
          ),
        ),
      ),
  };
}
