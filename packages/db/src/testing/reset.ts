import type { PrismaClient } from '../generated/prisma/client';

/** Empties every application table (not the migration history) between tests. */
export async function truncateAll(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<Array<{ tablename: string }>>`
    select tablename from pg_tables where schemaname = current_schema() and tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map(({ tablename }) => `"${tablename}"`).join(', ');
  await prisma.$executeRawUnsafe(`truncate ${list} restart identity cascade`);
}
