import type { JsonValue } from '../model';

export const DEFAULT_SCRIPT_TIMEOUT_MS = 1_000;
export const DEFAULT_SCRIPT_MEMORY_LIMIT_BYTES = 16 * 1024 * 1024;
/**
 * About 1,300 frames of plain recursion. The QuickJS interpreter also uses the thread's
 * native stack (4 MiB in a sandbox worker); this leaves it a wide margin.
 */
export const DEFAULT_SCRIPT_MAX_STACK_BYTES = 256 * 1024;
export const DEFAULT_SCRIPT_OUTPUT_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_SCRIPT_MAX_LOG_LINES = 100;
/** Longer `console.log` lines are cut, so a log line cannot smuggle a whole model out. */
export const MAX_LOG_LINE_LENGTH = 2_000;
export const MAX_SCRIPT_SOURCE_LENGTH = 1024 * 1024;

export interface RunScriptOptions {
  /** The body of a function: it may read and change the global `item`, and may `return` a value. */
  code: string;
  /** Deep-copied into the sandbox as JSON and exposed there as the global `item`. */
  input?: JsonValue;
  timeoutMs?: number;
  /** Heap of the script's VM: its runtime, the parsed input and everything the script allocates. */
  memoryLimitBytes?: number;
  maxStackBytes?: number;
  /** Limit on the serialised `{ item, returned }` the script hands back. */
  outputLimitBytes?: number;
  maxLogLines?: number;
}

/**
 * - `script`: the code did not compile or threw (line and column point into the user's code).
 * - `timeout`: ran past `timeoutMs`.
 * - `memory`: ran out of its heap or stack.
 * - `output`: the item or return value is not JSON (a cycle, a BigInt) or is too large.
 */
export type ScriptErrorKind = 'script' | 'timeout' | 'memory' | 'output';

export interface ScriptError {
  kind: ScriptErrorKind;
  message: string;
  /** The constructor name of what the script threw, e.g. `TypeError`. */
  name?: string;
  /** 1-based, in the user's code. */
  line?: number;
  /** 1-based, in the user's code. */
  column?: number;
}

export type ScriptResult =
  | {
      ok: true;
      /** The global `item` after the script ran, as JSON.stringify would have kept it. */
      item: JsonValue | undefined;
      returned: JsonValue | undefined;
      logs: string[];
      durationMs: number;
    }
  | { ok: false; error: ScriptError; logs: string[]; durationMs: number };
