import { parentPort, workerData } from 'node:worker_threads';
import { GuardedQuickJS } from './guarded-quickjs';
import { executeScript, PreparedVm, type ScriptOutcome } from './execute-script';
import type { RunMessage, SandboxWorkerData, WorkerMessage } from './worker-protocol';

/** WebAssembly memory never shrinks; past this, the worker is replaced after its run. */
const RETIRE_AT_HEAP_BYTES = 64 * 1024 * 1024;

/**
 * The sandbox worker thread: one QuickJS WebAssembly instance, one script at a time. The
 * host kills the thread when a script outlives its time limit inside a long native call,
 * where QuickJS's interrupt handler is not consulted.
 */
async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker-main must run in a worker thread');
  const { wasmModule } = workerData as SandboxWorkerData;
  const guarded = await GuardedQuickJS.load(wasmModule);
  // Preparing the next VM while idle takes runtime creation (most of a run's cost) off the
  // path of the next request. A prepared VM is never reused, so nothing survives a run.
  let prepared = PreparedVm.create(guarded);
  let retired = false;

  port.on('message', ({ id, request }: RunMessage) => {
    if (retired) return;
    const vm = prepared;
    const startedAt = performance.now();
    let outcome: ScriptOutcome;
    try {
      outcome = executeScript(guarded, vm, request);
    } catch (error) {
      retired = true;
      outcome = { ok: false, error: brokenInstanceError(error), logs: vm.collectLogs(), durationMs: performance.now() - startedAt };
    }
    const replaceWorker = retired || guarded.heapBytes > RETIRE_AT_HEAP_BYTES;
    port.postMessage({ type: 'result', id, outcome, replaceWorker } satisfies WorkerMessage);
    if (replaceWorker) {
      retired = true;
      return;
    }
    try {
      vm.dispose();
      prepared = PreparedVm.create(guarded);
    } catch {
      retired = true;
      port.postMessage({ type: 'replace-worker' } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

function brokenInstanceError(error: unknown): Extract<ScriptOutcome, { ok: false }>['error'] {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof RangeError && /call stack/i.test(cause.message)) {
    return { kind: 'memory', message: 'The script nested too deeply and exhausted the sandbox stack.' };
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { kind: 'memory', message: `The sandbox failed while running the script: ${detail}` };
}

void serve();
