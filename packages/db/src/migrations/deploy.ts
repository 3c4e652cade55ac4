import { Client } from 'pg';
import { NO_FILTERS, withSchemaEngine } from './schema-engine';
import { MIGRATIONS_DIR, readMigrations, toMigrationList } from './migration-files';

/** Any constant works; it only has to be the same for every Conflux process. */
const MIGRATION_LOCK_ID = 4_242_017;

/**
 * Applies every pending migration, as `prisma migrate deploy` does, and records them in
 * `_prisma_migrations` (so the Prisma CLI on a connected machine agrees with us).
 * An advisory lock serialises API and worker processes that start at the same moment.
 */
export async function deployMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const migrationsList = await toMigrationList(migrationsDir);
    const result = await withSchemaEngine(databaseUrl, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    return result.appliedMigrationNames;
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.end();
  }
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this build (a newer version ran here). */
  unknown: string[];
  failed: string[];
}

/** Compares the migration folder with `_prisma_migrations`, using a plain SQL query. */
export async function migrationStatus(
  query: (sql: string) => Promise<Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>>,
  migrationsDir = MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  const known = (await readMigrations(migrationsDir)).map((migration) => migration.name);
  let rows: Awaited<ReturnType<typeof query>> = [];
  try {
    rows = await query('select migration_name, finished_at, rolled_back_at from _prisma_migrations');
  } catch (error) {
    // No migrations table yet means nothing is applied; any other error is real.
    if (!/_prisma_migrations/.test(String((error as Error).message))) throw error;
  }
  const live = rows.filter((row) => row.rolled_back_at === null);
  const applied = live.filter((row) => row.finished_at !== null).map((row) => row.migration_name);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
    failed,
  };
}
