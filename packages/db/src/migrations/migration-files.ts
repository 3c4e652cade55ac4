import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

/** packages/db/prisma, wherever this file was compiled to (src/ in tests, dist/ at run time). */
export const PRISMA_DIR = path.resolve(__dirname, '../../prisma');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
/** Each migration keeps the schema it was generated from, so the next one is a schema-to-schema diff. */
export const SCHEMA_SNAPSHOT_FILE = 'schema.prisma';
const LOCKFILE = 'migration_lock.toml';

export interface MigrationDirectory {
  name: string;
  sql: string;
  schemaSnapshot: string | null;
}

export async function readMigrations(migrationsDir = MIGRATIONS_DIR): Promise<MigrationDirectory[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(migrationsDir, name);
      const snapshotPath = path.join(dir, SCHEMA_SNAPSHOT_FILE);
      return {
        name,
        sql: await readFile(path.join(dir, 'migration.sql'), 'utf8'),
        schemaSnapshot: existsSync(snapshotPath) ? await readFile(snapshotPath, 'utf8') : null,
      };
    }),
  );
}

/** The shape the schema engine (and `prisma migrate deploy`) expects. */
export async function toMigrationList(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const migrations = await readMigrations(migrationsDir);
  const lockPath = path.join(migrationsDir, LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: migration.sql } },
    })),
  };
}
