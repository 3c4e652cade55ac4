'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';
import type { CurrentUser } from '@conflux/contracts';
import { loginPathFor } from '@/features/session/next-path';
import { useSession } from '@/features/session/use-session';
import { useSignOut } from '@/features/session/use-sign-out';
import { canOpen, homeFor, navigationFor, roleLabels } from './navigation';

/**
 * Every page but /login needs a session: signed out, the browser goes to /login with the
 * page it wanted in `next`. What the sidebar lists and which pages open depend on the role.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  if (pathname === '/login') return <main className="auth-page">{children}</main>;
  return <SignedInShell>{children}</SignedInShell>;
}

function SignedInShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const session = useSession();
  const signedOut = session.data === null;
  // Signing out on purpose leads to a plain sign-in page: the next person should not land
  // on the page the last one happened to be on.
  const signingOut = useRef(false);

  useEffect(() => {
    if (signedOut) router.replace(signingOut.current ? '/login' : loginPathFor(pathname + window.location.search));
  }, [signedOut, pathname, router]);

  // The home page is the admins' status page; end users start at their forms.
  const home = session.data ? homeFor(session.data.user.role) : '/';
  const redirectHome = pathname === '/' && home !== '/';
  useEffect(() => {
    if (redirectHome) router.replace(home);
  }, [redirectHome, home, router]);

  if (session.data) {
    const { user } = session.data;
    return (
      <div className="shell">
        <Sidebar user={user} pathname={pathname} onSignOut={() => (signingOut.current = true)} />
        <main className="content">
          {redirectHome ? (
            <p className="muted" role="status">
              Opening your forms…
            </p>
          ) : canOpen(pathname, user.role) ? (
            children
          ) : (
            <NotForYourRole home={home} />
          )}
        </main>
      </div>
    );
  }
  if (session.isError) {
    return (
      <main className="auth-page">
        <div className="callout error" role="alert">
          The API did not answer: {session.error.message}. Is it running (npm start starts it on port 3001)?{' '}
          <button type="button" className="button" onClick={() => session.refetch()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  return (
    <main className="auth-page">
      <p className="muted" role="status">
        {signedOut ? 'Redirecting to sign in…' : 'Checking your session…'}
      </p>
    </main>
  );
}

function Sidebar({ user, pathname, onSignOut }: { user: CurrentUser; pathname: string; onSignOut: () => void }) {
  const signOut = useSignOut();
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        Conflux
      </div>
      <nav aria-label="Main">
        {navigationFor(user.role).map((section) => (
          <div key={section.title} className="nav-section">
            <div className="nav-title">{section.title}</div>
            <ul>
              {section.items.map((item) => {
                const active = item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`);
                return (
                  <li key={item.href}>
                    {item.available ? (
                      <Link
                        href={item.href}
                        title={item.description}
                        className={active ? 'nav-link active' : 'nav-link'}
                        aria-current={active ? 'page' : undefined}
                      >
                        {item.label}
                      </Link>
                    ) : (
                      <span className="nav-link disabled" title={`${item.description} (not available yet)`} aria-disabled>
                        {item.label} <span className="badge">soon</span>
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {section.note && <p className="nav-note">{section.note}</p>}
          </div>
        ))}
      </nav>
      <section className="account-box" aria-label="Your account">
        <div className="account-name">{user.name}</div>
        <div className="account-email" title={user.email}>
          {user.email}
        </div>
        <span className={user.role === 'admin' ? 'pill role admin' : 'pill role'}>{roleLabels[user.role]}</span>
        <div className="account-actions">
          <Link href="/account" className={pathname === '/account' ? 'nav-link active' : 'nav-link'}>
            Account
          </Link>
          <button type="button" className="button small" onClick={() => {
              onSignOut();
              signOut.mutate();
            }} disabled={signOut.isPending}>
            {signOut.isPending ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
        {signOut.isError && (
          <p className="field-error" role="alert">
            Could not sign out: {signOut.error.message}
          </p>
        )}
      </section>
    </aside>
  );
}

function NotForYourRole({ home }: { home: string }) {
  return (
    <section>
      <h1>Not available</h1>
      <p className="lead">This page is for admins. Ask an admin if you need something here.</p>
      <Link href={home}>{home === '/' ? 'Back to Status' : 'Back to My forms'}</Link>
    </section>
  );
}
