import { Plus } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import type { SpendResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Card } from '../../ui/Card.tsx';
import { errorFor, FormActions, TextField, unplacedErrors, useSave } from '../../ui/FormField.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import type { TeamsResponse, UsersResponse } from './access-types.ts';
import { TeamBlock } from './TeamBlock.tsx';

type Notify = (kind: 'ok' | 'error', text: string) => void;

/** Teams (a team's name is the usage records' `team` value) and who leads or belongs to each. */
export function TeamsSection(props: { onNotice: Notify }) {
  const teams = useApi<TeamsResponse>('/api/v1/teams');
  const users = useApi<UsersResponse>('/api/v1/users');
  const [adding, setAdding] = useState(false);
  const list = teams.data?.teams;

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      invalidateAll();
      props.onNotice('ok', done);
    } catch (e) {
      props.onNotice('error', e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card
      title="Teams"
      subtitle="A team sees the spend of records with its name in the team field. Leads manage the team's budgets and alert routes."
      actions={
        !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            <Plus size={16} aria-hidden="true" /> New team
          </button>
        )
      }
    >
      {adding && (
        <TeamForm
          taken={(list ?? []).map((t) => t.name)}
          onSaved={(name) => {
            setAdding(false);
            props.onNotice('ok', `Created team ${name}.`);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {teams.error ? (
        <ErrorState error={teams.error} onRetry={invalidateAll} />
      ) : !list ? (
        <Loading height={120} />
      ) : list.length === 0 ? (
        !adding && (
          <EmptyState title="No teams yet">
            <p className="muted">Create one per value of the team field your records carry.</p>
          </EmptyState>
        )
      ) : (
        <ul className="team-list" data-testid="teams">
          {list.map((team) => (
            <TeamBlock key={team.name} team={team} users={users.data?.users ?? []} run={run} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function TeamForm(props: { taken: string[]; onSaved: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  // The team values the ledger holds (last 30 days) that are not teams yet.
  const seen = useApi<SpendResponse>('/api/v1/spend?groupBy=team');
  const suggestions = (seen.data?.rows ?? [])
    .map((r) => r.team)
    .filter((t): t is string => typeof t === 'string' && t !== '' && !props.taken.includes(t));

  const { submit, busy, errors } = useSave(async () => {
    await api('/api/v1/teams', { method: 'POST', body: { name: name.trim() } });
    invalidateAll();
    props.onSaved(name.trim());
  });

  return (
    <form className="price-form settings-form" onSubmit={submit} aria-label="New team">
      <TextField
        label="Team name"
        value={name}
        onChange={setName}
        hint={suggestions.length ? `In your records: ${suggestions.join(', ')}` : undefined}
        suggestions={suggestions}
        error={errorFor(errors, 'team') ?? errorFor(errors, 'name')}
        input={{ required: true }}
      />
      <FormActions
        errors={unplacedErrors(errors, ['team', 'name'])}
        busy={busy}
        saveLabel="Create team"
        onCancel={props.onCancel}
      />
    </form>
  );
}
