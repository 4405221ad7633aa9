import { type Engine, jsonDocument } from '../engine.ts';
import type { AuditEntry, AuditRepo } from '../types-audit.ts';

/** The one place an `audit_log` row becomes an `AuditEntry`. */
function auditFromRow(x: Record<string, unknown>): AuditEntry {
  return {
    org: String(x.org),
    at: x.happened_at as Date,
    actor: String(x.actor),
    action: String(x.action),
    detail: jsonDocument(x.detail),
  };
}

/** The audit log over either engine. */
export function auditRepo(engine: Engine): AuditRepo {
  const { dialect, read, write } = engine;
  const insert = `INSERT INTO audit_log
    VALUES ($1, CAST($2 AS TIMESTAMPTZ), $3, $4, CAST($5 AS ${dialect.json}))`;
  return {
    async addAudit(entry) {
      const { org, at, actor, action, detail } = entry;
      await write(insert, [org, at.toISOString(), actor, action, JSON.stringify(detail)]);
    },
    async listAudit(org, limit) {
      const sql = 'SELECT * FROM audit_log WHERE org = $1 ORDER BY happened_at DESC LIMIT $2';
      return (await read(sql, [org, limit])).map(auditFromRow);
    },
  };
}
