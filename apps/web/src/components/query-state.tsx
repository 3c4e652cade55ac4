'use client';
import Link from 'next/link';
import { ApiError } from '@/lib/api-client';

/** The loading and error states of a page that shows one thing (a system, a connector, an endpoint). */
export function QueryState({
  what,
  isPending,
  error,
  onRetry,
  back,
}: {
  /** e.g. "the system" */
  what: string;
  isPending: boolean;
  error: Error | null;
  onRetry: () => void;
  back: { href: string; label: string };
}) {
  if (isPending) {
    return (
      <p className="muted" role="status">
        Loading {what}…
      </p>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <section>
        <h1>Not found</h1>
        <p className="lead">
          There is no such {what.replace(/^the /, '')}: it may have been deleted, or the address is mistyped.
        </p>
        <Link href={back.href}>{back.label}</Link>
      </section>
    );
  }
  if (error) {
    return (
      <div className="callout error" role="alert">
        Could not load {what}: {error.message}{' '}
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
