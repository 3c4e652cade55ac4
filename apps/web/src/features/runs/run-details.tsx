'use client';
import Link from 'next/link';
import { formatDuration } from '@/components/outbound-result';
import { ProblemCallout } from '@/components/problem-callout';
import { QueryState } from '@/components/query-state';
import { useSession } from '@/features/session/use-session';
import { formatDateTime } from '@/lib/format';
import { JsonDetails } from './json-block';
import { RunStatusBadge } from './run-status-badge';
import { isActive, triggerLabels } from './run-status';
import { PlannedStepCard, StepRunCard } from './step-run-card';
import { useCancelRun } from './use-cancel-run';
import { useLiveRun } from './use-live-run';
import { useRunVersion } from './use-run-version';

/**
 * A run as it is, moving live while it runs: status, timing, input and output, and each
 * step. Used by the run page and inline by the dataflow editor's "Test run".
 */
export function RunDetails({ id, heading: Heading = 'h2' }: { id: string; heading?: 'h1' | 'h2' | 'h3' }) {
  const session = useSession();
  const isAdmin = session.data?.user.role === 'admin';
  const { run, events } = useLiveRun(id);
  const cancel = useCancelRun();
  const version = useRunVersion(run.data?.dataflowKey, run.data?.version, isAdmin);

  if (!run.data) {
    return <QueryState what="the run" isPending={run.isPending} error={run.error} onRetry={() => run.refetch()} back={{ href: '/runs', label: 'Back to Runs' }} />;
  }
  const data = run.data;
  const active = isActive(data);
  const executed = new Set(data.steps.map((step) => step.stepId));
  const planned = (version.data?.steps ?? []).filter((step) => !executed.has(step.id));
  const cancelling = cancel.isPending || (active && cancel.isSuccess);

  return (
    <section className="run-details" aria-label="Run">
      <div className="run-header">
        <div>
          <Heading className="run-title">
            <RunStatusBadge status={data.status} />{' '}
            {isAdmin ? <Link href={`/dataflows/${encodeURIComponent(data.dataflowKey)}`}>{data.dataflowName}</Link> : data.dataflowName}
          </Heading>
          <p className="muted run-subtitle">
            <code>{data.dataflowKey}</code> · version {data.version} · {triggerLabels[data.trigger]} · run <code>{data.id}</code>
          </p>
        </div>
        <div className="run-actions">
          {active && events === 'live' && (
            <span className="live-indicator" role="status">
              Live
            </span>
          )}
          {active && events === 'unavailable' && (
            <span className="muted" role="status">
              Live updates unavailable: refreshing every 2 s
            </span>
          )}
          {active && isAdmin && (
            <button type="button" className="button danger" disabled={cancelling} onClick={() => cancel.mutate(data.id)}>
              {cancelling ? 'Cancelling…' : 'Cancel run'}
            </button>
          )}
        </div>
      </div>

      {cancel.isError && <ProblemCallout title="The run was not cancelled." error={cancel.error} onDismiss={() => cancel.reset()} />}
      {data.error && (
        <div className="callout error" role="alert">
          <strong>{data.status === 'cancelled' ? 'Cancelled.' : 'The run failed.'}</strong> {data.error.message}
          {data.error.stepName && <> (step “{data.error.stepName}”)</>}
        </div>
      )}

      <dl className="facts run-facts">
        <dt>Created</dt>
        <dd>{formatDateTime(data.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(data.startedAt, data.status === 'queued' ? 'Waiting for a worker…' : '—')}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(data.finishedAt, active ? 'Still running' : '—')}</dd>
        <dt>Duration</dt>
        <dd>{data.durationMs !== null ? formatDuration(data.durationMs) : '—'}</dd>
        {active && (
          <>
            <dt>Deadline</dt>
            <dd>{formatDateTime(data.deadlineAt)}</dd>
          </>
        )}
      </dl>

      <div className="run-io">
        <JsonDetails title="Input" value={data.input} empty="No input." />
        <JsonDetails
          title="Output"
          value={data.output}
          open={data.status === 'succeeded'}
          empty={active ? 'The output appears when the run has finished.' : 'No output.'}
        />
      </div>

      <h3 className="run-steps-title">Steps</h3>
      {data.steps.length === 0 && planned.length === 0 ? (
        <p className="empty">{active ? 'No step has started yet.' : 'No step ran.'}</p>
      ) : (
        <ol className="step-runs" aria-label="Steps">
          {data.steps.map((step, index) => (
            <StepRunCard key={step.stepId} step={step} position={index + 1} />
          ))}
          {planned.map((step, index) => (
            <PlannedStepCard key={step.id} name={step.name} type={step.type} position={data.steps.length + index + 1} waiting={active} />
          ))}
        </ol>
      )}
    </section>
  );
}
