import { Ban, KeyRound } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { ConfirmDelete } from '../../ui/ConfirmDelete.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import type { NewToken, TeamsResponse, Token, TokensResponse } from './access-types.ts';
import { OneTimeSecret } from './OneTimeSecret.tsx';
import { TokenForm } from './TokenForm.tsx';

type Notify = (kind: 'ok' | 'error', text: string) => void;

/** API tokens for scripts and integrations: create (its secret shown once), see when each was last used, revoke. */
export function TokensSection(props: { onNotice: Notify }) {
  const tokens = useApi<TokensResponse>('/api/v1/tokens');
  const teams = useApi<TeamsResponse>('/api/v1/teams');
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<NewToken | null>(null);
  const list = tokens.data?.tokens;

  const revoke = async (token: Token) => {
    try {
      await api(`/api/v1/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
      invalidateAll();
      props.onNotice('ok', `Revoked ${token.label}: requests with it are refused from now on.`);
    } catch (e) {
      props.onNotice('error', e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card
      title="API tokens"
      subtitle="For scripts, collectors and CI: send as Authorization: Bearer <token>. Only a hash is stored."
      actions={
        !adding && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setAdding(true);
              setCreated(null);
            }}
          >
            <KeyRound size={16} aria-hidden="true" /> Create a token
          </button>
        )
      }
    >
      {adding && (
        <TokenForm
          teams={(teams.data?.teams ?? []).map((t) => t.name)}
          onCreated={(token) => {
            setAdding(false);
            setCreated(token);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {created && (
        <OneTimeSecret
          title={`New token ${created.label}`}
          label="API token"
          value={created.token}
          warning="Copy it now: this is the only time it is shown. If it is lost, revoke it and create another."
          onDone={() => setCreated(null)}
          testId="new-token"
        />
      )}
      {tokens.error ? (
        <ErrorState error={tokens.error} onRetry={invalidateAll} />
      ) : !list ? (
        <Loading height={120} />
      ) : list.length === 0 ? (
        <EmptyState title="No API tokens yet" />
      ) : (
        <TokenTable tokens={list} onRevoke={revoke} />
      )}
    </Card>
  );
}

function TokenTable(props: { tokens: Token[]; onRevoke: (token: Token) => void }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="tokens">
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Scopes</th>
            <th scope="col">Team</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((t) => (
            <TokenRow key={t.id} token={t} onRevoke={props.onRevoke} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TokenRow(props: { token: Token; onRevoke: (token: Token) => void }) {
  const t = props.token;
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`token-${t.label}`} className={t.revokedAt ? 'revoked' : undefined}>
      <td data-label="Token">
        <strong>{t.label}</strong>
        <div className="muted small">
          by {t.createdBy.replace(/^(user|token):/, '')}, {formatDateTime(t.createdAt)}
        </div>
      </td>
      <td data-label="Scopes">{t.scopes.join(', ')}</td>
      <td data-label="Team">{t.team ?? <span className="muted">every team</span>}</td>
      <td data-label="Last used">
        {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">never</span>}
      </td>
      <td className="settings-cell-actions">
        {t.revokedAt ? (
          <span className="muted small">revoked {formatDateTime(t.revokedAt)}</span>
        ) : confirming ? (
          <ConfirmDelete
            className="settings-actions"
            question={`Revoke ${t.label}?`}
            onConfirm={() => {
              setConfirming(false);
              props.onRevoke(t);
            }}
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <button
            type="button"
            className="button small"
            onClick={() => setConfirming(true)}
            aria-label={`Revoke token ${t.label}`}
          >
            <Ban size={14} aria-hidden="true" /> Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
