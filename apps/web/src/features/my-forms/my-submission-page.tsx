'use client';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { QueryState } from '@/components/query-state';
import { SubmissionProgress } from './submission-progress';
import { useMySubmission } from './use-my-submission';

export function MySubmissionPage() {
  const { runId } = useParams<{ runId: string }>();
  const submission = useMySubmission(runId);
  if (!submission.data) {
    return (
      <QueryState
        what="the submission"
        isPending={submission.isPending}
        error={submission.error}
        onRetry={() => submission.refetch()}
        back={{ href: '/my/submissions', label: 'Back to My submissions' }}
      />
    );
  }
  const { formId, formName } = submission.data;
  return (
    <section>
      <Breadcrumbs items={[{ label: 'My submissions', href: '/my/submissions' }, { label: formName ?? 'Submission' }]} />
      <h1>{formName ?? 'Submission'}</h1>
      <div className="user-form-result standalone">
        <SubmissionProgress runId={runId} />
      </div>
      {formId && (
        <p>
          <Link href={`/my/forms/${formId}`}>Open the form again</Link>
        </p>
      )}
    </section>
  );
}
