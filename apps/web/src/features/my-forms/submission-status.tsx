import type { Submission } from '@conflux/contracts';

export const isSubmissionActive = (submission: Pick<Submission, 'status'>) => submission.status === 'queued' || submission.status === 'running';

/** Statuses in the words end users read. */
export const submissionStatusLabels: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  pending: 'Waiting',
  skipped: 'Skipped',
};

export function SubmissionStatusBadge({ status }: { status: string }) {
  return (
    <span className={`pill run-status ${status}`}>
      {status === 'running' && <span className="spinner" aria-hidden />}
      {submissionStatusLabels[status] ?? status}
    </span>
  );
}
