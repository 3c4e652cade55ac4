import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  RELEASE_SYNC,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { webAssembly, type CompiledWasm } from './webassembly';

const WASM_PAGE_BYTES = 64 * 1024;
/** The QuickJS build declares a 16 MiB minimum heap; a smaller memory does not link. */
const INITIAL_HEAP_PAGES = 256;
const MAXIMUM_HEAP_PAGES = 32_768;

// The variant's own loader uses a dynamic import(), which Jest's CommonJS sandbox refuses;
// requiring the CommonJS build of the same Emscripten module works everywhere. Resolving
// from quickjs-emscripten keeps it to that package's own, pinned dependency.
const requireFromQuickJS = createRequire(require.resolve('quickjs-emscripten'));
const EMSCRIPTEN_MODULE = '@jitl/quickjs-wasmfile-release-sync/emscripten-module';
const WASM_FILE = '@jitl/quickjs-wasmfile-release-sync/wasm';

const releaseSyncVariant: QuickJSSyncVariant = {
  type: 'sync',
  importFFI: RELEASE_SYNC.importFFI,
  importModuleLoader: async () =>
    requireFromQuickJS(EMSCRIPTEN_MODULE) as Awaited<ReturnType<QuickJSSyncVariant['importModuleLoader']>>,
};

/** Compiled once per process and shared with every sandbox worker (a compiled module clones cheaply). */
export async function compileQuickJSWasm(): Promise<CompiledWasm> {
  return webAssembly.compile(await readFile(requireFromQuickJS.resolve(WASM_FILE)));
}

interface EmscriptenHeap {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

/**
 * QuickJS's own memory limit cannot be trusted in this build: under Emscripten it counts
 * 8 bytes per allocation whatever the size (justjake/quickjs-emscripten#271), so a loop of
 * megabyte strings sails past a 16 MiB limit. The heap is therefore bounded from outside:
 * the WebAssembly memory refuses to grow past a per-run ceiling (malloc then returns NULL
 * and QuickJS throws "out of memory"), and free space already inside the heap beyond the
 * run's budget is taken by a ballast allocation for the duration of the run.
 */
class HeapGuard {
  readonly memory = new webAssembly.Memory({ initial: INITIAL_HEAP_PAGES, maximum: MAXIMUM_HEAP_PAGES });
  private ceilingBytes = Number.POSITIVE_INFINITY;
  growthRefused = false;

  constructor() {
    const grow = this.memory.grow.bind(this.memory);
    // Emscripten's heap resize calls memory.grow() on this very object.
    this.memory.grow = (deltaPages: number) => {
      if (this.memory.buffer.byteLength + deltaPages * WASM_PAGE_BYTES > this.ceilingBytes) {
        this.growthRefused = true;
        throw new RangeError('sandbox heap ceiling reached');
      }
      return grow(deltaPages);
    };
  }

  get heapBytes(): number {
    return this.memory.buffer.byteLength;
  }

  setCeiling(bytes: number): void {
    this.ceilingBytes = bytes;
    this.growthRefused = false;
  }

  removeCeiling(): void {
    this.ceilingBytes = Number.POSITIVE_INFINITY;
  }
}

export class GuardedQuickJS {
  private constructor(
    readonly quickjs: QuickJSWASMModule,
    private readonly heap: HeapGuard,
    private readonly allocator: EmscriptenHeap | undefined,
    /** Heap in use with no runtime alive: Emscripten's static data, stack and allocator state. */
    private readonly baselineBytes: number,
  ) {}

  static async load(wasmModule: CompiledWasm): Promise<GuardedQuickJS> {
    const heap = new HeapGuard();
    const quickjs = await newQuickJSWASMModuleFromVariant(
      newVariant(releaseSyncVariant, { wasmModule, wasmMemory: heap.memory }),
    );
    const allocator = findAllocator(quickjs);
    const baselineBytes = allocator ? heap.heapBytes - largestFreeBlock(heap, allocator) : heap.heapBytes;
    return new GuardedQuickJS(quickjs, heap, allocator, baselineBytes);
  }

  get heapBytes(): number {
    return this.heap.heapBytes;
  }

  /**
   * Runs `work` with about `budgetBytes` of heap available to it, and reports whether it
   * hit that ceiling. Everything created before (a prepared runtime) counts against it.
   */
  withHeapBudget<T>(budgetBytes: number, work: () => T): { value: T; heapExhausted: boolean } {
    const heapBytes = this.heap.heapBytes;
    const targetBytes = this.baselineBytes + budgetBytes;
    let ballast = 0;
    if (this.allocator && heapBytes > targetBytes) {
      this.heap.setCeiling(heapBytes);
      ballast = this.allocator._malloc(heapBytes - targetBytes);
    }
    this.heap.setCeiling(Math.max(roundUpToPage(targetBytes), ballast ? heapBytes : 0));
    try {
      const value = work();
      return { value, heapExhausted: this.heap.growthRefused };
    } finally {
      if (ballast) this.allocator?._free(ballast);
      this.heap.removeCeiling();
    }
  }
}

function findAllocator(quickjs: QuickJSWASMModule): EmscriptenHeap | undefined {
  // `module` is protected in the typings; without malloc/free the guard still caps growth.
  const module = (quickjs as unknown as { module?: Partial<EmscriptenHeap> }).module;
  return typeof module?._malloc === 'function' && typeof module._free === 'function'
    ? (module as EmscriptenHeap)
    : undefined;
}

/** Binary search with growth forbidden: the biggest malloc that fits in the current heap. */
function largestFreeBlock(heap: HeapGuard, allocator: EmscriptenHeap): number {
  heap.setCeiling(heap.heapBytes);
  let fits = 0;
  let doesNotFit = heap.heapBytes;
  while (doesNotFit - fits > 4096) {
    const probe = Math.floor((fits + doesNotFit) / 2);
    const pointer = allocator._malloc(probe);
    if (pointer) {
      allocator._free(pointer);
      fits = probe;
    } else {
      doesNotFit = probe;
    }
  }
  heap.removeCeiling();
  return fits;
}

function roundUpToPage(bytes: number): number {
  return Math.ceil(bytes / WASM_PAGE_BYTES) * WASM_PAGE_BYTES;
}
