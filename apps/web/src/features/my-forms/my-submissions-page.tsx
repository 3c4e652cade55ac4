'use client';
import Link from 'next/link';
import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { SubmissionStatusBadge } from './submission-status';
import { useMySubmissions } from './use-my-submissions';

const PAGE_SIZE = 20;

export function MySubmissionsPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const submissions = useMySubmissions({ cursor: cursors.at(-1), limit: PAGE_SIZE });
  const items = submissions.data?.items ?? [];
  return (
    <section>
      <h1>My submissions</h1>
      <p className="lead">What you sent through forms, newest first, with its status and result.</p>
      {submissions.isPending && (
        <p className="muted" role="status">
          Loading your submissions…
        </p>
      )}
      {submissions.isError && (
        <div className="callout error" role="alert">
          Could not load your submissions: {submissions.error.message}{' '}
          <button type="button" className="button small" onClick={() => submissions.refetch()}>
            Try again
          </button>
        </div>
      )}
      {submissions.data && items.length === 0 && cursors.length === 0 && (
        <div className="empty">
          <p>
            <strong>Nothing sent yet.</strong> Submissions you make under My forms appear here.
          </p>
          <Link href="/my/forms" className="button primary">
            My forms
          </Link>
        </div>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Submissions">
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Sent</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Result</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((submission) => (
              <tr key={submission.runId}>
                <td>{submission.formName ?? <span className="muted">A deleted form</span>}</td>
                <td>{formatDateTime(submission.createdAt)}</td>
                <td>
                  <SubmissionStatusBadge status={submission.status} />
                </td>
                <td className="row-actions">
                  <Link href={`/my/submissions/${submission.runId}`}>{submission.status === 'succeeded' ? 'See the result' : 'Details'}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 0 || submissions.data?.nextCursor) && (
        <nav className="pager" aria-label="Pages of submissions">
          <button type="button" className="button small" disabled={cursors.length === 0 || submissions.isFetching} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </button>
          <span className="muted">Page {cursors.length + 1}</span>
          <button
            type="button"
            className="button small"
            disabled={!submissions.data?.nextCursor || submissions.isPlaceholderData || submissions.isFetching}
            onClick={() => submissions.data?.nextCursor && setCursors([...cursors, submissions.data.nextCursor])}
          >
            Next page
          </button>
        </nav>
      )}
    </section>
  );
}
