export { runScript, configureSandbox, warmUpSandbox, shutdownSandbox, type SandboxSettings } from './run-script';
export {
  DEFAULT_SCRIPT_TIMEOUT_MS,
  DEFAULT_SCRIPT_MEMORY_LIMIT_BYTES,
  DEFAULT_SCRIPT_MAX_STACK_BYTES,
  DEFAULT_SCRIPT_OUTPUT_LIMIT_BYTES,
  DEFAULT_SCRIPT_MAX_LOG_LINES,
  type RunScriptOptions,
  type ScriptError,
  type ScriptErrorKind,
  type ScriptResult,
} from './types';
