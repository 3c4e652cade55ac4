import type { CompiledWasm } from './webassembly';
import type { ScriptOutcome, ScriptRequest } from './execute-script';

export interface SandboxWorkerData {
  wasmModule: CompiledWasm;
}

export interface RunMessage {
  id: number;
  request: ScriptRequest;
}

export type WorkerMessage =
  | { type: 'ready' }
  /**
   * `replaceWorker`: the worker's WebAssembly instance failed, or its heap grew so large
   * (a run with a high memory limit) that only ending the thread gives the memory back.
   */
  | { type: 'result'; id: number; outcome: ScriptOutcome; replaceWorker: boolean }
  | { type: 'replace-worker' };
