import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type ConfluxPrismaClient = PrismaClient;

export interface PrismaClientOptions {
  /** Largest number of pooled connections this client opens. */
  poolSize?: number;
  /** Called when Postgres drops an idle pooled connection (restart, shutdown). */
  onConnectionLost?: (error: Error) => void;
}

/**
 * The one way to get a Prisma client: Prisma 7's query compiler over node-postgres
 * (`@prisma/adapter-pg`), so no native query engine is downloaded or started.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const onConnectionLost = options.onConnectionLost ?? (() => {});
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: options.poolSize ?? 10 },
    { onPoolError: onConnectionLost, onConnectionError: onConnectionLost },
  );
  return new PrismaClient({ adapter });
}
