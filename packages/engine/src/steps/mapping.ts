import type { MappingValue } from '@conflux/contracts';
import { evaluateExpression } from '../expressions';
import type { JsonValue } from '../model';
import { StepError } from './step-context';

/** A mapping value over the model: the literal as given, or the expression's result. */
export async function evaluateMapping(value: MappingValue, model: unknown, field: string): Promise<JsonValue | undefined> {
  if (value.kind === 'literal') return value.value as JsonValue;
  try {
    return (await evaluateExpression(value.source, model)) as JsonValue | undefined;
  } catch (error) {
    throw new StepError(`${field}: ${(error as Error).message}`);
  }
}

export async function evaluateCondition(source: string, model: unknown): Promise<boolean> {
  try {
    return Boolean(await evaluateExpression(source, model));
  } catch (error) {
    throw new StepError(`condition: ${(error as Error).message}`);
  }
}
