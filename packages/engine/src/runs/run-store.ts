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

export interface RunFinish {
  status: 'succeeded' | 'failed' | 'cancelled';
  output?: JsonValue;
  error?: { message: string; stepId?: string; stepName?: string };
}

/**
 * Where a run's progress is kept. Steps with effects outside the run (API calls, record
 * writes, scripts) are durable before the engine goes on, so a worker that dies mid-run
 * repeats at most the step it was executing. Pure steps (Input, Transform, Filter, Write
 * response) are written together with the next durable write: repeating them is harmless,
 * and it saves a transaction each.
 */
export interface RunStore {
  recordedSteps(runId: string): Promise<Map<string, RecordedStep>>;
  /**
   * Writes the records in one transaction, and with `finish`, the run's outcome too.
   * `durable`: the write records a step whose effect must never be repeated (an API call or
   * a record write that succeeded) and must survive even a crash of Postgres itself. Other
   * writes are replayable (the engine re-executes what they describe) and may skip the wait
   * for the disk flush.
   */
  saveSteps(runId: string, records: StepRecord[], finish?: RunFinish, options?: { durable?: boolean }): Promise<void>;
}
