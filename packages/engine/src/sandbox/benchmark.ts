import { runScript, shutdownSandbox, warmUpSandbox } from './run-script';

import { setTimeout as sleep } from 'node:timers/promises';

const TRIVIAL_SCRIPT = { code: 'item.seen = true; return item.n + 1;', input: { n: 1 } };

export interface SandboxOverhead {
  /** Runs back to back: includes the worker preparing the next VM between runs. */
  backToBackMs: number;
  /** Runs that find the worker idle with a VM prepared, as scattered step runs do. */
  idleWorkerMs: number;
  /** Time inside the worker, from the request to the serialised result. */
  insideWorkerMs: number;
}

/**
 * Per-run overhead of the sandbox for a trivial script. Not a test: timings depend on the
 * machine and its load.
 *
 *   npm run build -w @conflux/engine && node packages/engine/dist/sandbox/benchmark.js
 */
export async function measureSandboxOverhead(runs = 200): Promise<SandboxOverhead> {
  await warmUpSandbox();
  for (let warmUp = 0; warmUp < 20; warmUp++) await runScript(TRIVIAL_SCRIPT);

  let insideWorkerMs = 0;
  const startedAt = performance.now();
  for (let run = 0; run < runs; run++) insideWorkerMs += durationInWorker(await runScript(TRIVIAL_SCRIPT));
  const backToBackMs = (performance.now() - startedAt) / runs;

  let idleTotalMs = 0;
  for (let run = 0; run < runs; run++) {
    await sleep(5);
    const runStartedAt = performance.now();
    durationInWorker(await runScript(TRIVIAL_SCRIPT));
    idleTotalMs += performance.now() - runStartedAt;
  }
  return { backToBackMs, idleWorkerMs: idleTotalMs / runs, insideWorkerMs: insideWorkerMs / runs };
}

function durationInWorker(result: Awaited<ReturnType<typeof runScript>>): number {
  if (!result.ok) throw new Error(`benchmark script failed: ${result.error.message}`);
  return result.durationMs;
}

if (require.main === module) {
  measureSandboxOverhead()
    .then(({ backToBackMs, idleWorkerMs, insideWorkerMs }) => {
      console.log(
        `runScript, trivial script, mean of 200: ${idleWorkerMs.toFixed(3)} ms on an idle worker, ` +
          `${backToBackMs.toFixed(3)} ms back to back, ${insideWorkerMs.toFixed(3)} ms of it inside the worker`,
      );
    })
    .finally(() => shutdownSandbox());
}
