import type { Step } from '@conflux/contracts';
import { getPath, setPath } from '../dataflows/model-path';
import { cloneModel, type JsonValue, type Model } from '../model';
import { runScript } from '../sandbox';
import { evaluateCondition, evaluateMapping } from './mapping';
import { StepError, type StepContext, type StepOutcome } from './step-context';

type Of<T extends Step['type']> = StepContext<Extract<Step, { type: T }>>;

export async function inputStep({ step, input }: Of<'input'>): Promise<StepOutcome> {
  return { model: step.config.mode === 'empty' ? {} : cloneModel(input) };
}

/** Runs the admin's JavaScript in the QuickJS sandbox; `item` is the model it may change. */
export async function executeScriptStep({ step, model }: Of<'execute_script'>): Promise<StepOutcome> {
  const result = await runScript({ code: step.config.code, input: model, timeoutMs: step.config.timeoutMs });
  if (!result.ok) {
    const where = result.error.line ? ` (line ${result.error.line})` : '';
    throw new StepError(`Script ${result.error.kind === 'script' ? 'error' : result.error.kind}: ${result.error.message}${where}`, {
      line: result.error.line,
      response: { logs: result.logs },
    });
  }
  const item = result.item;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new StepError('The script must leave `item` an object.');
  return { model: item as Model, logs: result.logs, response: result.logs.length ? { logs: result.logs } : undefined };
}

export async function transformModelStep({ step, model }: Of<'transform_model'>): Promise<StepOutcome> {
  const next: Model = step.config.keepModel ? model : {};
  for (const [index, field] of step.config.fields.entries()) {
    const value = await evaluateMapping(field.value, model, `fields[${index}] ${field.path}`);
    if (value !== undefined) setPath(next, field.path, value);
  }
  return { model: next };
}

export async function filterStep({ step, model }: Of<'filter'>): Promise<StepOutcome> {
  return { model: (await evaluateCondition(step.config.condition, model)) ? model : null };
}

export async function writeResponseStep({ step, model }: Of<'write_response'>): Promise<StepOutcome> {
  if (step.config.mode === 'model') return { model, output: cloneModel(model) };
  const output: Model = {};
  for (const [index, field] of step.config.fields.entries()) {
    const value = await evaluateMapping(field.value, model, `fields[${index}] ${field.path}`);
    if (value !== undefined) setPath(output, field.path, value);
  }
  return { model, output };
}

export async function updateEntryStep({ step, model, services }: Of<'update_entry'>): Promise<StepOutcome> {
  const { componentId, operation, resultStoreField } = step.config;
  const data: Record<string, JsonValue> = {};
  for (const field of step.config.fields) {
    const value = await evaluateMapping(field.value, model, `fields.${field.property}`);
    if (value !== undefined) data[field.property] = value;
  }
  let recordId: string | undefined;
  if (operation !== 'create') {
    const id = step.config.recordId ? await evaluateMapping(step.config.recordId, model, 'recordId') : undefined;
    if (typeof id !== 'string' || !id) throw new StepError(`recordId: expected the id of the record to ${operation}, got ${JSON.stringify(id ?? null)}`);
    recordId = id;
  }
  const id =
    operation === 'create'
      ? await services.records.create(componentId, data)
      : operation === 'update'
        ? await services.records.update(componentId, recordId!, data)
        : await services.records.delete(componentId, recordId!);
  setPath(model, resultStoreField, id);
  return { model, request: { operation, componentId, recordId: recordId ?? null, data } as JsonValue, response: { id } };
}

export { getPath };
