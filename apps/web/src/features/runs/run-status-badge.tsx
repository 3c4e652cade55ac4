import type { RunStatus, StepRunView } from '@conflux/contracts';
import { statusLabels } from './run-status';

/** A run's or a step's status; a spinner while it is running. */
export function RunStatusBadge({ status }: { status: RunStatus | StepRunView['status'] }) {
  return (
    <span className={`pill run-status ${status}`}>
      {status === 'running' && <span className="spinner" aria-hidden />}
      {statusLabels[status]}
    </span>
  );
}
