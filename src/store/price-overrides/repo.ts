import { type Engine, jsonDocument } from '../engine.ts';
import type { PriceOverrideRepo, StoredPriceOverride } from '../types-price-overrides.ts';

const DELETE_SQL = `DELETE FROM price_overrides
  WHERE org = $1 AND provider = $2 AND model = $3 AND effective_from = $4 RETURNING model`;
const LIST_SQL = 'SELECT * FROM price_overrides WHERE org = $1 ORDER BY provider, model, effective_from';

/** The one place a `price_overrides` row becomes a `StoredPriceOverride`. */
function overrideFromRow(x: Record<string, unknown>): StoredPriceOverride {
  return {
    org: String(x.org),
    provider: String(x.provider),
    model: String(x.model),
    effectiveFrom: String(x.effective_from),
    entry: jsonDocument(x.entry),
    updatedAt: x.updated_at as Date,
  };
}

/** Price overrides over either engine. */
export function priceOverrideRepo(engine: Engine): PriceOverrideRepo {
  const { dialect, read, write } = engine;
  const put = `INSERT INTO price_overrides
    VALUES ($1, $2, $3, $4, CAST($5 AS ${dialect.json}), CAST($6 AS TIMESTAMPTZ))
    ON CONFLICT (org, provider, model, effective_from)
    DO UPDATE SET entry = excluded.entry, updated_at = excluded.updated_at`;
  return {
    async putPriceOverride(o) {
      const entry = JSON.stringify(o.entry);
      await write(put, [o.org, o.provider, o.model, o.effectiveFrom, entry, o.updatedAt.toISOString()]);
    },
    async deletePriceOverride(org, provider, model, effectiveFrom) {
      return (await write(DELETE_SQL, [org, provider, model, effectiveFrom])).length > 0;
    },
    async listPriceOverrides(org) {
      return (await read(LIST_SQL, [org])).map(overrideFromRow);
    },
  };
}
