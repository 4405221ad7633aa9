import type { Account } from '../../state/session.ts';
import { describeAccess } from '../../state/session.ts';
import { Card } from '../../ui/Card.tsx';

/** Who is signed in and what they see: every team's spend, or their teams' only. */
export function AccountSection(props: { account: Account }) {
  const { user, label, teams } = props.account;
  const sees = teams === null ? 'every team' : teams.length ? teams.join(', ') : 'no team yet';
  return (
    <Card title="Your account">
      <dl className="account-facts" data-testid="account">
        {user ? (
          <>
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>{describeAccess(user.role, user.teams)}</dd>
          </>
        ) : (
          <>
            <dt>Signed in with</dt>
            <dd>the API token {label}</dd>
          </>
        )}
        <dt>Spend you see</dt>
        <dd>{sees}</dd>
      </dl>
      {user && (
        <p className="muted small account-note">
          Forgot your password? An admin can make a reset link in Settings, or with{' '}
          <code>spendlens users reset-password {user.email}</code>.
        </p>
      )}
    </Card>
  );
}
