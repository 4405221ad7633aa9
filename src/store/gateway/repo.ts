import type { Engine } from '../engine.ts';
import type { GatewayRefusal, GatewayStore, InsertResult } from '../types.ts';

/**
 * The gateway's methods that are the same on both engines: rate windows, refusals, settling a
 * reservation. Reserving differs (DuckDB holds reservations in memory, PostgreSQL locks rows).
 */
export function gatewayRepo(engine: Engine): Omit<GatewayStore, 'reserveSpend'> {
  const { read, write } = engine;
  return {
    // why: both need the store's own usage writes; withGatewayCalls (store/gateway-calls.ts) adds them.
    recordCalls(): Promise<InsertResult> {
      return Promise.reject(new Error('recordCalls comes from withGatewayCalls'));
    },
    gatewayChanges: () => 0,

    async settleReservation(org: string, id: string): Promise<void> {
      await write('DELETE FROM gateway_reservations WHERE org = $1 AND id = $2', [org, id]);
    },

    async takeRequest(
      org: string,
      apiKey: string,
      minute: Date,
      limits: { requests: number; tokens: number },
    ): Promise<{ ok: boolean; requests: number; tokens: number }> {
      const at = minute.toISOString();
      const taken = await write(
        `INSERT INTO gateway_rates VALUES ($1, $2, CAST($3 AS TIMESTAMPTZ), 1, 0)
         ON CONFLICT (org, api_key, minute) DO UPDATE SET requests = gateway_rates.requests + 1
         WHERE gateway_rates.requests < $4 AND gateway_rates.tokens < $5
         RETURNING requests, tokens`,
        [org, apiKey, at, limits.requests, limits.tokens],
      );
      const row =
        taken[0] ??
        (
          await read(
            'SELECT requests, tokens FROM gateway_rates WHERE org = $1 AND api_key = $2 AND minute = CAST($3 AS TIMESTAMPTZ)',
            [org, apiKey, at],
          )
        )[0];
      if (taken[0]?.requests === 1n || Number(taken[0]?.requests) === 1) {
        // why: a key's first call of a minute clears its older windows, so the table holds one row per key.
        await write(
          'DELETE FROM gateway_rates WHERE org = $1 AND api_key = $2 AND minute < CAST($3 AS TIMESTAMPTZ)',
          [org, apiKey, at],
        );
      }
      return { ok: taken.length > 0, requests: Number(row?.requests ?? 0), tokens: Number(row?.tokens ?? 0) };
    },

    async addRateTokens(org: string, apiKey: string, minute: Date, tokens: number): Promise<void> {
      await write(
        'UPDATE gateway_rates SET tokens = tokens + $4 WHERE org = $1 AND api_key = $2 AND minute = CAST($3 AS TIMESTAMPTZ)',
        [org, apiKey, minute.toISOString(), tokens],
      );
    },

    async insertRefusal(r: GatewayRefusal): Promise<void> {
      await write(
        'INSERT INTO gateway_refusals VALUES ($1, CAST($2 AS TIMESTAMPTZ), $3, $4, $5, $6, $7, $8)',
        [r.org, r.at.toISOString(), r.apiKey, r.upstream, r.model, r.reason, r.budgetId, r.message],
      );
    },

    async listRefusals(org: string, limit: number): Promise<GatewayRefusal[]> {
      const rows = await read(
        'SELECT * FROM gateway_refusals WHERE org = $1 ORDER BY refused_at DESC LIMIT $2',
        [org, limit],
      );
      return rows.map((x) => ({
        org: String(x.org),
        at: x.refused_at as Date,
        apiKey: x.api_key === null ? null : String(x.api_key),
        upstream: String(x.upstream),
        model: x.model === null ? null : String(x.model),
        reason: String(x.reason) as GatewayRefusal['reason'],
        budgetId: x.budget_id === null ? null : String(x.budget_id),
        message: String(x.message),
      }));
    },
  };
}
