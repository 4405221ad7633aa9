import { KeyRound, LogIn, Mail } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { AcceptInvitation } from '../pages/invite/AcceptInvitation.tsx';
import { useLocation } from '../state/router.ts';
import type { Credentials } from '../state/session.ts';
import { Logo } from './Logo.tsx';
import '../pages/invite/invite.css';

type Mode = 'account' | 'token';

/** The frame while signed out: the sign-in form, or the screen of a one-time link (`/invite/<token>`). */
export function SignIn(props: { onSignIn: (credentials: Credentials) => Promise<void> }) {
  const { path } = useLocation();
  const invitation = /^\/invite\/([^/]+)\/?$/.exec(path)?.[1];
  if (invitation) return <AcceptInvitation token={decodeURIComponent(invitation)} />;
  return <SignInForm onSignIn={props.onSignIn} />;
}

/** The server's reason, as a sentence; wrong credentials in the dashboard's words. */
function signInError(error: unknown, mode: Mode): string {
  if (!(error instanceof ApiError)) return String((error as Error).message);
  if (error.status === 401) {
    return mode === 'token' ? 'That token is not valid for this spendlens.' : 'Email or password is wrong.';
  }
  // 429: a locked account or too many attempts; the server's message says when to try again.
  return sentence(error.message);
}

const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function SignInForm(props: { onSignIn: (credentials: Credentials) => Promise<void> }) {
  const [mode, setMode] = useState<Mode>('account');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = mode === 'token' ? token.trim() !== '' : email.trim() !== '' && password !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSignIn(mode === 'token' ? { token: token.trim() } : { email: email.trim(), password });
    } catch (e) {
      setError(signInError(e, mode));
      setBusy(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError(null);
  };

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="signin-brand">
          <Logo size={36} />
          <h1 id="signin-title">Sign in to spendlens</h1>
        </div>
        {mode === 'account' ? (
          <>
            <label className="field block" htmlFor="email">
              Email
            </label>
            <div className="signin-input">
              <Mail size={16} aria-hidden="true" />
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={error !== null}
              />
            </div>
            <label className="field block" htmlFor="password">
              Password
            </label>
            <div className="signin-input">
              <KeyRound size={16} aria-hidden="true" />
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby="signin-help"
                aria-invalid={error !== null}
              />
            </div>
          </>
        ) : (
          <>
            <label className="field block" htmlFor="token">
              API token
            </label>
            <div className="signin-input">
              <KeyRound size={16} aria-hidden="true" />
              <input
                id="token"
                name="token"
                type="password"
                autoComplete="off"
                required
                value={token}
                onChange={(e) => setToken(e.target.value)}
                aria-describedby="signin-help"
                aria-invalid={error !== null}
              />
            </div>
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy || !ready}>
          <LogIn size={16} aria-hidden="true" /> {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <SignInHelp mode={mode} />
        <button
          type="button"
          className="link-button"
          onClick={() => switchTo(mode === 'token' ? 'account' : 'token')}
        >
          {mode === 'token' ? 'Use email and password instead' : 'Use an API token instead'}
        </button>
      </form>
    </main>
  );
}

function SignInHelp(props: { mode: Mode }) {
  return props.mode === 'account' ? (
    <p id="signin-help" className="muted signin-help">
      No account yet? Ask an owner or admin for an invitation link. On first start,{' '}
      <code>spendlens serve</code> prints the owner's one-time link (or set <code>SPENDLENS_OWNER_EMAIL</code>{' '}
      and <code>SPENDLENS_OWNER_PASSWORD</code>).
    </p>
  ) : (
    <p id="signin-help" className="muted signin-help">
      An API token with the read scope, such as the admin token <code>spendlens serve</code> printed on first
      start or <code>SPENDLENS_ADMIN_TOKEN</code>.
    </p>
  );
}
