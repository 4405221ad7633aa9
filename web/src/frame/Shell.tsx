import { Lock, LogOut } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Need } from '../../../src/domain/access.ts';
import { PAGES, type PageDef } from '../pages/index.ts';
import { isFilterKey } from '../state/filters.ts';
import { useLocation } from '../state/router.ts';
import { type Account, describeAccess, mayDo, useAccount } from '../state/session.ts';
import { EmptyState } from '../ui/states.tsx';
import { Link } from './Link.tsx';
import { Logo } from './Logo.tsx';
import './account.css';

const VIEW_KEYS = new Set(['range', 'from', 'to']);

// why: the navigation offers only what the API would let this account do; reading is everyone's.
const PAGE_NEEDS: Record<string, Need> = { '/import': 'ingest', '/pricing': 'admin', '/sources': 'admin' };
const needOf = (page: PageDef): Need => PAGE_NEEDS[page.path] ?? 'read';
/** Pages about every team at once (org-wide reports, invoices): only for those who see every team. */
const WHOLE_ORG = new Set(['/reports', '/reconciliation']);
const mayOpen = (account: Account | null, page: PageDef): boolean =>
  mayDo(account, needOf(page)) && (!WHOLE_ORG.has(page.path) || account?.teams === null);

const NEED_WORDS: Partial<Record<Need, string>> = {
  admin: 'administration, which owners and admins have',
  ingest: 'sending usage, which owners and admins (or an API token with the ingest scope) have',
};

/** The frame around every page: brand, the navigation this account may use, who is signed in, and the page. */
export function Shell(props: { current: PageDef | undefined; onSignOut: () => void; children: ReactNode }) {
  const { search } = useLocation();
  const account = useAccount();
  const carried = new URLSearchParams(
    [...search].filter(([key]) => VIEW_KEYS.has(key) || isFilterKey(key)),
  ).toString();
  const pages = PAGES.filter((page) => mayOpen(account, page));
  const allowed = !props.current || pages.includes(props.current);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="sidebar">
        <Link className="brand" href="/">
          <Logo /> spendlens
        </Link>
        <nav aria-label="Main">
          <ul className="nav">
            {pages.map((page) => (
              <li key={page.path}>
                <Link
                  href={page.keepsView && carried ? `${page.path}?${carried}` : page.path}
                  aria-current={page === props.current ? 'page' : undefined}
                >
                  <page.icon size={18} aria-hidden="true" /> {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-foot">
          {account && <SignedInAs account={account} />}
          <button type="button" className="button" onClick={props.onSignOut}>
            <LogOut size={16} aria-hidden="true" /> Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {allowed || !props.current ? props.children : <NoAccess page={props.current} account={account} />}
      </main>
    </div>
  );
}

function SignedInAs(props: { account: Account }) {
  const { user, label, role } = props.account;
  return (
    <p className="signed-in-as" data-testid="signed-in-as">
      <span className="sr-only">Signed in as </span>
      <span className="signed-in-name" title={user?.email ?? label}>
        {user ? user.name : label}
      </span>
      <span className="signed-in-role">
        {user ? describeAccess(user.role, user.teams) : `API token · ${role}`}
      </span>
    </p>
  );
}

/** A page this account may not open (a link from someone else, say): what access is missing, plainly. */
function NoAccess(props: { page: PageDef; account: Account | null }) {
  const need = needOf(props.page);
  const who = props.account?.user;
  return (
    <EmptyState
      icon={<Lock size={32} aria-hidden="true" />}
      title={`You do not have access to ${props.page.label}`}
      actions={
        <Link className="button primary" href="/">
          Go to the overview
        </Link>
      }
    >
      <p>
        {mayDo(props.account, need)
          ? `${props.page.label} covers every team, and your access is limited to your own teams.`
          : `${props.page.label} needs ${NEED_WORDS[need] ?? `the “${need}” permission`}.`}
        {who && ` You are signed in as ${who.email}, ${describeAccess(who.role, who.teams)}.`} Ask an owner or
        admin of this spendlens if you need it.
      </p>
    </EmptyState>
  );
}
