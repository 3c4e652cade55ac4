import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileQuickJSWasm } from './guarded-quickjs';
import { timeoutError, type ScriptOutcome, type ScriptRequest } from './execute-script';
import type { CompiledWasm } from './webassembly';
import type { RunMessage, SandboxWorkerData, WorkerMessage } from './worker-protocol';

/**
 * How long past its time limit a script may keep a worker before the thread is killed.
 * QuickJS only checks its deadline between bytecodes, so one long native call (a huge
 * `repeat`, `sort` or `JSON.stringify`, in a loop) could otherwise hold it for minutes.
 */
const HARD_KILL_GRACE_MS = 250;

// Run from compiled JavaScript, the worker loads worker-main.js directly. Run from the
// TypeScript sources (Jest, which does not reach into worker threads), it compiles them
// with the same SWC that Jest uses.
const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.typescriptCompilerPath) {
  const { readFileSync } = require('node:fs');
  const { transformSync } = require(workerData.typescriptCompilerPath);
  require.extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}
require(workerData.entryPath);
`;

type BootstrapData = SandboxWorkerData & { entryPath: string; typescriptCompilerPath?: string };

class SandboxWorker {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private nextRunId = 0;
  private pending?: { id: number; timer: NodeJS.Timeout; startedAt: number; settle: (outcome: ScriptOutcome) => void };
  private alive = true;

  constructor(
    wasmModule: CompiledWasm,
    private readonly onDeath: (worker: SandboxWorker) => void,
  ) {
    const runningFromSource = extname(__filename) === '.ts';
    const workerData: BootstrapData = {
      wasmModule,
      entryPath: join(__dirname, `worker-main${extname(__filename)}`),
      typescriptCompilerPath: runningFromSource ? require.resolve('@swc/core') : undefined,
    };
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData, resourceLimits: { stackSizeMb: 4 } });
    this.worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve();
        else this.onMessage(message);
      });
      this.worker.on('error', (error) => {
        reject(error);
        this.die(`The sandbox worker failed: ${error.message}`);
      });
      this.worker.on('exit', (code) => {
        reject(new Error(`The sandbox worker exited with code ${code} before it was ready`));
        this.die(`The sandbox worker exited with code ${code}`);
      });
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  run(request: ScriptRequest): Promise<ScriptOutcome> {
    if (!this.alive) throw new Error('The sandbox worker is no longer running');
    return new Promise<ScriptOutcome>((resolve) => {
      const id = ++this.nextRunId;
      const startedAt = performance.now();
      const timer = setTimeout(() => {
        this.settle({
          ok: false,
          error: timeoutError(request.timeoutMs),
          logs: [],
          durationMs: performance.now() - startedAt,
        });
        this.terminate();
      }, request.timeoutMs + HARD_KILL_GRACE_MS);
      this.pending = { id, timer, startedAt, settle: resolve };
      this.worker.ref();
      this.worker.postMessage({ id, request } satisfies RunMessage);
    });
  }

  terminate(): void {
    this.die('The sandbox was shut down');
    void this.worker.terminate();
  }

  private onMessage(message: Exclude<WorkerMessage, { type: 'ready' }>): void {
    if (message.type === 'result' && message.id === this.pending?.id) this.settle(message.outcome);
    if (message.type === 'replace-worker' || (message.type === 'result' && message.replaceWorker)) this.terminate();
  }

  private settle(outcome: ScriptOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (this.alive) this.worker.unref();
    pending.settle(outcome);
  }

  private die(reason: string): void {
    if (this.pending) {
      const durationMs = performance.now() - this.pending.startedAt;
      this.settle({ ok: false, error: { kind: 'memory', message: reason }, logs: [], durationMs });
    }
    if (!this.alive) return;
    this.alive = false;
    this.onDeath(this);
  }
}

interface Waiter {
  resolve: (worker: SandboxWorker) => void;
  reject: (error: unknown) => void;
}

/**
 * Sandbox worker threads, started on demand and kept while the process lives (unref'd, so
 * they never hold it open). Each runs one script at a time; further scripts queue.
 */
export class SandboxPool {
  private wasmModule?: Promise<CompiledWasm>;
  private readonly workers = new Set<SandboxWorker>();
  private idle: SandboxWorker[] = [];
  private starting = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private maxWorkers: number) {}

  setMaxWorkers(maxWorkers: number): void {
    this.maxWorkers = maxWorkers;
    this.dispatch();
  }

  async run(request: ScriptRequest): Promise<ScriptOutcome> {
    const worker = await this.acquire();
    try {
      return await worker.run(request);
    } finally {
      this.release(worker);
    }
  }

  /** Starts one worker now, so the first script does not pay for it. */
  async warmUp(): Promise<void> {
    this.release(await this.acquire());
  }

  async shutdown(): Promise<void> {
    const error = new Error('The sandbox was shut down');
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    for (const worker of [...this.workers]) worker.terminate();
    this.idle = [];
  }

  private acquire(): Promise<SandboxWorker> {
    return new Promise<SandboxWorker>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.dispatch();
    });
  }

  private release(worker: SandboxWorker): void {
    if (worker.isAlive) this.idle.push(worker);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.waiters.length > 0) {
      const worker = this.idle.pop();
      if (worker) {
        this.waiters.shift()?.resolve(worker);
        continue;
      }
      if (this.workers.size + this.starting >= this.maxWorkers) return;
      // Waiters beyond those a starting worker will serve keep waiting.
      if (this.starting >= this.waiters.length) return;
      this.startWorker();
    }
  }

  private startWorker(): void {
    this.starting += 1;
    this.loadWasm()
      .then(async (wasmModule) => {
        const worker = new SandboxWorker(wasmModule, (dead) => this.forget(dead));
        this.workers.add(worker);
        await worker.ready;
        return worker;
      })
      .then(
        (worker) => {
          this.starting -= 1;
          this.release(worker);
        },
        (error: unknown) => {
          this.starting -= 1;
          this.waiters.shift()?.reject(error);
          this.dispatch();
        },
      );
  }

  private forget(worker: SandboxWorker): void {
    this.workers.delete(worker);
    this.idle = this.idle.filter((candidate) => candidate !== worker);
    this.dispatch();
  }

  private loadWasm(): Promise<CompiledWasm> {
    this.wasmModule ??= compileQuickJSWasm().catch((error: unknown) => {
      this.wasmModule = undefined;
      throw error;
    });
    return this.wasmModule;
  }
}
