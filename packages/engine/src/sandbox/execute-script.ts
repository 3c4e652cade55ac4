import {
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
} from 'quickjs-emscripten';
import type { GuardedQuickJS } from './guarded-quickjs';
import { MAX_LOG_LINE_LENGTH, type ScriptError } from './types';

/** What crosses from the host to the sandbox worker: plain data, the input already JSON. */
export interface ScriptRequest {
  code: string;
  inputJson: string | undefined;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackBytes: number;
  outputLimitBytes: number;
  maxLogLines: number;
}

export type ScriptOutcome =
  | { ok: true; outputJson: string; logs: string[]; durationMs: number }
  | { ok: false; error: ScriptError; logs: string[]; durationMs: number };

/**
 * Names the user's code in QuickJS stack traces, so its frames can be told apart from the
 * harness's and from code the script passes to eval().
 */
const USER_CODE_FILE = 'user-script.js';
const HARNESS_FILE = 'harness.js';

/**
 * Runs before the user's code, in the same fresh context. It keeps its own references to
 * the built-ins it needs, so a script that replaces them cannot break the result or the
 * error report, and it hands the host only strings.
 */
const HARNESS_SOURCE = `(function (sink, maxLineLength) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const toText = String;
  const ErrorType = Error;
  const TypeErrorType = TypeError;
  const RangeErrorType = RangeError;
  const PromiseType = Promise;
  const InternalErrorType = globalThis.InternalError;
  const format = (value) => {
    try {
      if (typeof value === 'string') return value;
      if (value instanceof ErrorType) return toText(value.name) + ': ' + toText(value.message);
      const json = stringify(value);
      if (json !== undefined) return json;
    } catch (_) {}
    try { return toText(value); } catch (_) { return '[unprintable]'; }
  };
  const log = (...values) => {
    let line = '';
    for (let index = 0; index < values.length; index++) {
      line += (index ? ' ' : '') + format(values[index]);
      if (line.length > maxLineLength) break;
    }
    sink(line.length > maxLineLength ? line.slice(0, maxLineLength) + '…' : line);
  };
  globalThis.console = { log };
  return {
    start(inputJson) { globalThis.item = inputJson === undefined ? undefined : parse(inputJson); },
    isPromise(value) { return value instanceof PromiseType; },
    finish(returned, limit) {
      let json;
      try {
        json = stringify({ item: globalThis.item, returned });
      } catch (error) {
        if (InternalErrorType && error instanceof InternalErrorType) throw error;
        throw new TypeErrorType('The result cannot be serialised as JSON: ' + (error instanceof ErrorType ? toText(error.message) : format(error)));
      }
      if (json.length > limit) throw new RangeErrorType('The result is larger than ' + limit + ' bytes.');
      return json;
    },
    describe(thrown) {
      const field = (read) => { try { const value = read(); return value === undefined ? undefined : toText(value); } catch (_) { return undefined; } };
      if (thrown instanceof ErrorType || (thrown !== null && typeof thrown === 'object' && 'message' in thrown)) {
        return stringify({
          isError: true,
          name: field(() => thrown.name),
          message: field(() => thrown.message),
          stack: field(() => thrown.stack),
          fileName: field(() => thrown.fileName),
          lineNumber: field(() => thrown.lineNumber),
          columnNumber: field(() => thrown.columnNumber),
        });
      }
      return stringify({ isError: false, message: format(thrown) });
    },
  };
})`;

interface ThrownDescription {
  isError: boolean;
  name?: string;
  message?: string;
  stack?: string;
  fileName?: string;
  lineNumber?: string;
  columnNumber?: string;
}

/** Collects `console.log` lines, up to the run's limit, and counts the ones dropped. */
class LogCapture {
  private readonly lines: string[] = [];
  private dropped = 0;
  maxLines = 0;

  capture(line: string): void {
    if (this.lines.length < this.maxLines) this.lines.push(line);
    else this.dropped += 1;
  }

  collect(): string[] {
    if (this.dropped === 0) return [...this.lines];
    return [...this.lines, `… ${this.dropped} more log line(s) not captured`];
  }
}

/**
 * A runtime and context with the harness loaded, made ahead of the run that will use it
 * (the sandbox worker prepares the next one while idle). Each is used for exactly one run.
 */
export class PreparedVm {
  private constructor(
    readonly runtime: QuickJSRuntime,
    readonly context: QuickJSContext,
    readonly harness: QuickJSHandle,
    private readonly logs: LogCapture,
  ) {}

  static create(guarded: GuardedQuickJS): PreparedVm {
    const runtime = guarded.quickjs.newRuntime();
    let context: QuickJSContext | undefined;
    try {
      context = runtime.newContext();
      const vmContext = context;
      const logs = new LogCapture();
      const sink = vmContext.newFunction('log', (line) => logs.capture(vmContext.getString(line)));
      const harnessFactory = vmContext.unwrapResult(vmContext.evalCode(HARNESS_SOURCE, HARNESS_FILE));
      const maxLineLength = vmContext.newNumber(MAX_LOG_LINE_LENGTH);
      const harness = vmContext.callFunction(harnessFactory, vmContext.undefined, sink, maxLineLength);
      maxLineLength.dispose();
      harnessFactory.dispose();
      sink.dispose();
      return new PreparedVm(runtime, vmContext, vmContext.unwrapResult(harness), logs);
    } catch (error) {
      context?.dispose();
      runtime.dispose();
      throw error;
    }
  }

