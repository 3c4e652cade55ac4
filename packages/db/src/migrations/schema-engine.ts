import { readFile } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { SCHEMA_PATH } from './migration-files';

type SchemaEngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// @types/node does not declare the WebAssembly global (lib.dom does); this is all we use of it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
};

let loaded: Promise<SchemaEngineModule> | undefined;
let lastPanicMessage: string | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly: the same engine as the CLI's
 * `migrate` commands, without the native binary the CLI downloads at start-up (which fails
 * offline). Its generated `schema_engine.js` imports the .wasm file as an ES module, which
 * Node rejects, so we instantiate the module by hand (see TOOLCHAIN.md).
 */
function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  loaded ??= (async () => {
    // The engine reports a Rust panic's message here before throwing; keep it for the error.
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => {
        lastPanicMessage = message;
      },
    };
    const bg: SchemaEngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = new WebAssembly.Module(await readFile(wasmPath));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    bg.__wbg_set_wasm(instance.exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return loaded;
}

export interface SchemaFile {
  path: string;
  content: string;
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Runs `work` with a schema engine connected to `databaseUrl` and frees the engine
 * afterwards. The engine connects as it starts, even for work that only diffs schema files.
 */
export async function withSchemaEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadSchemaEngineModule();
  // The engine panics without at least one schema file, whatever the command.
  const datamodels: SchemaFile[] = [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, 'utf8') }];
  // engine.free() does not close the connections the engine opened, and an open one keeps
  // Prisma's migration advisory lock (the next engine then waits 10 s for it): the pool is
  // ours, and we end it.
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const trackedFactory = new PrismaPg(pool);
  const engine = await bg.SchemaEngine.new(
    { datamodels: datamodels.map((file) => [file.path, file.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(trackedFactory),
  );
  try {
    return await work(engine);
  } catch (error) {
    if (lastPanicMessage) {
      const message = lastPanicMessage;
      lastPanicMessage = undefined;
      throw new Error(`Prisma schema engine failed: ${message}`, { cause: error });
    }
    throw error;
  } finally {
    engine.free();
    await pool.end().catch(() => undefined);
  }
}
