import { Compass } from 'lucide-react';
import { Suspense, useEffect } from 'react';
import { Link } from './frame/Link.tsx';
import { Shell } from './frame/Shell.tsx';
import { SignIn } from './frame/SignIn.tsx';
import { findPage } from './pages/index.ts';
import { useLocation } from './state/router.ts';
import { useSession } from './state/session.ts';
import { EmptyState, Loading } from './ui/states.tsx';

/** Signs in, then shows the page the URL names inside the frame. */
export function App() {
  const session = useSession();
  const { path } = useLocation();
  const page = findPage(path);

  useEffect(() => {
    document.title = `${page?.label ?? 'Not found'} · spendlens`;
  }, [page]);

  if (session.status === 'checking') return <Loading height={4} label="Checking your session…" />;
  if (session.status === 'signed-out') return <SignIn onSignIn={session.signIn} />;
  return (
    <Shell current={page} onSignOut={() => void session.signOut()}>
      <Suspense fallback={<Loading height={320} />}>
        {page ? <page.component key={page.path} /> : <NotFound path={path} />}
      </Suspense>
    </Shell>
  );
}

function NotFound(props: { path: string }) {
  return (
    <EmptyState
      icon={<Compass size={32} aria-hidden="true" />}
      title="No such page"
      actions={
        <Link className="button primary" href="/">
          Go to the overview
        </Link>
      }
    >
      <p>
        There is nothing at <code>{props.path}</code>.
      </p>
    </EmptyState>
  );
}
