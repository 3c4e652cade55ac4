export * from './generated/prisma/client';
export { createPrismaClient, type ConfluxPrismaClient, type PrismaClientOptions } from './client';
export { deployMigrations, migrationStatus, type MigrationStatus } from './migrations/deploy';
export { createMigration } from './migrations/create';
export { MIGRATIONS_DIR, SCHEMA_PATH, readMigrations } from './migrations/migration-files';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres';
export { resolveDatabase, type DatabaseSettings, type ResolvedDatabase } from './embedded/resolve-database';
