import { UserPlus } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { Role, TeamRole } from '../../../../src/domain/access.ts';
import type { FieldError } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { Logo } from '../../frame/Logo.tsx';
import { acceptInvitation, describeAccess } from '../../state/session.ts';
import { errorFor, formErrors, TextField, unplacedErrors } from '../../ui/FormField.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import './invite.css';

// why: the server's rule (MIN_PASSWORD in src/app/identity/passwords.ts), said before the first try.
const MIN_PASSWORD = 12;

/** `GET /api/invitations/:token`: what a one-time link is for. */
interface Invitation {
  kind: 'invite' | 'setup' | 'reset';
  email: string | null;
  role: Role;
  teams: { team: string; role: TeamRole }[];
  expiresAt: string;
}

const TITLES: Record<Invitation['kind'], string> = {
  invite: 'Join spendlens',
  setup: 'Create the owner account',
  reset: 'Set a new password',
};

/** The screen of a one-time link: choose a name and password (and, for the first owner, the email). */
export function AcceptInvitation(props: { token: string }) {
  const invitation = useApi<Invitation>(`/api/invitations/${encodeURIComponent(props.token)}`);
  const title = invitation.data ? TITLES[invitation.data.kind] : 'Invitation';

  useEffect(() => {
    // why: the frame names the page after the route, which has no page of its own; this runs after it.
    const timer = setTimeout(() => {
      document.title = `${title} · spendlens`;
    }, 0);
    return () => clearTimeout(timer);
  }, [title]);

  return (
    <main className="signin">
      <div className="card signin-card invite-card">
        <div className="signin-brand">
          <Logo size={36} />
          <h1>{title}</h1>
        </div>
        {invitation.error ? (
          <>
            <ErrorState error={invitation.error} />
            <p className="muted signin-help">
              Ask whoever sent it for a new link, or <Link href="/">sign in</Link> if you have an account.
            </p>
          </>
        ) : !invitation.data ? (
          <Loading height={200} label="Reading the invitation…" />
        ) : (
          <InvitationForm token={props.token} invitation={invitation.data} />
        )}
      </div>
    </main>
  );
}

function InvitationForm(props: { token: string; invitation: Invitation }) {
  const { kind, email: invited } = props.invitation;
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = check(password, repeat);
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const who = kind === 'reset' ? {} : { name: name.trim() || undefined };
      await acceptInvitation(props.token, {
        ...who,
        ...(kind === 'setup' ? { email: email.trim() } : {}),
        password,
      });
    } catch (error) {
      setErrors(formErrors(error));
      setBusy(false);
    }
  };

  return (
    <form className="invite-form" onSubmit={submit} aria-label={TITLES[kind]}>
      <p className="invite-intro">{intro(props.invitation)}</p>
      {kind === 'setup' ? (
        <TextField
          label="Email"
          value={email}
          onChange={setEmail}
          error={errorFor(errors, 'email')}
          input={{ type: 'email', autoComplete: 'username', required: true }}
        />
      ) : (
        <p className="invite-email">
          <span className="muted">Account</span> <strong>{invited}</strong>
        </p>
      )}
      {kind !== 'reset' && (
        <TextField
          label="Your name"
          value={name}
          onChange={setName}
          error={errorFor(errors, 'name')}
          input={{ autoComplete: 'name' }}
        />
      )}
      <TextField
        label="Password"
        value={password}
        onChange={setPassword}
        hint={`At least ${MIN_PASSWORD} characters.`}
        error={errorFor(errors, 'password')}
        input={{ type: 'password', autoComplete: 'new-password', required: true }}
      />
      <TextField
        label="Repeat the password"
        value={repeat}
        onChange={setRepeat}
        error={errorFor(errors, 'repeat')}
        input={{ type: 'password', autoComplete: 'new-password', required: true }}
      />
      <InvitationActions
        errors={unplacedErrors(errors, ['email', 'name', 'password', 'repeat'])}
        busy={busy}
      />
    </form>
  );
}

function InvitationActions(props: { errors: string[]; busy: boolean }) {
  return (
    <>
      {props.errors.length > 0 && (
        <p className="field-error" role="alert">
          {props.errors.join('; ')}
        </p>
      )}
      <button type="submit" className="button primary" disabled={props.busy}>
        <UserPlus size={16} aria-hidden="true" /> {props.busy ? 'Signing in…' : 'Set password and sign in'}
      </button>
    </>
  );
}

function check(password: string, repeat: string): FieldError[] {
  if (password.length < MIN_PASSWORD) {
    return [{ path: 'password', message: `must be at least ${MIN_PASSWORD} characters` }];
  }
  if (password !== repeat) return [{ path: 'repeat', message: 'does not match the password' }];
  return [];
}

function intro(invitation: Invitation): string {
  const until = new Date(invitation.expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' });
  switch (invitation.kind) {
    case 'invite':
      return `You are invited as ${describeAccess(invitation.role, invitation.teams)}. The link works once, until ${until}.`;
    case 'setup':
      return `This link makes you the owner of this spendlens: you will invite everyone else. It works once, until ${until}.`;
    case 'reset':
      return `Choose a new password. Other browsers signed in to this account are signed out. The link works once, until ${until}.`;
    default:
      return invitation.kind satisfies never;
  }
}
