// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/ from the
// change in schema.prisma. Review the SQL before committing it.
import { createMigration } from '../migrations/create';
import { startTestServer } from '../testing/test-database';

async function main() {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: npm run db:migration -- <name>');
    process.exit(2);
  }
  // DATABASE_URL's server when set, otherwise a throw-away embedded cluster.
  const server = await startTestServer();
  const result = await createMigration({ name, databaseUrl: server.urlFor('postgres') }).finally(() => server.stop());
  if (!result.created) {
    console.log('schema.prisma has no change since the last migration; nothing written.');
    return;
  }
  console.log(`Wrote ${result.directory}/migration.sql:\n\n${result.sql}`);
}

// exit explicitly: the schema engine leaves a timer running for a while after its work.
main().then(() => process.exit(0), (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
