import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createMigration } from './create';
import { deployMigrations, migrationStatus } from './deploy';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './migration-files';
import { NO_FILTERS, withSchemaEngine } from './schema-engine';
import { createScratchDatabase, currentTestServer, dropScratchDatabase } from '../testing/test-database';

/** Everything about a database's structure that a migration can change, in a stable order. */
async function describeSchema(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`
        select table_name, column_name, data_type, udt_name, is_nullable, column_default
        from information_schema.columns
        where table_schema = 'public' and table_name <> '_prisma_migrations'
        order by table_name, column_name`),
      constraints: await q(`
        select rel.relname as table_name, con.conname, con.contype, pg_get_constraintdef(con.oid) as definition
        from pg_constraint con join pg_class rel on rel.oid = con.conrelid
        join pg_namespace ns on ns.oid = rel.relnamespace
        where ns.nspname = 'public' and rel.relname <> '_prisma_migrations'
        order by rel.relname, con.conname`),
      indexes: await q(`
        select tablename, indexname, indexdef from pg_indexes
        where schemaname = 'public' and tablename <> '_prisma_migrations'
        order by tablename, indexname`),
      enums: await q(`
        select t.typname, e.enumlabel, e.enumsortorder from pg_type t
        join pg_enum e on e.enumtypid = t.oid
        order by t.typname, e.enumsortorder`),
    };
  }
  finally {
    await client.end();
  }
}

async function execute(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const server = currentTestServer();
  const scratch: string[] = [];
  const fresh = async () => {
    const name = await createScratchDatabase(server, 'conflux_migrations');
    scratch.push(name);
    return server.urlFor(name);
  };
  afterAll(async () => {
    for (const name of scratch) await dropScratchDatabase(server, name);
  });

  it('applied to an empty database give exactly what schema.prisma describes', async () => {
    const migrated = await fresh();
    const applied = await deployMigrations(migrated);
    expect(applied.length).toBeGreaterThan(0);

    // The reference: the SQL Prisma derives from schema.prisma alone, applied in one go.
    const reference = await fresh();
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const diff = await withSchemaEngine(reference, (engine) =>
      engine.diff({
        from: { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      }),
    );
    await execute(reference, diff.stdout ?? '');

    const [got, want] = await Promise.all([describeSchema(migrated), describeSchema(reference)]);
    expect(got.columns.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it('deploys only what is pending and reports status', async () => {
    const url = await fresh();
    const query = async (sql: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    const before = await migrationStatus(query);
    expect(before.applied).toEqual([]);
    expect(before.pending.length).toBeGreaterThan(0);

    await deployMigrations(url);
    expect(await deployMigrations(url)).toEqual([]);
    const after = await migrationStatus(query);
    expect(after.pending).toEqual([]);
    expect(after.applied).toEqual(before.pending);
  });

  it('writes a new migration from the change in the schema, and nothing when unchanged', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'conflux-migrations-'));
    try {
      const migrationsDir = path.join(dir, 'migrations');
      await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const schemaPath = path.join(dir, 'schema.prisma');
      const schema = await readFile(SCHEMA_PATH, 'utf8');
      const databaseUrl = server.urlFor('postgres');

      await writeFile(schemaPath, schema);
      expect(await createMigration({ name: 'nothing', databaseUrl, schemaPath, migrationsDir })).toEqual({ created: false });

      await writeFile(schemaPath, schema.replace(/(model System \{\n)/, '$1  color String?\n'));
      const result = await createMigration({
        name: 'Add system color',
        databaseUrl,
        schemaPath,
        migrationsDir,
        now: new Date('2099-01-02T03:04:05Z'),
      });
      expect(result).toMatchObject({ created: true, directory: path.join(migrationsDir, '20990102030405_add_system_color') });
      if (!result.created) throw new Error('unreachable');
      expect(result.sql).toMatch(/ALTER TABLE "System" ADD COLUMN\s+"color" TEXT/);

      // The new migration applies on top of the committed ones.
      const url = await fresh();
      const applied = await deployMigrations(url, migrationsDir);
      expect(applied.at(-1)).toBe('20990102030405_add_system_color');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
