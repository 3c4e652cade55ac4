import type { JsonValue } from '../model';
import {
  compileExpression,
  evaluateExpression,
  ExpressionError,
  toJson,
  type EvaluateOptions,
  type ExpressionErrorKind,
} from './expression';

/** One entry of a mapping: a JSONata expression over the model, or a value used as it is. */
export type MappingEntry = { kind: 'expression'; source: string } | { kind: 'literal'; value: unknown };

export interface MappingError {
  key: string;
  kind: ExpressionErrorKind;
  message: string;
  position?: number;
}

export type MapValuesResult =
  | { ok: true; values: Record<string, JsonValue> }
  /** `values` holds the entries that did evaluate. */
  | { ok: false; values: Record<string, JsonValue>; errors: MappingError[] };

/**
 * Evaluates every entry of a mapping against the model and collects every failure with
 * its key, so that one run reports all broken fields at once. Entries that select nothing
 * are left out, as JSON leaves out undefined. Literals are copied, never shared.
 *
 * Entries are evaluated one after another: each expression's time limit is wall-clock,
 * and evaluating them interleaved would charge one entry for another's time.
 */
export async function mapValues(
  mapping: Record<string, MappingEntry>,
  model: unknown,
  options: EvaluateOptions = {},
): Promise<MapValuesResult> {
  const values: Record<string, JsonValue> = {};
  const errors: MappingError[] = [];
  for (const [key, entry] of Object.entries(mapping)) {
    try {
      const value = entry.kind === 'literal' ? toJson(entry.value) : await evaluateExpression(entry.source, model, options);
      if (value !== undefined) setOwn(values, key, value);
    } catch (error) {
      errors.push(mappingError(key, error));
    }
  }
  return errors.length === 0 ? { ok: true, values } : { ok: false, values, errors };
}

export interface ExpressionToValidate {
  /** Where the expression sits in the document being saved, e.g. ['steps', 2, 'config', 'condition']. */
  path: (string | number)[];
  source: string;
}

export interface ExpressionIssue {
  path: (string | number)[];
  message: string;
  position?: number;
}

/** Every expression of the list that does not parse, with its path and the reason. */
export function validateExpressions(list: ExpressionToValidate[]): ExpressionIssue[] {
  const issues: ExpressionIssue[] = [];
  for (const { path, source } of list) {
    const compiled = compileExpression(source);
    if (compiled.ok) continue;
    const { message, position } = compiled.error;
    issues.push(
      position === undefined
        ? { path, message }
        : { path, message: `${message} (at character ${position})`, position },
    );
  }
  return issues;
}

function mappingError(key: string, error: unknown): MappingError {
  if (!(error instanceof ExpressionError)) {
    return { key, kind: 'evaluation', message: error instanceof Error ? error.message : String(error) };
  }
  const mapped: MappingError = { key, kind: error.kind, message: error.message };
  if (error.position !== undefined) mapped.position = error.position;
  return mapped;
}

/** A key named "__proto__" becomes an ordinary property instead of replacing the prototype. */
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
