import pino, { type Logger } from 'pino';
import { createPrismaClient, deployMigrations, resolveDatabase, type PrismaClient, type ResolvedDatabase } from '@conflux/db';
import type { Settings } from './config/settings';
import { migrateQueue } from './worker/worker';

export interface BootedDatabase {
  database: ResolvedDatabase;
  prisma: PrismaClient;
}

export function createLog(settings: Pick<Settings, 'logLevel'>): Logger {
  return pino({ level: settings.logLevel, base: { service: 'conflux' } });
}

/**
 * The start-up path shared by the API and the standalone worker: DATABASE_URL or the
 * embedded Postgres, then every pending migration, then the Prisma client.
 */
export async function bootDatabase(settings: Settings, log: Logger, shutdown: Shutdown): Promise<BootedDatabase> {
  const database = await resolveDatabase(
    { databaseUrl: settings.databaseUrl, stateDir: settings.dataDir, embeddedPort: settings.embeddedPostgresPort },
    (message) => log.debug({ component: 'embedded-postgres' }, message),
  );
  shutdown.defer(() => database.stop());
  if (database.embedded) {
    log.info({ dataDir: settings.dataDir, port: settings.embeddedPostgresPort }, 'embedded Postgres started');
  }
  try {
    const applied = await deployMigrations(database.url);
    log.info({ applied }, applied.length ? 'migrations applied' : 'database schema is current');
    await migrateQueue(database.url, log);
  } catch (error) {
    await database.stop();
    throw error;
  }
  // (the Prisma client is disconnected by the Nest app, or by the caller)
  const prisma = createPrismaClient(database.url, {
    onConnectionLost: (error) => log.warn({ err: error.message }, 'database connection lost'),
  });
  return { database, prisma };
}

/**
 * Stops what the process started, last started first, on SIGINT or SIGTERM. Installed
 * before anything starts, so a signal during start-up still stops the embedded Postgres.
 */
export class Shutdown {
  /** True once a signal has started the shutdown; start-up errors after that are expected. */
  static inProgress = false;
  private readonly steps: Array<() => Promise<unknown>> = [];

  constructor(private readonly log: Logger) {
    process.on('SIGINT', this.handle);
    process.on('SIGTERM', this.handle);
  }

  /** Registers a stop step; it runs before every step registered earlier. */
  defer(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }

  private readonly handle = (signal: NodeJS.Signals) => {
    if (Shutdown.inProgress) return;
    Shutdown.inProgress = true;
    this.log.info({ signal }, 'shutting down');
    this.run().then(
      () => process.exit(0),
      (error) => {
        this.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  private async run(): Promise<void> {
    for (const step of this.steps) await step();
  }
}
