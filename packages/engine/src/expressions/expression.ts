import jsonata from 'jsonata';
import type { JsonValue } from '../model';

export const DEFAULT_EXPRESSION_TIMEOUT_MS = 500;
/** JSONata's evaluation depth: nested sub-expressions and function calls both count. */
export const DEFAULT_EXPRESSION_MAX_DEPTH = 100;
export const MAX_EXPRESSION_SOURCE_LENGTH = 100_000;
/**
 * No sub-expression may produce a longer string. Several JSONata functions ($length,
 * $substring, $split, $pad) turn a string into an array of its characters, and past about
 * 130 million elements V8 aborts the whole process instead of throwing.
 */
export const MAX_EXPRESSION_STRING_LENGTH = 10_000_000;

export interface EvaluateOptions {
  timeoutMs?: number;
  maxDepth?: number;
}

/**
 * - `syntax`: the expression does not parse.
 * - `evaluation`: it parsed but failed on this model (a type error, $error(), ...).
 * - `timeout` / `depth`: it ran too long or recursed too deep.
 * - `limit`: it tried to build a string larger than MAX_EXPRESSION_STRING_LENGTH.
 */
export type ExpressionErrorKind = 'syntax' | 'evaluation' | 'timeout' | 'depth' | 'limit';

export interface ExpressionErrorDetails {
  /** JSONata's error code, e.g. S0203 or T2001. */
  code?: string;
  /** 1-based index in the source of the last character of the offending token, as JSONata counts. */
  position?: number;
  token?: string;
}

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  readonly code?: string;
  readonly position?: number;
  readonly token?: string;

  constructor(
    readonly kind: ExpressionErrorKind,
    message: string,
    details: ExpressionErrorDetails = {},
  ) {
    super(message);
    this.code = details.code;
    this.position = details.position;
    this.token = details.token;
  }
}

export interface ExpressionSyntaxError extends ExpressionErrorDetails {
  message: string;
}

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; error: ExpressionSyntaxError };

/**
 * A parsed JSONata expression. Safe to share between runs and evaluations: each evaluation
 * gets its own variable scope, and only stateless guards are bound to the expression.
 */
export class CompiledExpression {
  private readonly evaluators = new Map<string, jsonata.Expression>();

  /** Use compileExpression(). */
  constructor(readonly source: string) {}

  /** A JSONata instance per set of limits, because JSONata fixes them when it parses. */
  evaluatorFor(timeoutMs: number, maxDepth: number, pad: BuiltinFunction): jsonata.Expression {
    const key = `${timeoutMs}:${maxDepth}`;
    let evaluator = this.evaluators.get(key);
    if (!evaluator) {
      evaluator = jsonata(this.source, { timeout: timeoutMs, stack: maxDepth });
      // JSONata's assign() accepts its hook symbols although its typings say string.
      evaluator.assign(EVALUATE_EXIT_HOOK as unknown as string, rejectHugeStrings);
      evaluator.registerFunction('pad', guardedPad(pad.implementation), pad.signature.definition);
      this.evaluators.set(key, evaluator);
    }
    return evaluator;
  }
}

/**
 * Parses an expression. Syntax errors come back with the position of the offending token,
 * for the editor to mark and for save validation to name the step and field.
 */
export function compileExpression(source: string): CompileResult {
  if (typeof source !== 'string') return { ok: false, error: { message: 'The expression must be text' } };
  if (source.trim() === '') return { ok: false, error: { message: 'Enter an expression' } };
  if (source.length > MAX_EXPRESSION_SOURCE_LENGTH) {
    return { ok: false, error: { message: `The expression is longer than ${MAX_EXPRESSION_SOURCE_LENGTH} characters` } };
  }
  try {
    jsonata(source);
  } catch (error) {
    if (isStackOverflow(error)) return { ok: false, error: { message: 'The expression is nested too deeply' } };
    return { ok: false, error: { message: errorMessage(error), ...jsonataDetails(error) } };
  }
  return { ok: true, expression: new CompiledExpression(source) };
}

/**
 * Evaluates an expression against a model: the model is the only thing bound (as `$`),
 * no host function is registered, and the result is plain JSON (JSONata's sequences become
 * arrays, nothing in it is shared with the model). Resolves to undefined when the
 * expression selects nothing; rejects with an ExpressionError.
 *
 * The time limit is wall-clock, checked between sub-expressions: evaluations running
 * concurrently in the same process share the clock.
 */
export async function evaluateExpression(
  expression: CompiledExpression | string,
  model: unknown,
  options: EvaluateOptions = {},
): Promise<JsonValue | undefined> {
  const compiled = typeof expression === 'string' ? compileCached(expression) : expression;
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_EXPRESSION_TIMEOUT_MS);
  const maxDepth = positiveInteger('maxDepth', options.maxDepth ?? DEFAULT_EXPRESSION_MAX_DEPTH);
  const evaluator = compiled.evaluatorFor(timeoutMs, maxDepth, await builtinPad);
  let result: unknown;
  try {
    result = await evaluator.evaluate(model);
  } catch (error) {
    throw evaluationError(error, timeoutMs, maxDepth);
  }
  return toJson(result);
}

