import { LogOut } from 'lucide-react';
import type { ReactNode } from 'react';
import { PAGES, type PageDef } from '../pages/index.ts';
import { isFilterKey } from '../state/filters.ts';
import { useLocation } from '../state/router.ts';
import { Link } from './Link.tsx';
import { Logo } from './Logo.tsx';

const VIEW_KEYS = new Set(['range', 'from', 'to']);

/** The frame around every page: brand, main navigation, sign-out, and the page itself. */
export function Shell(props: { current: PageDef | undefined; onSignOut: () => void; children: ReactNode }) {
  const { search } = useLocation();
  const carried = new URLSearchParams(
    [...search].filter(([key]) => VIEW_KEYS.has(key) || isFilterKey(key)),
  ).toString();

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
            {PAGES.map((page) => (
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
          <button type="button" className="button" onClick={props.onSignOut}>
            <LogOut size={16} aria-hidden="true" /> Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
