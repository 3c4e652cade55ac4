// npm run migrate -w @conflux/db: applies pending migrations to DATABASE_URL.
import { deployMigrations } from '../migrations/deploy';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set.');
    process.exit(2);
  }
  const applied = await deployMigrations(url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
}

// exit explicitly: the schema engine leaves a timer running for a while after its work.
main().then(() => process.exit(0), (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
