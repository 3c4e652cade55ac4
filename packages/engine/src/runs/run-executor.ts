import type { Step } from '@conflux/contracts';
import { cloneModel, type JsonValue, type Model } from '../model';
import { executeStep, SLOW_STEP_TYPES, StepError, type EngineServices } from '../steps';
import type { RunStore, StepRecord } from './run-store';

export interface RunPlan {
  runId: string;
  steps: Step[];
  input: Model;
}

export type RunOutcome =
  | { status: 'succeeded'; output: JsonValue }
  | { status: 'failed'; error: { message: string; stepId?: string; stepName?: string } }
  | { status: 'cancelled'; error: { message: string } };

/** Why the signal was aborted: the engine reports cancellations and deadlines differently. */
export class RunCancelled extends Error {}
export class RunDeadlineExceeded extends Error {}

/**
 * Executes a run's steps in order. Each step gets a private copy of its source step's
 * output (branches never see each other's changes); a Filter that says no stops its branch
 * (the steps below it are skipped); the first failing step fails the run.
 *
 * Steps already recorded as succeeded (by an earlier attempt of a worker that died) are not
 * executed again: their recorded output model is used instead.
 */
export async function executeRun(plan: RunPlan, store: RunStore, services: EngineServices, signal: AbortSignal): Promise<RunOutcome> {
  const pending: StepRecord[] = [];
  const outcome = await executeSteps(plan, store, services, signal, pending);
  await store.saveSteps(plan.runId, pending, outcome.status === 'succeeded' ? { status: 'succeeded', output: outcome.output } : outcome);
  return outcome;
}

async function executeSteps(
  plan: RunPlan,
  store: RunStore,
  services: EngineServices,
  signal: AbortSignal,
  pending: StepRecord[],
): Promise<RunOutcome> {
  /** Durable now, with every pure step recorded since the last durable write. */
  const saveNow = (record: StepRecord) =>
    store.saveSteps(plan.runId, [...pending.splice(0), record], undefined, { durable: record.status === 'succeeded' });
  const recorded = await store.recordedSteps(plan.runId);
  const outputs = new Map<string, Model | null>();
  let output: JsonValue | undefined;
  let lastModel: Model | null = null;

  for (const step of plan.steps) {
    const previous = recorded.get(step.id);
    if (previous?.status === 'succeeded' || previous?.status === 'skipped') {
      outputs.set(step.id, previous.status === 'succeeded' ? previous.modelAfter : null);
      if (previous.output !== undefined) output = previous.output;
      if (previous.modelAfter) lastModel = previous.modelAfter;
      continue;
    }
    const sourceModel = step.sourceStepId === undefined ? plan.input : outputs.get(step.sourceStepId);
    const startedAt = new Date();
    const base = { stepId: step.id, stepName: step.name, stepType: step.type, startedAt };
    if (sourceModel === null || sourceModel === undefined) {
      outputs.set(step.id, null);
      pending.push({ ...base, status: 'skipped', attempts: 0, finishedAt: startedAt });
      continue;
    }
    const stopped = abortReason(signal);
    if (stopped) return stopped;

    const attempts = (previous?.attempts ?? 0) + 1;
    const modelBefore = cloneModel(sourceModel);
    const durable = SLOW_STEP_TYPES.has(step.type);
    if (durable) await saveNow({ ...base, status: 'running', attempts, modelBefore });
    try {
      const outcome = await executeStep({ runId: plan.runId, step, model: cloneModel(sourceModel), input: plan.input, signal, services });
      outputs.set(step.id, outcome.model);
      if (outcome.model) lastModel = outcome.model;
      if (outcome.output !== undefined) output = outcome.output;
      const record: StepRecord = {
        ...base,
        status: 'succeeded',
        attempts,
        modelBefore,
        modelAfter: outcome.model,
        request: outcome.request,
        response: outcome.output === undefined ? outcome.response : { output: outcome.output },
        finishedAt: new Date(),
      };
      if (durable) await saveNow(record);
      else pending.push(record);
    } catch (error) {
      const stoppedNow = abortReason(signal);
      const details = error instanceof StepError ? error.details : {};
      const message = stoppedNow ? stoppedNow.error.message : describe(error);
      pending.push({
        ...base,
        status: stoppedNow?.status === 'cancelled' ? 'cancelled' : 'failed',
        attempts: details.attempts ?? attempts,
        modelBefore,
        request: details.request,
        response: details.response,
        error: { message, ...(details.line ? { line: details.line } : {}) },
        finishedAt: new Date(),
      });
      if (stoppedNow) return stoppedNow;
      return { status: 'failed', error: { message, stepId: step.id, stepName: step.name } };
    }
  }
  // Without a Write response step, the caller gets the model of the last step that ran.
  return { status: 'succeeded', output: output ?? lastModel ?? {} };
}

function abortReason(signal: AbortSignal): Exclude<RunOutcome, { status: 'succeeded' }> | null {
  if (!signal.aborted) return null;
  if (signal.reason instanceof RunCancelled) return { status: 'cancelled', error: { message: 'The run was cancelled.' } };
  if (signal.reason instanceof RunDeadlineExceeded) return { status: 'failed', error: { message: 'The run passed its deadline.' } };
  return { status: 'failed', error: { message: 'The run was stopped.' } };
}

/** Step errors carry a message written for the admin; anything else is summarised without internals. */
function describe(error: unknown): string {
  if (error instanceof StepError) return error.message;
  if (error instanceof Error && error.name !== 'Error') return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