  startCapturingLogs(maxLogLines: number): void {
    this.logs.maxLines = maxLogLines;
  }

  collectLogs(): string[] {
    return this.logs.collect();
  }

  dispose(): void {
    if (this.harness.alive) this.harness.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }
}

/**
 * Thrown by QuickJS calls when the WebAssembly instance itself failed (the native stack ran
 * out inside it, or it aborted). Its state is then undefined: the owner must discard it.
 */
export class SandboxInstanceBroken extends Error {
  override name = 'SandboxInstanceBroken';
}

/**
 * Runs one script to completion, synchronously, in a prepared VM. Never throws for anything
 * the script does; throws SandboxInstanceBroken when the WebAssembly instance failed.
 * The caller disposes `vm` afterwards.
 */
export function executeScript(guarded: GuardedQuickJS, vm: PreparedVm, request: ScriptRequest): ScriptOutcome {
  const startedAt = performance.now();
  const reachedDeadline = shouldInterruptAfterDeadline(Date.now() + request.timeoutMs);
  let interrupted = false;
  vm.runtime.setInterruptHandler((runtime) => {
    if (!reachedDeadline(runtime)) return false;
    interrupted = true;
    return true;
  });
  vm.runtime.setMemoryLimit(request.memoryLimitBytes);
  vm.runtime.setMaxStackSize(request.maxStackBytes);
  vm.startCapturingLogs(request.maxLogLines);

  const handles = new HandleBag();
  let ended: ScriptEnd;
  let heapExhausted = false;
  let outputJson: string | undefined;
  let failure: { error: ScriptError; outOfMemory: boolean } | undefined;
  try {
    // Strings the host copies into the heap are written without a NULL check by
    // quickjs-emscripten, so they are allocated before the heap ceiling is set. Everything
    // inside the window allocates through QuickJS, which handles a refused allocation.
    const loaded = loadScript(vm, request, handles);
    if (loaded.ok) {
      const run = guarded.withHeapBudget(request.memoryLimitBytes, () => runLoadedScript(vm, request, loaded, handles));
      ended = run.value;
      heapExhausted = run.heapExhausted;
    } else {
      ended = loaded;
    }
    if (ended.ok) outputJson = vm.context.getString(ended.output);
    else failure = describeEnd(vm, ended, request.code);
  } catch (cause) {
    throw new SandboxInstanceBroken(cause instanceof Error ? cause.message : String(cause), { cause });
  } finally {
    handles.dispose();
  }

  const durationMs = performance.now() - startedAt;
  const logs = vm.collectLogs();
  if (outputJson !== undefined) {
    if (Buffer.byteLength(outputJson) <= request.outputLimitBytes) return { ok: true, outputJson, logs, durationMs };
    const message = `The result is larger than ${request.outputLimitBytes} bytes.`;
    return { ok: false, error: { kind: 'output', message }, logs, durationMs };
  }
  if (interrupted) return { ok: false, error: timeoutError(request.timeoutMs), logs, durationMs };
  // A script that caught running out of memory and finished anyway has returned above.
  if (heapExhausted || !failure || failure.outOfMemory) {
    return { ok: false, error: memoryError(request.memoryLimitBytes), logs, durationMs };
  }
  return { ok: false, error: failure.error, logs, durationMs };
}

export function timeoutError(timeoutMs: number): ScriptError {
  return { kind: 'timeout', message: `The script ran longer than its ${timeoutMs} ms time limit.` };
}

function memoryError(memoryLimitBytes: number): ScriptError {
  const mebibytes = Math.round((memoryLimitBytes / (1024 * 1024)) * 10) / 10;
  return { kind: 'memory', message: `The script ran out of memory (limit ${mebibytes} MiB).` };
}

/** Every handle a run creates, disposed together whatever way the run ends. */
class HandleBag {
  private readonly handles: QuickJSHandle[] = [];

  keep<T extends QuickJSHandle>(handle: T): T {
    this.handles.push(handle);
    return handle;
  }

  dispose(): void {
    for (const handle of this.handles.splice(0)) {
      try {
        if (handle.alive) handle.dispose();
      } catch {
        // Only a broken instance fails here, and it is being discarded with its handles.
      }
    }
  }
}

type ScriptEnd =
  | { ok: true; output: QuickJSHandle }
  /** `thrown` is what the VM threw; `located` when it points into the user's code. */
  | { ok: false; kind: 'script' | 'output'; thrown: QuickJSHandle; located: boolean; prefix?: string }
  | { ok: false; error: ScriptError };

type ScriptFailure = Exclude<ScriptEnd, { ok: true }>;

type LoadedScript = { ok: true; input: QuickJSHandle; userFunction: QuickJSHandle };

