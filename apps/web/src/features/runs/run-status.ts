import type { RunStatus, RunSummary, StepRunView } from '@conflux/contracts';

type AnyStatus = RunStatus | StepRunView['status'];

export const ACTIVE_STATUSES: ReadonlySet<AnyStatus> = new Set(['queued', 'running']);

/** Queued or running: the run can still change (and be cancelled). */
export const isActive = (run: Pick<RunSummary, 'status'>) => ACTIVE_STATUSES.has(run.status);

export const statusLabels: Record<AnyStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export const triggerLabels: Record<RunSummary['trigger'], string> = {
  form: 'Form',
  api: 'API',
  schedule: 'Schedule',
  editor: 'Editor test',
};

export { stepTypeLabels } from '@/features/dataflows/step-types';
