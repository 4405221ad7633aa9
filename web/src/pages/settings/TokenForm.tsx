import { useState } from 'react';
import { TOKEN_SCOPES, type TokenScope } from '../../../../src/domain/access.ts';
import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import {
  CheckField,
  errorFor,
  FormActions,
  SelectField,
  TextField,
  unplacedErrors,
  useSave,
} from '../../ui/FormField.tsx';
import type { NewToken } from './access-types.ts';

export const SCOPE_LABELS: Record<TokenScope, string> = {
  ingest: 'ingest: send usage',
  read: 'read: spend and reports',
  admin: 'admin: everything',
  gateway: 'gateway: calls through /proxy',
};

const ANY_TEAM = '(all)';

/** Creates an API token with scopes and, optionally, one team's spend only; the answer holds its secret. */
export function TokenForm(props: {
  teams: string[];
  onCreated: (token: NewToken) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [team, setTeam] = useState(ANY_TEAM);
  const bound = team !== ANY_TEAM;

  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes(TOKEN_SCOPES.filter((s) => (s === scope ? on : scopes.includes(s))));

  const { submit, busy, errors } = useSave(async () => {
    const body = { scopes, team: bound ? team : null, ...(label.trim() ? { label: label.trim() } : {}) };
    const token = await api<NewToken>('/api/v1/tokens', { method: 'POST', body });
    invalidateAll();
    props.onCreated(token);
  });

  return (
    <form className="price-form settings-form" onSubmit={submit} aria-label="New API token">
      <TextField
        label="Label"
        value={label}
        onChange={setLabel}
        hint="What uses it, e.g. ci-ingest"
        error={errorFor(errors, 'label')}
      />
      <fieldset className="scope-picks">
        <legend>Scopes</legend>
        {TOKEN_SCOPES.map((s) => (
          <CheckField
            key={s}
            label={SCOPE_LABELS[s]}
            checked={scopes.includes(s)}
            onChange={(on) => toggle(s, on)}
          />
        ))}
        {errorFor(errors, 'scopes') && <span className="field-error">{errorFor(errors, 'scopes')}</span>}
      </fieldset>
      <SelectField
        label="Team"
        value={team}
        options={[
          { value: ANY_TEAM, label: 'Every team' },
          ...props.teams.map((t) => ({ value: t, label: `Only ${t}` })),
        ]}
        onChange={setTeam}
        error={errorFor(errors, 'team')}
      />
      {bound && scopes.includes('admin') && (
        <p className="field-error token-note">
          A token bound to a team may have the read and ingest scopes only.
        </p>
      )}
      <FormActions
        errors={unplacedErrors(errors, ['label', 'scopes', 'team'])}
        busy={busy}
        saveLabel="Create token"
        onCancel={props.onCancel}
      />
    </form>
  );
}
