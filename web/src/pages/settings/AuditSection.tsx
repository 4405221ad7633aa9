import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { useApi } from '../../api/useApi.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import type { AuditResponse } from './access-types.ts';

const PAGE = 50;
const MAX = 1000;

/** A change's details in a line: `email: ana@acme.example · role: member · teams: research (lead)`. */
export function describeDetail(detail: Record<string, unknown>): string {
  const value = (v: unknown): string => {
    if (Array.isArray(v)) return v.map(value).join(', ');
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.team === 'string') return o.role === 'lead' ? `${o.team} (lead)` : o.team;
      return JSON.stringify(v);
    }
    return String(v);
  };
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${value(v)}`)
    .join(' · ');
}

/** The audit log: who changed sources, budgets, prices, rules, users or tokens, what, and when. */
export function AuditSection() {
  const [limit, setLimit] = useState(PAGE);
  const audit = useApi<AuditResponse>(`/api/v1/audit?limit=${limit}`);
  const entries = audit.data?.entries;

  return (
    <Card
      title="Audit log"
      subtitle="Administrative changes, newest first."
      busy={audit.loading && !!entries}
    >
      {audit.error ? (
        <ErrorState error={audit.error} onRetry={invalidateAll} />
      ) : !entries ? (
        <Loading height={160} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing changed yet" />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data" data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={`${e.at} ${e.actor} ${e.action} ${JSON.stringify(e.detail)}`}>
                    <td data-label="When" className="nowrap">
                      {formatDateTime(e.at)}
                    </td>
                    <td data-label="Who">{e.actor.replace(/^(user|token):/, '')}</td>
                    <td data-label="What">
                      <code>{e.action}</code>
                    </td>
                    <td data-label="Details" className="audit-detail">
                      {describeDetail(e.detail)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entries.length >= limit && limit < MAX && (
            <div className="audit-more">
              <button
                type="button"
                className="button small"
                onClick={() => setLimit(Math.min(MAX, limit * 4))}
              >
                Show older changes
              </button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
