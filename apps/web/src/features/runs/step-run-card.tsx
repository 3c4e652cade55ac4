'use client';
import type { StepRunView } from '@conflux/contracts';
import { formatDuration } from '@/components/outbound-result';
import { formatDateTime } from '@/lib/format';
import { JsonDetails } from './json-block';
import { RunStatusBadge } from './run-status-badge';
import { stepTypeLabels } from './run-status';
import { StepTrace } from './step-trace';

function errorMessage(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const line = 'line' in error && typeof error.line === 'number' ? ` (line ${error.line})` : '';
    return `${error.message}${line}`;
  }
  return JSON.stringify(error);
}

/** One step of a run: status, timing, attempts, and what it saw, sent, got and made. */
export function StepRunCard({ step, position }: { step: StepRunView; position: number }) {
  const error = errorMessage(step.error);
  const title = `${position}. ${step.stepName}`;
  return (
    <li className={`step-run ${step.status}`} aria-label={`Step ${title}`}>
      <div className="step-run-header">
        <RunStatusBadge status={step.status} />
        <strong>{title}</strong>
        <span className="muted">{stepTypeLabels[step.stepType] ?? step.stepType}</span>
        <span className="step-run-facts">
          {step.durationMs !== null && <span>{formatDuration(step.durationMs)}</span>}
          {step.attempts > 0 && <span>{step.attempts === 1 ? '1 attempt' : `${step.attempts} attempts`}</span>}
          <span className="muted" title={step.startedAt}>
            {formatDateTime(step.startedAt)}
          </span>
        </span>
      </div>
      {error && (
        <div className="callout error step-run-error" role="alert">
          {error}
        </div>
      )}
      <div className="step-run-sections">
        {step.request !== null && step.request !== undefined && (
          <details>
            <summary>Request</summary>
            <StepTrace value={step.request} kind="request" />
          </details>
        )}
        {step.response !== null && step.response !== undefined && (
          <details>
            <summary>Response</summary>
            <StepTrace value={step.response} kind="response" />
          </details>
        )}
        <JsonDetails title="Model before" value={step.modelBefore} empty="No model recorded." />
        {step.status !== 'running' && <JsonDetails title="Model after" value={step.modelAfter} empty="No model: the step did not finish." />}
        {error && <JsonDetails title="Error details" value={step.error} />}
      </div>
    </li>
  );
}

/** A step of the version that the run has not reached (yet). */
export function PlannedStepCard({ name, type, position, waiting }: { name: string; type: string; position: number; waiting: boolean }) {
  const title = `${position}. ${name}`;
  return (
    <li className="step-run planned" aria-label={`Step ${title}`}>
      <div className="step-run-header">
        <span className="pill off">{waiting ? 'Waiting' : 'Not run'}</span>
        <strong>{title}</strong>
        <span className="muted">{stepTypeLabels[type] ?? type}</span>
      </div>
    </li>
  );
}
