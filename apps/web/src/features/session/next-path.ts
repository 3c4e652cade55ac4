/**
 * Where to go after signing in: `next` when it is a path on this site, otherwise "/".
 * Anything else (another origin, "//host", "/\\host", a javascript: URL) would turn the
 * sign-in page into an open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const base = 'http://conflux.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return '/';
    const path = url.pathname + url.search + url.hash;
    return url.pathname === '/login' ? '/' : path;
  } catch {
    return '/';
  }
}

/** The sign-in page's address for someone who wanted `path`. */
export function loginPathFor(path: string): string {
  return path === '/' || path.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(path)}`;
}