function loadScript(vm: PreparedVm, request: ScriptRequest, handles: HandleBag): LoadedScript | ScriptFailure {
  const { context } = vm;
  const input = request.inputJson === undefined ? context.undefined : handles.keep(context.newString(request.inputJson));
  const compiled = context.evalCode(`(function () {\n${request.code}\n})`, USER_CODE_FILE, { type: 'global' });
  if (compiled.error) return { ok: false, kind: 'script', thrown: handles.keep(compiled.error), located: true };
  return { ok: true, input, userFunction: handles.keep(compiled.value) };
}

function runLoadedScript(vm: PreparedVm, request: ScriptRequest, loaded: LoadedScript, handles: HandleBag): ScriptEnd {
  const { context, harness } = vm;
  const call = (method: string, ...args: QuickJSHandle[]) =>
    context.callFunction(handles.keep(context.getProp(harness, method)), harness, ...args);

  const started = call('start', loaded.input);
  if (started.error) {
    return { ok: false, kind: 'script', thrown: handles.keep(started.error), located: false, prefix: 'The input could not be loaded' };
  }
  handles.keep(started.value);

  const ran = context.callFunction(loaded.userFunction, context.undefined);
  if (ran.error) return { ok: false, kind: 'script', thrown: handles.keep(ran.error), located: true };
  let returned = handles.keep(ran.value);

  const jobs = vm.runtime.executePendingJobs();
  if (jobs.error) return { ok: false, kind: 'script', thrown: handles.keep(jobs.error), located: true };

  const isPromise = call('isPromise', returned);
  if (isPromise.error) return { ok: false, kind: 'script', thrown: handles.keep(isPromise.error), located: false };
  if (context.dump(handles.keep(isPromise.value)) === true) {
    const state = context.getPromiseState(returned);
    if (state.type === 'pending') {
      const message = 'The script returned a promise that never settled (there are no timers or I/O).';
      return { ok: false, error: { kind: 'script', message } };
    }
    if (state.type === 'rejected') return { ok: false, kind: 'script', thrown: handles.keep(state.error), located: true };
    returned = handles.keep(state.value);
  }

  const finished = call('finish', returned, handles.keep(context.newNumber(request.outputLimitBytes)));
  if (finished.error) return { ok: false, kind: 'output', thrown: handles.keep(finished.error), located: false };
  return { ok: true, output: handles.keep(finished.value) };
}

function describeEnd(
  vm: PreparedVm,
  ended: ScriptFailure,
  userCode: string,
): { error: ScriptError; outOfMemory: boolean } {
  if ('error' in ended) return { error: ended.error, outOfMemory: false };
  const description = describeThrown(vm, ended.thrown);
  const outOfMemory = description.name === 'InternalError' && description.message === 'out of memory';
  const message = description.message ?? 'The script failed.';
  const error: ScriptError = { kind: ended.kind, message: ended.prefix ? `${ended.prefix}: ${message}` : message };
  // Errors of kind `output` are the harness's own wording; their class says nothing.
  if (ended.kind === 'script' && description.isError && description.name) error.name = description.name;
  if (ended.located) Object.assign(error, locateInUserCode(description, userCode));
  return { error, outOfMemory };
}

function describeThrown(vm: PreparedVm, thrown: QuickJSHandle): ThrownDescription {
  const { context, harness } = vm;
  const describe = context.getProp(harness, 'describe');
  try {
    const described = context.callFunction(describe, harness, thrown);
    if (described.error) {
      // Out of time or memory even for the report; the caller classifies by what it knows.
      described.error.dispose();
      return { isError: false };
    }
    const json = context.getString(described.value);
    described.value.dispose();
    try {
      return JSON.parse(json) as ThrownDescription;
    } catch {
      return { isError: false };
    }
  } finally {
    describe.dispose();
  }
}

const USER_FRAME = new RegExp(`${USER_CODE_FILE.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`);

/**
 * The user's code starts on line 2 of what QuickJS compiles (line 1 opens the wrapper
 * function), so lines shift by one and columns do not shift at all.
 */
function locateInUserCode(description: ThrownDescription, userCode: string): { line?: number; column?: number } {
  let line: number | undefined;
  let column: number | undefined;
  if (description.fileName === USER_CODE_FILE && description.lineNumber !== undefined) {
    line = Number(description.lineNumber);
    column = description.columnNumber === undefined ? undefined : Number(description.columnNumber);
  } else {
    const frame = description.stack ? USER_FRAME.exec(description.stack) : null;
    if (frame) {
      line = Number(frame[1]);
      column = frame[2] === undefined ? undefined : Number(frame[2]);
    }
  }
  if (line === undefined || !Number.isFinite(line)) return {};
  const userLineCount = userCode.split('\n').length;
  // An error on the wrapper's closing line (e.g. "unexpected end of input") belongs to the
  // user's last line.
  const userLine = Math.min(Math.max(line - 1, 1), userLineCount);
  return userLine === line - 1 && column !== undefined && Number.isFinite(column)
    ? { line: userLine, column }
    : { line: userLine };
}
