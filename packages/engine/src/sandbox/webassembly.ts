/**
 * The part of WebAssembly's JavaScript API the sandbox uses. Node provides it at run time,
 * but the project's TypeScript lib (ES2023, no DOM) does not declare it.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

/** A compiled WebAssembly.Module: opaque here, and cloneable to worker threads. */
export interface CompiledWasm {
  readonly __compiledWasm: never;
}

interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<CompiledWasm>;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
