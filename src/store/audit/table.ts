import type { SchemaDialect } from '../sql/schema.ts';

/** The audit log (migration 1); append-only, so it has no key. PostgreSQL indexes it by (org, time). */
export function auditTable(d: SchemaDialect): string {
  return `CREATE TABLE audit_log (
        org TEXT NOT NULL,
        happened_at TIMESTAMPTZ NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail ${d.json} NOT NULL
      )`;
}
