import { KeyRound, Trash2, UserPlus } from 'lucide-react';
import { useState } from 'react';
import type { Role } from '../../../../src/domain/access.ts';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useAccount } from '../../state/session.ts';
import { Card } from '../../ui/Card.tsx';
import { ConfirmDelete } from '../../ui/ConfirmDelete.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import {
  type LinkAnswer,
  membershipText,
  type PendingResponse,
  type TeamsResponse,
  type User,
  type UsersResponse,
} from './access-types.ts';
import { assignableRoles, InviteForm } from './InviteForm.tsx';
import { OneTimeSecret } from './OneTimeSecret.tsx';

type Notify = (kind: 'ok' | 'error', text: string) => void;
const errorText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/** The org's people: invite with a role and teams (a one-time link), change a role, remove. */
export function UsersSection(props: { onNotice: Notify }) {
  const users = useApi<UsersResponse>('/api/v1/users');
  const teams = useApi<TeamsResponse>('/api/v1/teams');
  const pending = useApi<PendingResponse>('/api/v1/invitations');
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ email: string; answer: LinkAnswer; reset?: boolean } | null>(null);

  const change = async (user: User, role: Role) => {
    try {
      await api(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: 'PUT', body: { role } });
      invalidateAll();
      props.onNotice('ok', `${user.email} is now ${role}.`);
    } catch (e) {
      props.onNotice('error', errorText(e));
    }
  };

  const reset = async (user: User) => {
    try {
      const answer = await api<LinkAnswer>(`/api/v1/users/${encodeURIComponent(user.id)}/reset-password`, {
        method: 'POST',
      });
      setLink({ email: user.email, answer, reset: true });
    } catch (e) {
      props.onNotice('error', errorText(e));
    }
  };

  const remove = async (user: User) => {
    try {
      await api(`/api/v1/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' });
      invalidateAll();
      props.onNotice('ok', `Removed ${user.email}; their sessions have ended.`);
    } catch (e) {
      props.onNotice('error', errorText(e));
    }
  };

  return (
    <Card
      title="Users"
      subtitle="Who can sign in, with which role and teams. Members see only their teams' spend."
      actions={
        !inviting && (
          <button type="button" className="button" onClick={() => setInviting(true)}>
            <UserPlus size={16} aria-hidden="true" /> Invite someone
          </button>
        )
      }
    >
      {inviting && (
        <InviteForm
          teams={(teams.data?.teams ?? []).map((t) => t.name)}
          onInvited={(email, answer) => {
            setInviting(false);
            setLink({ email, answer });
          }}
          onCancel={() => setInviting(false)}
        />
      )}
      {link && (
        <OneTimeSecret
          title={`${link.reset ? 'Password reset' : 'Invitation'} link for ${link.email}`}
          label={link.reset ? 'Password reset link' : 'Invitation link'}
          value={link.answer.link}
          warning={
            (link.answer.emailed ? 'Also emailed. ' : '') +
            'Copy it now and send it to them: it is shown only once, works once, and expires ' +
            `${formatDateTime(link.answer.expiresAt)}.`
          }
          onDone={() => setLink(null)}
          testId="invitation-link"
        />
      )}
      {users.error ? (
        <ErrorState error={users.error} onRetry={invalidateAll} />
      ) : !users.data ? (
        <Loading height={120} />
      ) : (
        <UserTable users={users.data.users} actions={{ change, reset, remove }} />
      )}
      {pending.data && pending.data.invitations.length > 0 && (
        <div className="pending">
          <h3>Invited, not signed up yet</h3>
          <ul>
            {pending.data.invitations.map((i) => (
              <li key={i.email}>
                <strong>{i.email}</strong> · {i.role}
                {i.teams.length > 0 && ` of ${membershipText(i.teams)}`} · link expires{' '}
                {formatDateTime(i.expiresAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

interface UserActions {
  change: (user: User, role: Role) => void;
  reset: (user: User) => void;
  remove: (user: User) => void;
}

function UserTable(props: { users: User[]; actions: UserActions }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Teams</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <UserRow key={u.id} user={u} actions={props.actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserRow(props: { user: User; actions: UserActions }) {
  const u = props.user;
  const { change, reset, remove } = props.actions;
  const account = useAccount();
  const [confirming, setConfirming] = useState(false);
  const isOwner = account?.role === 'owner';
  const self = account?.user?.email === u.email;
  // why: only owners touch owners, and changing your own role here could lock you out mid-click.
  const editable = !self && (isOwner || u.role !== 'owner');
  return (
    <tr data-testid={`user-${u.email}`}>
      <td data-label="User">
        <strong>{u.name}</strong>
        <div className="muted small">
          {u.email}
          {self && ' (you)'}
          {u.disabled && ' · disabled'}
          {u.lockedUntil &&
            Date.parse(u.lockedUntil) > Date.now() &&
            ` · locked until ${formatDateTime(u.lockedUntil)}`}
        </div>
      </td>
      <td data-label="Role">
        {editable ? (
          <>
            <label className="sr-only" htmlFor={`role-${u.id}`}>
              Role of {u.email}
            </label>
            <select id={`role-${u.id}`} value={u.role} onChange={(e) => change(u, e.target.value as Role)}>
              {assignableRoles(isOwner).map((r) => (
                <option key={r.value} value={r.value}>
                  {r.value}
                </option>
              ))}
            </select>
          </>
        ) : (
          u.role
        )}
      </td>
      <td data-label="Teams">{membershipText(u.teams) || <span className="muted">none</span>}</td>
      <td data-label="Last sign-in">
        {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <span className="muted">never</span>}
      </td>
      <td className="settings-cell-actions">
        {editable &&
          (confirming ? (
            <ConfirmDelete
              className="settings-actions"
              question={`Remove ${u.email}?`}
              onConfirm={() => {
                setConfirming(false);
                remove(u);
              }}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <div className="settings-actions">
              <button
                type="button"
                className="button small"
                onClick={() => reset(u)}
                aria-label={`Password reset link for ${u.email}`}
              >
                <KeyRound size={14} aria-hidden="true" /> Reset link
              </button>
              <button
                type="button"
                className="button small"
                onClick={() => setConfirming(true)}
                aria-label={`Remove ${u.email}`}
              >
                <Trash2 size={14} aria-hidden="true" /> Remove
              </button>
            </div>
          ))}
      </td>
    </tr>
  );
}
