import { useId, useState } from 'react';
import { ROLES, type Role, TEAM_ROLES, type TeamRole } from '../../../../src/domain/access.ts';
import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import { useAccount } from '../../state/session.ts';
import {
  errorFor,
  FormActions,
  SelectField,
  TextField,
  unplacedErrors,
  useSave,
} from '../../ui/FormField.tsx';
import type { LinkAnswer, Membership } from './access-types.ts';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner: everything, including other owners',
  admin: 'Admin: everything but owners',
  analyst: 'Analyst: reads every team, manages budgets and reports',
  member: 'Member: reads the spend of their teams',
};

/** The roles this account may hand out: only an owner makes owners. */
export function assignableRoles(isOwner: boolean): { value: Role; label: string }[] {
  return ROLES.filter((r) => isOwner || r !== 'owner').map((value) => ({ value, label: ROLE_LABELS[value] }));
}

/** Invites someone with a role and teams; the answer holds the one-time link to hand over. */
export function InviteForm(props: {
  teams: string[];
  onInvited: (email: string, answer: LinkAnswer) => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const isOwner = useAccount()?.role === 'owner';
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [teams, setTeams] = useState<Record<string, TeamRole | ''>>({});

  const { submit, busy, errors } = useSave(async () => {
    const chosen: Membership[] = Object.entries(teams).flatMap(([team, r]) => (r ? [{ team, role: r }] : []));
    const answer = await api<LinkAnswer>('/api/v1/invitations', {
      method: 'POST',
      body: { email: email.trim(), role, teams: chosen },
    });
    invalidateAll();
    props.onInvited(email.trim(), answer);
  });

  return (
    <form className="price-form settings-form" onSubmit={submit} aria-label="Invite someone">
      <TextField
        label="Email"
        value={email}
        onChange={setEmail}
        error={errorFor(errors, 'email')}
        input={{ type: 'email', required: true }}
      />
      <SelectField label="Role" value={role} options={assignableRoles(isOwner)} onChange={setRole} />
      <fieldset className="team-picks">
        <legend>Teams</legend>
        {props.teams.length === 0 && <p className="muted small">No teams yet: create them under Teams.</p>}
        {props.teams.map((team) => (
          <div className="field block" key={team}>
            <label htmlFor={`${uid}-${team}`}>{team}</label>
            <select
              id={`${uid}-${team}`}
              value={teams[team] ?? ''}
              onChange={(e) => setTeams({ ...teams, [team]: e.target.value as TeamRole | '' })}
            >
              <option value="">Not in this team</option>
              {TEAM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {r === 'lead' ? 'Lead' : 'Member'}
                </option>
              ))}
            </select>
          </div>
        ))}
        {role !== 'member' && props.teams.length > 0 && (
          <p className="muted small team-picks-note">
            An {role} reads every team; teams only matter for leading one.
          </p>
        )}
      </fieldset>
      <FormActions
        errors={unplacedErrors(errors, ['email'])}
        busy={busy}
        saveLabel="Create invitation link"
        onCancel={props.onCancel}
      />
    </form>
  );
}
