'use client';
import type { Submission } from '@conflux/contracts';
import { ViewRenderer } from '@/features/components/view-renderer';
import { formatDateTime } from '@/lib/format';
import { SubmissionStatusBadge, isSubmissionActive } from './submission-status';
import { useLiveSubmission } from './use-live-submission';

const headline: Record<Submission['status'], string> = {
  queued: 'Waiting for a free worker…',
  running: 'Working on it…',
  succeeded: 'Finished',
  failed: 'It did not work',
  cancelled: 'Cancelled',
};

/** A submission's steps, its failure in words, or its result through the component's display function. */
export function SubmissionView({ submission, live, onTryAgain }: { submission: Submission; live?: boolean; onTryAgain?: () => void }) {
  const active = isSubmissionActive(submission);
  return (
    <section className={`submission ${submission.status}`} aria-label="Submission" aria-busy={active}>
      <div className="submission-header">
        <h2 className="run-title">
          {headline[submission.status]} <SubmissionStatusBadge status={submission.status} />
        </h2>
        {live && <span className="live-indicator">Live</span>}
      </div>
      <p className="muted run-subtitle">
        {submission.formName ? `${submission.formName} · ` : ''}sent {formatDateTime(submission.createdAt)}
        {submission.finishedAt && ` · finished ${formatDateTime(submission.finishedAt)}`}
      </p>
      {submission.steps.length > 0 && (
        <ol className="submission-steps" aria-label="Progress">
          {submission.steps.map((step, index) => (
            <li key={`${index}-${step.name}`} className={`submission-step ${step.status}`} aria-label={`${step.name}: ${step.status}`}>
              <span className="step-number">{index + 1}</span>
              <span className="submission-step-name">{step.name}</span>
              <SubmissionStatusBadge status={step.status} />
            </li>
          ))}
        </ol>
      )}
      {submission.failure && (
        <div className="callout error" role="alert">
          <strong>{submission.failure.stepName ? `The step “${submission.failure.stepName}” failed.` : 'The submission failed.'}</strong>{' '}
          {submission.failure.message}
          {onTryAgain && (
            <div className="submission-actions">
              <button type="button" className="button" onClick={onTryAgain}>
                Try again
              </button>
            </div>
          )}
        </div>
      )}
      {submission.status === 'succeeded' &&
        (submission.view ? <ViewRenderer view={submission.view} /> : <p className="muted">The run finished without a result to show.</p>)}
    </section>
  );
}

/** The live form of SubmissionView: follows the submission until it ends. */
export function SubmissionProgress({ runId, onTryAgain }: { runId: string; onTryAgain?: () => void }) {
  const { submission, live, polling } = useLiveSubmission(runId);
  if (!submission.data) {
    if (submission.isError) {
      return (
        <div className="callout error" role="alert">
          Could not load the submission: {submission.error.message}{' '}
          <button type="button" className="button small" onClick={() => submission.refetch()}>
            Try again
          </button>
        </div>
      );
    }
    return (
      <p className="muted" role="status">
        Loading the submission…
      </p>
    );
  }
  return (
    <>
      <SubmissionView submission={submission.data} live={live} onTryAgain={onTryAgain} />
      {polling && <p className="muted">Live updates are unavailable; checking every second.</p>}
    </>
  );
}
