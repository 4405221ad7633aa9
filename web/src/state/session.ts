import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Need, Role, TeamRole } from '../../../src/domain/access.ts';
import { invalidateAll } from '../api/cache.ts';
import { api, SIGNED_OUT_EVENT } from '../api/client.ts';
import { navigate, useLocation } from './router.ts';

export type SessionStatus = 'checking' | 'signed-out' | 'signed-in';

/** Who is signed in, as `GET /api/session` says: a user (or an API token, `user` null) and what they may do. */
export interface Account {
  org: string;
  /** The user's email, or the token's label. */
  label: string;
  user: { email: string; name: string; role: Role; teams: { team: string; role: TeamRole }[] } | null;
  role: Role;
  /** null: every team's spend; a list: only these teams'. */
  teams: string[] | null;
  leadOf: string[];
  permissions: Need[];
}

type SessionAnswer = ({ signedIn: true } & Account) | { signedIn: false };

/** What signs a browser in: an account's email and password, or an API token. */
export type Credentials = { email: string; password: string } | { token: string };

interface State {
  status: SessionStatus;
  account: Account | null;
}

// why: one session for the whole page, read by the frame (navigation by role) and by Settings alike.
let state: State = { status: 'checking', account: null };
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function accept(answer: SessionAnswer): void {
  if (!answer.signedIn) {
    set({ status: 'signed-out', account: null });
    return;
  }
  const { org, label, user, role, teams, leadOf, permissions } = answer;
  set({ status: 'signed-in', account: { org, label, user, role, teams, leadOf, permissions } });
}

/** Asks the server who this browser is; its answer also carries the CSRF token the API client keeps. */
async function refresh(): Promise<void> {
  accept(await api<SessionAnswer>('/api/session'));
}

let checked = false;

/** The session for the frame: its status, and signing in and out. */
export function useSession() {
  const current = useSyncExternalStore(subscribe, () => state);
  const onInvitation = useLocation().path.startsWith('/invite/');

  useEffect(() => {
    if (!checked) {
      checked = true;
      refresh().catch(() => set({ status: 'signed-out', account: null }));
    }
    const onSignedOut = () => set({ status: 'signed-out', account: null });
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const signIn = useCallback(async (credentials: Credentials) => {
    const answer = await api<SessionAnswer>('/api/session', { method: 'POST', body: credentials });
    invalidateAll();
    accept(answer);
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
    invalidateAll();
    set({ status: 'signed-out', account: null });
  }, []);

  // why: an invitation link opens its own screen (drawn by the sign-in frame) even in a signed-in browser,
  // since accepting it signs this browser in as the new account.
  const status = onInvitation && current.status === 'signed-in' ? 'signed-out' : current.status;
  return { status, signIn, signOut };
}

/** Uses a one-time link (`/invite/<token>`): creates the account or sets the password, then signs in. */
export async function acceptInvitation(
  token: string,
  body: { name?: string; email?: string; password: string },
): Promise<void> {
  await api(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body });
  const answer = await api<SessionAnswer>('/api/session');
  // why: in one render, so the used link's page is gone before the forgotten answers load again (a 404)
  navigate('/', { replace: true });
  invalidateAll();
  accept(answer);
}

/** The signed-in account; null while signed out. */
export function useAccount(): Account | null {
  return useSyncExternalStore(subscribe, () => state.account);
}

/** Whether the signed-in account may do `need` somewhere (the server checks each request again). */
export function mayDo(account: Account | null, need: Need): boolean {
  return account?.permissions.includes(need) ?? false;
}

/** `mayDo` for the signed-in account, for components that only need the answer. */
export function useMayDo(need: Need): boolean {
  return mayDo(useAccount(), need);
}

const ROLE_WORDS: Record<Role, string> = {
  owner: 'owner',
  admin: 'admin',
  analyst: 'analyst (reads every team)',
  member: 'member',
};

/** A role and its teams in words: `member of research`, `lead of platform, member of research`, `admin`. */
export function describeAccess(role: Role, teams: { team: string; role: TeamRole }[]): string {
  if (role !== 'member') return ROLE_WORDS[role];
  if (teams.length === 0) return 'member of no team yet';
  const of = (r: TeamRole) => teams.filter((t) => t.role === r).map((t) => t.team);
  const parts = [
    of('lead').length ? `lead of ${of('lead').join(', ')}` : '',
    of('member').length ? `member of ${of('member').join(', ')}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}
