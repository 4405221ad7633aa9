import type { SchemaDialect } from '../sql/schema.ts';

/** An org's price overrides (migration 1), one per (provider, model, first day). */
export function priceOverridesTable(d: SchemaDialect): string {
  return `CREATE TABLE price_overrides (
        org TEXT NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        entry ${d.json} NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (org, provider, model, effective_from)
      )`;
}
