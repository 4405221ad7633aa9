import { useCallback, useEffect, useState } from 'react';
import { invalidateAll } from '../api/cache.ts';
import { api, SIGNED_OUT_EVENT } from '../api/client.ts';
import type { SessionResponse } from '../api/types.ts';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

/** The browser session: a cookie set by `POST /api/session` from the admin token. */
export function useSession() {
  const [status, setStatus] = useState<SessionStatus>('checking');

  useEffect(() => {
    let live = true;
    api<SessionResponse>('/api/session').then(
      (s) => live && setStatus(s.signedIn ? 'signed-in' : 'signed-out'),
      () => live && setStatus('signed-out'),
    );
    const onSignedOut = () => setStatus('signed-out');
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => {
      live = false;
      window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
    };
  }, []);

  const signIn = useCallback(async (token: string) => {
    await api<SessionResponse>('/api/session', { method: 'POST', body: { token } });
    invalidateAll();
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
    invalidateAll();
    setStatus('signed-out');
  }, []);

  return { status, signIn, signOut };
}
