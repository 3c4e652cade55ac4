import type { JsonValue, Model } from '../model';

export type StepRunStatus = 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface RecordedStep {
  stepId: string;
  status: StepRunStatus;
  attempts: number;
  modelAfter: Model | null;
  /** Write response's output, kept so that a resumed run still returns it. */
  output?: JsonValue;
}

export interface StepRecord {
  stepId: string;
  stepName: string;
  stepType: string;
  status: StepRunStatus;
  attempts: number;
  modelBefore?: Model | null;
  modelAfter?: Model | null;
  request?: JsonValue;
  response?: JsonValue;
  error?: JsonValue;
  startedAt: Date;
  finishedAt?: Date;
}

/**
 * Where a run's progress is kept. Every write is durable before the engine goes on, so a
 * worker that dies mid-run loses at most the step it was executing.
 */
export interface RunStore {
  recordedSteps(runId: string): Promise<Map<string, RecordedStep>>;
  saveStep(runId: string, record: StepRecord): Promise<void>;
}
