import { KeyRound, LogIn } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { Logo } from './Logo.tsx';

/** The sign-in page: until user accounts exist, the admin token opens a browser session. */
export function SignIn(props: { onSignIn: (token: string) => Promise<void> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSignIn(token.trim());
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'That token is not valid for this spendlens.'
          : String((e as Error).message),
      );
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="signin-brand">
          <Logo size={36} />
          <h1 id="signin-title">Sign in to spendlens</h1>
        </div>
        <label className="field block" htmlFor="token">
          Admin token
        </label>
        <div className="signin-input">
          <KeyRound size={16} aria-hidden="true" />
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="current-password"
            required
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="token-help"
            aria-invalid={error !== null}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <p id="token-help" className="muted signin-help">
          <code>spendlens serve</code> prints the admin token once on first start; or set{' '}
          <code>SPENDLENS_ADMIN_TOKEN</code> in the environment.
        </p>
        <button type="submit" className="button primary" disabled={busy || token.trim() === ''}>
          <LogIn size={16} aria-hidden="true" /> {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
