import { Trash2, UserMinus } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { TEAM_ROLES, type TeamRole } from '../../../../src/domain/access.ts';
import { api } from '../../api/client.ts';
import { ConfirmDelete } from '../../ui/ConfirmDelete.tsx';
import type { Team, User } from './access-types.ts';

type Run = (work: () => Promise<unknown>, done: string) => Promise<void>;
const ROLE_OPTIONS = TEAM_ROLES.map((r) => ({ value: r, label: r === 'lead' ? 'Lead' : 'Member' }));

/** One team: its members with their role in it, adding and removing members, deleting the team. */
export function TeamBlock(props: { team: Team; users: User[]; run: Run }) {
  const { team, run } = props;
  const uid = useId();
  const [confirming, setConfirming] = useState(false);
  const base = `/api/v1/teams/${encodeURIComponent(team.name)}`;
  const put = (user: string, role: TeamRole) =>
    api(`${base}/members`, { method: 'POST', body: { user, role } });

  return (
    <li className="team-block" data-testid={`team-${team.name}`}>
      <div className="team-head">
        <h3>{team.name}</h3>
        <span className="muted small">
          {team.members.length} member{team.members.length === 1 ? '' : 's'}
        </span>
        <div className="team-head-actions">
          {confirming ? (
            <ConfirmDelete
              className="settings-actions"
              question={`Delete team ${team.name}? Its records keep their team value.`}
              onConfirm={() => {
                setConfirming(false);
                void run(() => api(base, { method: 'DELETE' }), `Deleted team ${team.name}.`);
              }}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => setConfirming(true)}
              aria-label={`Delete team ${team.name}`}
            >
              <Trash2 size={14} aria-hidden="true" /> Delete
            </button>
          )}
        </div>
      </div>
      {team.members.length > 0 && (
        <ul className="member-list">
          {team.members.map((m) => (
            <li key={m.userId}>
              <span className="member-name">
                {m.name} <span className="muted small">{m.email}</span>
              </span>
              <label className="sr-only" htmlFor={`${uid}-${m.userId}`}>
                Role of {m.email} in {team.name}
              </label>
              <select
                id={`${uid}-${m.userId}`}
                value={m.role}
                onChange={(e) => {
                  const role = e.target.value as TeamRole;
                  void run(() => put(m.email, role), `${m.email} is now ${role} of ${team.name}.`);
                }}
              >
                {ROLE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button small"
                aria-label={`Remove ${m.email} from ${team.name}`}
                onClick={() =>
                  void run(
                    () => api(`${base}/members/${encodeURIComponent(m.email)}`, { method: 'DELETE' }),
                    `Removed ${m.email} from ${team.name}.`,
                  )
                }
              >
                <UserMinus size={14} aria-hidden="true" /> Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddMember
        team={team}
        users={props.users.filter((u) => !team.members.some((m) => m.userId === u.id))}
        onAdd={(email, role) => run(() => put(email, role), `Added ${email} to ${team.name} as ${role}.`)}
      />
    </li>
  );
}

function AddMember(props: {
  team: Team;
  users: User[];
  onAdd: (email: string, role: TeamRole) => Promise<void>;
}) {
  const uid = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamRole>('member');
  if (props.users.length === 0) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email) return;
    await props.onAdd(email, role);
    setEmail('');
  };

  return (
    <form className="member-add" onSubmit={submit} aria-label={`Add a member to ${props.team.name}`}>
      <label className="sr-only" htmlFor={`${uid}-user`}>
        User to add to {props.team.name}
      </label>
      <select id={`${uid}-user`} value={email} onChange={(e) => setEmail(e.target.value)}>
        <option value="">Add a user…</option>
        {props.users.map((u) => (
          <option key={u.id} value={u.email}>
            {u.name === u.email ? u.email : `${u.name} (${u.email})`}
          </option>
        ))}
      </select>
      <label className="sr-only" htmlFor={`${uid}-role`}>
        Their role in {props.team.name}
      </label>
      <select id={`${uid}-role`} value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
        {ROLE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            as {o.label.toLowerCase()}
          </option>
        ))}
      </select>
      <button type="submit" className="button small" disabled={!email}>
        Add
      </button>
    </form>
  );
}
