import type { NestExpressApplication } from '@nestjs/platform-express';
import { createPrismaClient, type PrismaClient } from '@conflux/db';
import { createApp } from '../src/app';
import { loadSettings } from '../src/config/settings';
import { migrateQueue } from '../src/worker/worker';
import pino from 'pino';

/** A fixed key, so tests can decrypt what the app stored. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestApp {
  app: NestExpressApplication;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** The real Nest application on the run's test database (see the Jest global setup). */
export async function startTestApp(
  databaseUrl = process.env.DATABASE_URL!,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const settings = { ...loadSettings({ DATABASE_URL: databaseUrl }), logLevel: options.logStream ? ('debug' as const) : ('silent' as const) };
  await migrateQueue(databaseUrl, pino({ level: 'silent' }));
  const prisma = createPrismaClient(databaseUrl, { poolSize: 4 });
  const app = await createApp({ settings, secretKey: TEST_SECRET_KEY, prisma, database: { url: databaseUrl, embedded: false }, logStream: options.logStream });
  await app.init();
  return {
    app,
    prisma,
    close: async () => {
      await app.close();
      await prisma.$disconnect();
    },
  };
}
