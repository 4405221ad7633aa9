/** One entry of an org's audit log: who did what, when, with the details as a JSON document. */
export interface AuditEntry {
  org: string;
  at: Date;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** The audit log: appended to by every change a user or token makes, read newest first. */
export interface AuditRepo {
  addAudit(entry: AuditEntry): Promise<void>;
  listAudit(org: string, limit: number): Promise<AuditEntry[]>;
}