const compiledBySource = new Map<string, CompiledExpression>();
const COMPILED_CACHE_SIZE = 1_000;

/** Steps evaluate the same mapping sources run after run; parsing once is enough. */
function compileCached(source: string): CompiledExpression {
  const cached = compiledBySource.get(source);
  if (cached) {
    compiledBySource.delete(source);
    compiledBySource.set(source, cached);
    return cached;
  }
  const compiled = compileExpression(source);
  if (!compiled.ok) {
    const { message, ...details } = compiled.error;
    throw new ExpressionError('syntax', withPosition(message, details.position), details);
  }
  compiledBySource.set(source, compiled.expression);
  if (compiledBySource.size > COMPILED_CACHE_SIZE) {
    const oldest = compiledBySource.keys().next().value;
    if (oldest !== undefined) compiledBySource.delete(oldest);
  }
  return compiled.expression;
}

const EVALUATE_EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

/** Called by JSONata after every sub-expression, so a huge string never reaches a function. */
function rejectHugeStrings(_node: unknown, _input: unknown, _environment: unknown, result: unknown): void {
  if (typeof result === 'string' && result.length > MAX_EXPRESSION_STRING_LENGTH) {
    throw new ExpressionError('limit', `The expression built a string longer than ${MAX_EXPRESSION_STRING_LENGTH} characters`);
  }
}

interface BuiltinFunction {
  implementation: (this: unknown, ...args: unknown[]) => unknown;
  signature: { definition: string };
}

// JSONata hands out its own definition of $pad, which the guard below wraps.
const builtinPad = jsonata('$pad').evaluate(undefined) as Promise<BuiltinFunction>;

/** $pad builds its padding in one native call, before any sub-expression result is checked. */
function guardedPad(pad: BuiltinFunction['implementation']) {
  // JSONata reads a native function's parameter names (for partial application): keep them.
  return function (this: unknown, str: unknown, width: unknown, char: unknown): unknown {
    if (typeof width === 'number' && Math.abs(width) > MAX_EXPRESSION_STRING_LENGTH) {
      throw new ExpressionError('limit', `$pad cannot make a string longer than ${MAX_EXPRESSION_STRING_LENGTH} characters`);
    }
    return pad.call(this, str, width, char);
  };
}

function evaluationError(error: unknown, timeoutMs: number, maxDepth: number): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const details = jsonataDetails(error);
  if (details.code === 'D1012') {
    return new ExpressionError('timeout', `The expression ran longer than ${timeoutMs} ms; check for an endless loop or runaway recursion`, details);
  }
  if (details.code === 'D1011' || isStackOverflow(error)) {
    return new ExpressionError('depth', `The expression nested deeper than ${maxDepth} levels; check for runaway recursion`, details);
  }
  return new ExpressionError('evaluation', withPosition(errorMessage(error), details.position), details);
}

function jsonataDetails(error: unknown): ExpressionErrorDetails {
  if (typeof error !== 'object' || error === null) return {};
  const { code, position, token } = error as Record<string, unknown>;
  const details: ExpressionErrorDetails = {};
  if (typeof code === 'string') details.code = code;
  if (typeof position === 'number') details.position = position;
  if (typeof token === 'string') details.token = token;
  return details;
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

function withPosition(message: string, position: number | undefined): string {
  return position === undefined ? message : `${message} (at character ${position})`;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`evaluateExpression: ${name} must be a positive integer`);
  return value;
}

/**
 * JSONata's functions and lambdas are objects carrying host functions; JSON data never
 * holds a function, so that is how they are told apart from the model's own objects.
 */
function isFunctionValue(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { apply?: unknown; implementation?: unknown };
  return typeof candidate.apply === 'function' || typeof candidate.implementation === 'function';
}

/** The result as JSON.stringify would keep it, copied so that it shares nothing with the model. */
export function toJson(value: unknown): JsonValue | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value as JsonValue | undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (isFunctionValue(value)) {
    throw new ExpressionError('evaluation', 'The expression gives a function, not a value (are the parentheses of a call missing?)');
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_key, nested: unknown) => (isFunctionValue(nested) ? undefined : nested));
  } catch (error) {
    if (isStackOverflow(error)) throw new ExpressionError('depth', 'The result is nested too deeply');
    throw new ExpressionError('evaluation', `The result is not JSON: ${errorMessage(error)}`);
  }
  return json === undefined ? undefined : (JSON.parse(json) as JsonValue);
}
