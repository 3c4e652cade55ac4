import { availableParallelism } from 'node:os';
import type { JsonValue } from '../model';
import type { ScriptRequest } from './execute-script';
import {
  DEFAULT_SCRIPT_MAX_LOG_LINES,
  DEFAULT_SCRIPT_MAX_STACK_BYTES,
  DEFAULT_SCRIPT_MEMORY_LIMIT_BYTES,
  DEFAULT_SCRIPT_OUTPUT_LIMIT_BYTES,
  DEFAULT_SCRIPT_TIMEOUT_MS,
  MAX_SCRIPT_SOURCE_LENGTH,
  type RunScriptOptions,
  type ScriptResult,
} from './types';
import { SandboxPool } from './worker-pool';

export interface SandboxSettings {
  /** Scripts that may run at the same time, each in its own worker thread. */
  maxWorkers: number;
}

// At least two, so one slow script does not hold up every other run.
let settings: SandboxSettings = { maxWorkers: Math.min(4, Math.max(2, availableParallelism() - 1)) };
let pool: SandboxPool | undefined;

export function configureSandbox(changes: Partial<SandboxSettings>): void {
  if (changes.maxWorkers !== undefined) requirePositiveInteger('maxWorkers', changes.maxWorkers);
  settings = { ...settings, ...changes };
  pool?.setMaxWorkers(settings.maxWorkers);
}

/** Starts a sandbox worker ahead of the first script (at start-up, or before a benchmark). */
export async function warmUpSandbox(): Promise<void> {
  await sandboxPool().warmUp();
}

/** Stops every sandbox worker; scripts still queued fail. The next runScript starts afresh. */
export async function shutdownSandbox(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  await stopping?.shutdown();
}

/**
 * Runs user JavaScript in QuickJS (WebAssembly) inside a worker thread: a fresh runtime per
 * call, no host objects, no timers, modules, network or files, and limits on time, heap,
 * stack and output. The script sees its input as the global `item`, may change it, and may
 * `return` a value; the display function of a component uses the same call and returns its
 * view description.
 *
 * Resolves with `ok: false` for anything the script does wrong; throws only for a caller
 * error (invalid options, an input that is not JSON) or when no sandbox can be started.
 */
export async function runScript(options: RunScriptOptions): Promise<ScriptResult> {
  const request = toRequest(options);
  if (request.code.length > MAX_SCRIPT_SOURCE_LENGTH) {
    const message = `The script is longer than ${MAX_SCRIPT_SOURCE_LENGTH} characters.`;
    return { ok: false, error: { kind: 'script', message }, logs: [], durationMs: 0 };
  }
  const inputBytes = request.inputJson === undefined ? 0 : Buffer.byteLength(request.inputJson);
  // Parsed, JSON takes more room than its text: such an input could never load.
  if (inputBytes > request.memoryLimitBytes / 2) {
    const message = `The input (${inputBytes} bytes of JSON) is too large for the script's ${request.memoryLimitBytes} byte memory limit.`;
    return { ok: false, error: { kind: 'memory', message }, logs: [], durationMs: 0 };
  }
  const outcome = await sandboxPool().run(request);
  if (!outcome.ok) return outcome;
  const output = JSON.parse(outcome.outputJson) as { item?: JsonValue; returned?: JsonValue };
  return { ok: true, item: output.item, returned: output.returned, logs: outcome.logs, durationMs: outcome.durationMs };
}

function sandboxPool(): SandboxPool {
  pool ??= new SandboxPool(settings.maxWorkers);
  return pool;
}

function toRequest(options: RunScriptOptions): ScriptRequest {
  if (typeof options.code !== 'string') throw new TypeError('runScript: code must be a string');
  let inputJson: string | undefined;
  try {
    inputJson = JSON.stringify(options.input);
  } catch (error) {
    throw new TypeError(`runScript: input is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return {
    code: options.code,
    inputJson,
    timeoutMs: requirePositiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS),
    memoryLimitBytes: requirePositiveInteger('memoryLimitBytes', options.memoryLimitBytes ?? DEFAULT_SCRIPT_MEMORY_LIMIT_BYTES),
    maxStackBytes: requirePositiveInteger('maxStackBytes', options.maxStackBytes ?? DEFAULT_SCRIPT_MAX_STACK_BYTES),
    outputLimitBytes: requirePositiveInteger('outputLimitBytes', options.outputLimitBytes ?? DEFAULT_SCRIPT_OUTPUT_LIMIT_BYTES),
    maxLogLines: requireNonNegativeInteger('maxLogLines', options.maxLogLines ?? DEFAULT_SCRIPT_MAX_LOG_LINES),
  };
}

function requirePositiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`runScript: ${name} must be a positive integer`);
  return value;
}

function requireNonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`runScript: ${name} must be a non-negative integer`);
  return value;
}
