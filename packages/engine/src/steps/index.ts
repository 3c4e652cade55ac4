import type { Step } from '@conflux/contracts';
import { executeApiCallStep } from './execute-api-call';
import { executeScriptStep, filterStep, inputStep, transformModelStep, updateEntryStep, writeResponseStep } from './simple-steps';
import type { StepContext, StepOutcome } from './step-context';

const executors: { [T in Step['type']]: (context: StepContext<Extract<Step, { type: T }>>) => Promise<StepOutcome> } = {
  input: inputStep,
  execute_script: executeScriptStep,
  execute_api_call: executeApiCallStep,
  transform_model: transformModelStep,
  filter: filterStep,
  update_entry: updateEntryStep,
  write_response: writeResponseStep,
};

export function executeStep(context: StepContext): Promise<StepOutcome> {
  const execute = executors[context.step.type] as (context: StepContext) => Promise<StepOutcome>;
  return execute(context);
}

/** Steps that may take long (network, scripts) are recorded as running before they start. */
export const SLOW_STEP_TYPES: ReadonlySet<Step['type']> = new Set(['execute_api_call', 'execute_script', 'update_entry']);

export * from './step-context';
export { statusMatches, truncateForTrace } from './execute-api-call';
export { evaluateMapping } from './mapping';
