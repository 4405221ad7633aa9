import { invalidateAll } from '../../api/cache.ts';
import { useApi } from '../../api/useApi.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import type { Token, TokensResponse } from '../settings/access-types.ts';
import { REASON_LABELS, type RefusalsResponse } from './types.ts';
import './gateway.css';

/**
 * The gateway: the keys clients call it with (tokens with the gateway scope) and the calls it refused
 * lately, for a budget or a key's rate limit, with the message the client got.
 */
export function GatewaySection() {
  const tokens = useApi<TokensResponse>('/api/v1/tokens');
  const refusals = useApi<RefusalsResponse>('/api/v1/gateway/refusals?limit=50');
  const keys = tokens.data?.tokens.filter((t) => t.scopes.includes('gateway') && !t.revokedAt);
  const labels = new Map((tokens.data?.tokens ?? []).map((t) => [t.id, t.label]));
  const refused = refusals.data?.refusals;
  const error = tokens.error ?? refusals.error;

  return (
    <Card
      title="Gateway"
      subtitle="Clients call /proxy/<upstream>/v1 with one of these keys in place of a provider key."
    >
      {error ? (
        <ErrorState error={error} onRetry={invalidateAll} />
      ) : !keys || !refused ? (
        <Loading height={120} />
      ) : (
        <div className="stack">
          <section aria-labelledby="gateway-keys">
            <h3 id="gateway-keys" className="gateway-heading">
              Gateway keys ({keys.length})
            </h3>
            {keys.length === 0 ? (
              <p className="muted">None yet: create a token with the gateway scope under API tokens.</p>
            ) : (
              <KeyList keys={keys} />
            )}
          </section>
          <section aria-labelledby="gateway-refused">
            <h3 id="gateway-refused" className="gateway-heading">
              Refused calls
            </h3>
            {refused.length === 0 ? (
              <EmptyState title="No call refused" />
            ) : (
              <div className="table-wrap">
                <table className="data" data-testid="gateway-refusals">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Key</th>
                      <th scope="col">Call</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {refused.map((r) => (
                      <tr key={`${r.at} ${r.apiKey} ${r.message}`}>
                        <td data-label="When" className="nowrap">
                          {formatDateTime(r.at)}
                        </td>
                        <td data-label="Key">{(r.apiKey && labels.get(r.apiKey)) ?? r.apiKey ?? '–'}</td>
                        <td data-label="Call">
                          {r.upstream}
                          {r.model && <span className="muted"> · {r.model}</span>}
                        </td>
                        <td data-label="Why">
                          <strong>{REASON_LABELS[r.reason]}</strong>
                          <div className="muted small">{r.message}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      )}
    </Card>
  );
}

function KeyList(props: { keys: Token[] }) {
  return (
    <ul className="gateway-keys" data-testid="gateway-keys">
      {props.keys.map((t) => (
        <li key={t.id}>
          <strong>{t.label}</strong>{' '}
          <span className="muted small">
            {t.team ? `team ${t.team}` : 'every team'} · last used{' '}
            {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'never'}
          </span>
        </li>
      ))}
    </ul>
  );
}
