import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseSettings {
  /** When set, Conflux uses this database and starts nothing. */
  databaseUrl?: string;
  /** Where the embedded cluster keeps its files (git-ignored `.conflux/` by default). */
  stateDir: string;
  embeddedPort: number;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  /** Stops what was started here (the embedded cluster); a no-op for DATABASE_URL. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given, otherwise the embedded Postgres. */
export async function resolveDatabase(settings: DatabaseSettings, log?: (message: string) => void): Promise<ResolvedDatabase> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: false, stop: async () => {} };
  }
  const cluster = await startEmbeddedPostgres({
    stateDir: path.join(settings.stateDir, 'postgres'),
    port: settings.embeddedPort,
    database: 'conflux',
    log,
  });
  return { url: cluster.url, embedded: true, stop: () => cluster.stop() };
}
